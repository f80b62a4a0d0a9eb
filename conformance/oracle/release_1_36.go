//go:build k8s_1_37 || k8s_1_36 || !(k8s_1_34 || k8s_1_35)

package main

// Glue for 1.36 and 1.37: their StatefulSetController.sync is the same text. The default build
// (no release tag) is the newest release, the one the directory's go.mod names.

import (
	clientset "k8s.io/client-go/kubernetes"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/kubernetes/pkg/controller/history"
	"k8s.io/kubernetes/pkg/controller/statefulset"
	consistencyutil "k8s.io/kubernetes/pkg/controller/util/consistency"
)

// addRevisionIndexer gives the revision cache the by-controller index history reads from 1.36.
func addRevisionIndexer(informer cache.SharedIndexInformer) {
	if err := history.AddControllerRevisionControllerIndexer(informer); err != nil {
		panic(err)
	}
}

// newControl wires the release's control. The consistency store is the no-op one: with the
// StaleControllerConsistencyStatefulSet gate on, upstream's store only delays a sync that follows
// the controller's own earlier writes until the caches have seen them, and a one-sync oracle has
// no earlier writes.
func newControl(client clientset.Interface, pods corelisters.PodLister,
	claims corelisters.PersistentVolumeClaimLister, sets appslisters.StatefulSetLister,
	revs appslisters.ControllerRevisionLister, revIndex cache.Indexer,
	recorder record.EventRecorder) statefulset.StatefulSetControlInterface {
	store := consistencyutil.NewNoopConsistencyStore()
	return statefulset.NewDefaultStatefulSetControl(
		statefulset.NewStatefulPodControl(client, pods, claims, recorder, store),
		statefulset.NewRealStatefulSetStatusUpdater(client, sets, store),
		history.NewHistory(client, revs, revIndex))
}

func consistencyReady(namespace, name string) error { return nil }
