//go:build k8s_1_37 || k8s_1_36 || !(k8s_1_34 || k8s_1_35)

package main

// Glue for 1.36 and 1.37: their StatefulSetController.sync is the same text. The default build
// (no release tag) is the newest release, the one the directory's go.mod names.

import (
	"context"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	clientset "k8s.io/client-go/kubernetes"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/kubernetes/pkg/controller"
	"k8s.io/kubernetes/pkg/controller/history"
	"k8s.io/kubernetes/pkg/controller/statefulset"
	consistencyutil "k8s.io/kubernetes/pkg/controller/util/consistency"
	clocktesting "k8s.io/utils/clock/testing"
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

// updateAndRequeue runs the control at one instant used for both the status and the requeue.
// While some ready pods are not yet available (minReadySeconds > 0), the set is re-added after
// the earliest moment one of them turns available, or after minReadySeconds when no pod gives
// such a moment.
func updateAndRequeue(ctx context.Context, e *syncEnv, set *apps.StatefulSet, pods []*v1.Pod, now time.Time) error {
	status, err := e.control.UpdateStatefulSet(ctx, set, pods, now)
	if err != nil {
		return err
	}
	if set.Spec.MinReadySeconds > 0 && status != nil && status.ReadyReplicas != status.AvailableReplicas {
		delay := time.Duration(set.Spec.MinReadySeconds) * time.Second
		if next := controller.FindMinNextPodAvailabilityCheck(pods, set.Spec.MinReadySeconds, now,
			clocktesting.NewFakePassiveClock(now)); next != nil {
			delay = *next
		}
		e.enqueueAfter(delay)
	}
	return nil
}
