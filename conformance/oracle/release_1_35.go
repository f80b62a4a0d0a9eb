//go:build k8s_1_34 || k8s_1_35

package main

// Glue shared by 1.34 and 1.35: before 1.36 the pod control and status updater take no consistency
// store and the history lists revisions from the plain lister.

import (
	clientset "k8s.io/client-go/kubernetes"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/kubernetes/pkg/controller/history"
	"k8s.io/kubernetes/pkg/controller/statefulset"
)

// addRevisionIndexer does nothing: these releases' history has no by-controller index.
func addRevisionIndexer(cache.SharedIndexInformer) {}

func newControl(client clientset.Interface, pods corelisters.PodLister,
	claims corelisters.PersistentVolumeClaimLister, sets appslisters.StatefulSetLister,
	revs appslisters.ControllerRevisionLister, _ cache.Indexer,
	recorder record.EventRecorder) statefulset.StatefulSetControlInterface {
	return statefulset.NewDefaultStatefulSetControl(
		statefulset.NewStatefulPodControl(client, pods, claims, recorder),
		statefulset.NewRealStatefulSetStatusUpdater(client, sets),
		history.NewHistory(client, revs))
}

// consistencyReady always passes: these releases have no consistency store.
func consistencyReady(namespace, name string) error { return nil }
