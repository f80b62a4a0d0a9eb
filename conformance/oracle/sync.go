package main

import (
	"context"
	"fmt"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/kubernetes/pkg/controller"
	"k8s.io/kubernetes/pkg/controller/statefulset"
)

// controllerKind is the kind the controller stamps into the owner references it writes.
var controllerKind = apps.SchemeGroupVersion.WithKind("StatefulSet")

// syncEnv is one line's controller: upstream's StatefulSet control, pod control, history and
// status updater over the caches, writing to a fresh fake clientset and recording events. It is
// built anew per line because upstream's control keeps a revision-equality cache across syncs.
type syncEnv struct {
	client     *fake.Clientset
	timeline   *timeline
	caches     *caches
	setLister  appslisters.StatefulSetLister
	podControl controller.PodControlInterface
	control    statefulset.StatefulSetControlInterface
	// requeue is the smallest delay the sync asked to be re-added after, nil when it asked none.
	requeue *time.Duration
}

func newSyncEnv(c *caches, seed []runtime.Object) *syncEnv {
	client := fake.NewSimpleClientset(seed...)
	tl := &timeline{main: goroutineID()}
	client.PrependReactor("*", "*", func(a clienttesting.Action) (bool, runtime.Object, error) {
		tl.addAction(a)
		return false, nil, nil // let the tracker answer
	})
	events := &eventLog{tl}
	setLister := appslisters.NewStatefulSetLister(c.sets)
	return &syncEnv{
		client:     client,
		timeline:   tl,
		caches:     c,
		setLister:  setLister,
		podControl: controller.RealPodControl{KubeClient: client, Recorder: events},
		control: newControl(client, corelisters.NewPodLister(c.pods),
			corelisters.NewPersistentVolumeClaimLister(c.claims), setLister,
			appslisters.NewControllerRevisionLister(c.revisions), c.revisions, events),
	}
}

func (e *syncEnv) enqueueAfter(d time.Duration) {
	if e.requeue == nil || d < *e.requeue {
		e.requeue = &d
	}
}

// sync is one pass of the controller's work-queue handler for the set namespace/name, at the
// instant wall. Its steps follow StatefulSetController.sync of the release: find the set in the
// cache (gone: nothing to do), turn its selector into a label selector (unusable: give up without
// retry), adopt orphan revisions, claim pods, then let the release's control update the set and
// decide the delayed requeue.
func (e *syncEnv) sync(ctx context.Context, namespace, name string, wall time.Time) error {
	if err := consistencyReady(namespace, name); err != nil {
		return err
	}
	set, err := e.setLister.StatefulSets(namespace).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	selector, err := metav1.LabelSelectorAsSelector(set.Spec.Selector)
	if err != nil {
		// A selector that cannot be parsed will not parse on a retry either.
		return nil
	}
	if err := e.adoptOrphanRevisions(ctx, set); err != nil {
		return err
	}
	candidates, err := controller.FilterPodsByOwner(e.caches.pods, &set.ObjectMeta, "StatefulSet", true)
	if err != nil {
		return err
	}
	// Pods whose names do not say they belong to this set are released or left alone, whatever
	// their labels.
	belongs := func(pod *v1.Pod) bool { return parentName(pod.Name) == set.Name }
	refs := controller.NewPodControllerRefManager(e.podControl, set, selector, controllerKind, e.canAdopt(set))
	pods, err := refs.ClaimPods(ctx, candidates, belongs)
	if err != nil {
		return err
	}
	return updateAndRequeue(ctx, e, set, pods, wall)
}

// adoptOrphanRevisions takes ownership of the revisions the set's selector matches that have no
// controller, after making sure, with a read that bypasses the cache, that the set still exists.
func (e *syncEnv) adoptOrphanRevisions(ctx context.Context, set *apps.StatefulSet) error {
	revisions, err := e.control.ListRevisions(set)
	if err != nil {
		return err
	}
	var orphans []*apps.ControllerRevision
	for _, r := range revisions {
		if metav1.GetControllerOf(r) == nil {
			orphans = append(orphans, r)
		}
	}
	if len(orphans) == 0 {
		return nil
	}
	if err := e.canAdopt(set)(ctx); err != nil {
		return fmt.Errorf("can't adopt ControllerRevisions: %v", err)
	}
	return e.control.AdoptOrphanRevisions(set, orphans)
}

// canAdopt reads the set from the API server itself (not the cache): adoption is refused when the
// set is gone, was replaced by another of the same name, or is being deleted.
func (e *syncEnv) canAdopt(set *apps.StatefulSet) func(context.Context) error {
	return controller.RecheckDeletionTimestamp(func(ctx context.Context) (metav1.Object, error) {
		fresh, err := e.client.AppsV1().StatefulSets(set.Namespace).Get(ctx, set.Name, metav1.GetOptions{})
		if err != nil {
			return nil, err
		}
		if fresh.UID != set.UID {
			return nil, fmt.Errorf("original StatefulSet %v/%v is gone: got uid %v, wanted %v",
				set.Namespace, set.Name, fresh.UID, set.UID)
		}
		return fresh, nil
	})
}

// parentName is the set name a pod name claims membership of: everything before the last
// "-<digits>", or "" when the name does not end that way.
func parentName(podName string) string {
	i := len(podName)
	for i > 0 && podName[i-1] >= '0' && podName[i-1] <= '9' {
		i--
	}
	if i == len(podName) || i == 0 || podName[i-1] != '-' {
		return ""
	}
	return podName[:i-1]
}
