//go:build k8s_1_34

package main

import (
	"context"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
)

// updateAndRequeue of 1.34: the control takes no instant (it reads the wall clock itself when it
// judges availability). While fewer pods are available than the spec asks for and
// minReadySeconds > 0, the set is re-added after minReadySeconds, whatever the pods' ready times.
func updateAndRequeue(ctx context.Context, e *syncEnv, set *apps.StatefulSet, pods []*v1.Pod, _ time.Time) error {
	status, err := e.control.UpdateStatefulSet(ctx, set, pods)
	if err != nil {
		return err
	}
	if set.Spec.MinReadySeconds > 0 && status != nil && status.AvailableReplicas != *set.Spec.Replicas {
		e.enqueueAfter(time.Duration(set.Spec.MinReadySeconds) * time.Second)
	}
	return nil
}
