//go:build !k8s_1_34

package main

import (
	"context"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/controller"
	clocktesting "k8s.io/utils/clock/testing"
)

// updateAndRequeue from 1.35 runs the control at one instant used for both the status and the requeue.
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
