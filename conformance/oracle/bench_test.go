package main

// Peer benchmark (issue item 5): how long upstream's own sync takes on large observations, the
// figure Ordinal's planner is compared with. Only the sync is timed; filling the caches and seeding
// the fake clientset, which a real controller's informers do outside the sync, are not.
//
//   conformance/oracle/test.sh 1.37 -run '^$' -bench BenchmarkUpstreamSync -benchtime 3x

import (
	"context"
	"fmt"
	"testing"
	"time"

	apps "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

func BenchmarkUpstreamSync(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		for _, shape := range []string{"steady", "rollout"} {
			b.Run(fmt.Sprintf("%s/pods=%d", shape, n), func(b *testing.B) {
				obs := benchObservation(b, n, shape == "rollout")
				o := newOracle()
				calls := 0
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					env := prepare(b, o, obs)
					b.StartTimer()
					if err := env.sync(context.Background(), obs.set.Namespace, obs.set.Name, obs.now); err != nil {
						b.Fatal(err)
					}
					calls = len(env.client.Actions())
				}
				b.ReportMetric(float64(calls), "calls/op")
			})
		}
	}
}

func prepare(b *testing.B, o *oracle, obs *observation) *syncEnv {
	if err := o.caches.fill(obs); err != nil {
		b.Fatal(err)
	}
	seed := seedObjects(obs)
	for i := range seed {
		seed[i] = seed[i].DeepCopyObject()
	}
	return newSyncEnv(o.caches, seed)
}

// benchObservation is a Parallel set of n ready pods. Steady: all pods at the set's revision, so
// the sync only verifies. Rollout: the template changed since the pods were made, so the sync
// creates the new revision and starts replacing pods.
func benchObservation(b *testing.B, n int, rollout bool) *observation {
	set := newTestSet("web", int32(n))
	set.Spec.PodManagementPolicy = apps.ParallelPodManagement
	rev := revisionFor(b, set)
	long := testNow.Add(-time.Hour).Truncate(time.Second)
	obs := &observation{id: "bench", now: testNow, set: set, revisions: []*apps.ControllerRevision{rev}}
	for i := 0; i < n; i++ {
		p := readySince(newTestPod(set, i), long)
		p.Labels[apps.ControllerRevisionHashLabelKey] = rev.Name
		obs.pods = append(obs.pods, p)
	}
	r := int32(n)
	set.Status = apps.StatefulSetStatus{ObservedGeneration: 1, Replicas: r, ReadyReplicas: r,
		CurrentReplicas: r, UpdatedReplicas: r, AvailableReplicas: r, CurrentRevision: rev.Name,
		UpdateRevision: rev.Name, CollisionCount: new(int32)}
	if rollout {
		set.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
		set.Generation = 2
	}
	return obs
}

// revisionFor lets upstream itself make the revision of set's current template: one sync of the
// set with no pods creates it.
func revisionFor(b *testing.B, set *apps.StatefulSet) *apps.ControllerRevision {
	probe := set.DeepCopy()
	zero := int32(0)
	probe.Spec.Replicas = &zero
	o := newOracle()
	env := prepare(b, o, &observation{set: probe})
	if err := env.sync(context.Background(), probe.Namespace, probe.Name, testNow); err != nil {
		b.Fatal(err)
	}
	for _, a := range env.client.Actions() {
		if a.GetVerb() == "create" && a.GetResource().Resource == "controllerrevisions" {
			rev := a.(interface{ GetObject() runtime.Object }).GetObject().(*apps.ControllerRevision).DeepCopy()
			rev.Namespace = set.Namespace
			return rev
		}
	}
	b.Fatal("no revision created")
	return nil
}
