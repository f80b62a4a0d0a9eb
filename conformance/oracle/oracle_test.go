package main

// Scenarios of upstream's own controller tests (stateful_set_test.go, stateful_set_control_test.go),
// restated as an observation sent to the oracle and the outcome upstream's test expects of it, so
// that the hand-written sync glue is checked against upstream's judgement and not against itself.

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
)

var testNow = time.Date(2025, 1, 2, 3, 0, 0, 500_000_000, time.UTC)

func newTestSet(name string, replicas int32) *apps.StatefulSet {
	labels := map[string]string{"app": name}
	return &apps.StatefulSet{
		TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", UID: types.UID("uid-" + name),
			Generation: 1, ResourceVersion: "7",
			CreationTimestamp: metav1.NewTime(testNow.Add(-time.Hour).Truncate(time.Second))},
		Spec: apps.StatefulSetSpec{
			Replicas:            &replicas,
			Selector:            &metav1.LabelSelector{MatchLabels: labels},
			ServiceName:         name,
			PodManagementPolicy: apps.OrderedReadyPodManagement,
			UpdateStrategy: apps.StatefulSetUpdateStrategy{Type: apps.RollingUpdateStatefulSetStrategyType,
				RollingUpdate: &apps.RollingUpdateStatefulSetStrategy{Partition: new(int32)}},
			RevisionHistoryLimit: ptrTo(int32(10)),
			PersistentVolumeClaimRetentionPolicy: &apps.StatefulSetPersistentVolumeClaimRetentionPolicy{
				WhenDeleted: apps.RetainPersistentVolumeClaimRetentionPolicyType,
				WhenScaled:  apps.RetainPersistentVolumeClaimRetentionPolicyType},
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
			},
		},
	}
}

func ptrTo[T any](v T) *T { return &v }

// newTestPod is member ordinal of set as the controller would have made it, running but not ready.
func newTestPod(set *apps.StatefulSet, ordinal int) *v1.Pod {
	name := fmt.Sprintf("%s-%d", set.Name, ordinal)
	labels := map[string]string{apps.StatefulSetPodNameLabel: name}
	for k, v := range set.Spec.Template.Labels {
		labels[k] = v
	}
	return &v1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: set.Namespace, Labels: labels,
			UID: types.UID("uid-" + name), ResourceVersion: "3",
			CreationTimestamp: metav1.NewTime(testNow.Add(-time.Minute).Truncate(time.Second)),
			OwnerReferences:   []metav1.OwnerReference{*metav1.NewControllerRef(set, controllerKind)}},
		Spec:   set.Spec.Template.Spec,
		Status: v1.PodStatus{Phase: v1.PodRunning},
	}
}

func readySince(pod *v1.Pod, t time.Time) *v1.Pod {
	pod.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: v1.ConditionTrue,
		LastTransitionTime: metav1.NewTime(t)}}
	return pod
}

type testRequest struct {
	ID           string                     `json:"id"`
	Now          string                     `json:"now"`
	FeatureGates map[string]bool            `json:"featureGates,omitempty"`
	Set          *apps.StatefulSet          `json:"set"`
	Pods         []*v1.Pod                  `json:"pods"`
	Revisions    []*apps.ControllerRevision `json:"revisions,omitempty"`
}

type testAnswer struct {
	ID                 string          `json:"id"`
	Release            string          `json:"release"`
	Invalid            *string         `json:"invalid"`
	Calls              []call          `json:"calls"`
	Events             []recordedEvent `json:"events"`
	RequeueAfterMillis *int64          `json:"requeueAfterMillis"`
	Retry              bool            `json:"retry"`
	Error              *string         `json:"error"`
}

func ask(t *testing.T, o *oracle, req testRequest) testAnswer {
	t.Helper()
	if req.Now == "" {
		req.Now = testNow.Format(time.RFC3339Nano)
	}
	line, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	return askLine(t, o, line)
}

func askLine(t *testing.T, o *oracle, line []byte) testAnswer {
	t.Helper()
	var a testAnswer
	out := o.answer(line)
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, out)
	}
	return a
}

func mustSync(t *testing.T, a testAnswer) {
	t.Helper()
	if a.Invalid != nil {
		t.Fatalf("line judged invalid: %s", *a.Invalid)
	}
	if a.Error != nil {
		t.Fatalf("sync failed: %s", *a.Error)
	}
}

// callsOf lists "verb resource[/sub] name" of every call, the shape most assertions need.
func callsOf(a testAnswer) []string {
	var out []string
	for _, c := range a.Calls {
		r := c.Resource
		if c.Subresource != "" {
			r += "/" + c.Subresource
		}
		out = append(out, c.Verb+" "+r+" "+c.Name)
	}
	return out
}

func countCalls(a testAnswer, verb, resource string) int {
	n := 0
	for _, c := range a.Calls {
		if c.Verb == verb && c.Resource == resource && c.Subresource == "" {
			n++
		}
	}
	return n
}

func statusOf(t *testing.T, a testAnswer) apps.StatefulSetStatus {
	t.Helper()
	for _, c := range a.Calls {
		if c.Verb == "update" && c.Resource == "statefulsets" && c.Subresource == "status" {
			var s apps.StatefulSet
			if err := json.Unmarshal(c.Object, &s); err != nil {
				t.Fatal(err)
			}
			return s.Status
		}
	}
	t.Fatalf("no status update among %v", callsOf(a))
	return apps.StatefulSetStatus{}
}

func minorRelease() string {
	r := release()
	if i := strings.LastIndex(r, "."); i > 0 {
		return r[:i]
	}
	return r
}

// TestStatefulSetControllerCreates / OrderedReady scale-up: from no pods, one sync creates the
// revision and only the first pod, because each pod waits for its predecessor to be ready.
func TestScaleUpUnderOrderedReadyCreatesFirstPodOnly(t *testing.T) {
	a := ask(t, newOracle(), testRequest{ID: "up", Set: newTestSet("web", 3)})
	mustSync(t, a)
	if got := countCalls(a, "create", "pods"); got != 1 {
		t.Fatalf("pods created = %d, want 1: %v", got, callsOf(a))
	}
	want := []string{"create controllerrevisions", "create pods web-0", "update statefulsets/status web"}
	got := callsOf(a)
	if len(got) != 3 || !strings.HasPrefix(got[0], want[0]) || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("calls = %v, want %v", got, want)
	}
	if len(a.Events) != 1 || a.Events[0].Reason != "SuccessfulCreate" || !strings.Contains(a.Events[0].Message, "web-0") {
		t.Fatalf("events = %+v", a.Events)
	}
	if a.RequeueAfterMillis != nil || a.Retry {
		t.Fatalf("requeue = %v retry = %v, want none", a.RequeueAfterMillis, a.Retry)
	}
}

// Parallel pod management launches every missing pod in one sync.
func TestScaleUpUnderParallelCreatesAllPods(t *testing.T) {
	set := newTestSet("web", 3)
	set.Spec.PodManagementPolicy = apps.ParallelPodManagement
	a := ask(t, newOracle(), testRequest{ID: "par", Set: set})
	mustSync(t, a)
	var created []string
	for _, c := range a.Calls {
		if c.Verb == "create" && c.Resource == "pods" {
			created = append(created, c.Name)
		}
	}
	if strings.Join(created, ",") != "web-0,web-1,web-2" {
		t.Fatalf("created = %v", created)
	}
}

// TestStatefulSetControllerDeletionTimestamp: a set being deleted gets no pods.
func TestSetBeingDeletedCreatesNoPods(t *testing.T) {
	set := newTestSet("web", 3)
	set.DeletionTimestamp = ptrTo(metav1.NewTime(testNow.Add(-10 * time.Second).Truncate(time.Second)))
	a := ask(t, newOracle(), testRequest{ID: "del", Set: set})
	mustSync(t, a)
	if got := countCalls(a, "create", "pods"); got != 0 {
		t.Fatalf("pods created = %d, want 0: %v", got, callsOf(a))
	}
}

// TestGetPodsForStatefulSetAdopt: an orphan with the set's labels and a member name is adopted;
// orphans with other labels or a foreign name are left alone. Adoption first re-reads the set.
func TestAdoptsOnlyOrphansWithMatchingLabelsAndName(t *testing.T) {
	set := newTestSet("web", 5)
	owned := newTestPod(set, 1)
	orphan := newTestPod(set, 2)
	orphan.OwnerReferences = nil
	wrongLabels := newTestPod(set, 3)
	wrongLabels.OwnerReferences = nil
	wrongLabels.Labels = nil
	wrongName := newTestPod(set, 4)
	wrongName.OwnerReferences = nil
	wrongName.Name = "x" + wrongName.Name
	a := ask(t, newOracle(), testRequest{ID: "adopt", Set: set, Pods: []*v1.Pod{owned, orphan, wrongLabels, wrongName}})
	mustSync(t, a)
	var patched []string
	for _, c := range a.Calls {
		if c.Verb == "patch" && c.Resource == "pods" {
			patched = append(patched, c.Name)
			if c.PatchType != "application/strategic-merge-patch+json" || !strings.Contains(string(c.Patch), "uid-web") {
				t.Fatalf("adoption patch = %s %s", c.PatchType, c.Patch)
			}
		}
	}
	if strings.Join(patched, ",") != "web-2" {
		t.Fatalf("patched pods = %v, want [web-2]: %v", patched, callsOf(a))
	}
	if got := callsOf(a); got[0] != "get statefulsets web" {
		t.Fatalf("first call = %q, want the uncached read of the set", got[0])
	}
}

// TestGetPodsForStatefulSetRelease: owned pods whose name or labels no longer fit are released.
func TestReleasesOwnedPodsThatNoLongerFit(t *testing.T) {
	set := newTestSet("web", 3)
	fits := newTestPod(set, 1)
	wrongName := newTestPod(set, 2)
	wrongName.Name = "x" + wrongName.Name
	wrongLabels := newTestPod(set, 3)
	wrongLabels.Labels = nil
	foreign := newTestPod(set, 4)
	foreign.OwnerReferences = nil
	foreign.Labels = nil
	a := ask(t, newOracle(), testRequest{ID: "rel", Set: set, Pods: []*v1.Pod{fits, wrongName, wrongLabels, foreign}})
	mustSync(t, a)
	var patched []string
	for _, c := range a.Calls {
		if c.Verb == "patch" && c.Resource == "pods" {
			patched = append(patched, c.Name)
			if !strings.Contains(string(c.Patch), `"$patch":"delete"`) {
				t.Fatalf("release patch of %s = %s", c.Name, c.Patch)
			}
		}
	}
	if strings.Join(patched, ",") != "web-3,xweb-2" {
		t.Fatalf("released = %v, want [web-3 xweb-2]", patched)
	}
}

// TestAdoptOrphanRevisions: a revision the selector matches but nobody controls is adopted.
func TestAdoptsOrphanRevision(t *testing.T) {
	set := newTestSet("web", 0)
	rev := &apps.ControllerRevision{
		TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ControllerRevision"},
		ObjectMeta: metav1.ObjectMeta{Name: "web-1111", Namespace: "default", Labels: map[string]string{"app": "web"},
			UID: "uid-rev"},
		Revision: 1,
	}
	a := ask(t, newOracle(), testRequest{ID: "rev", Set: set, Revisions: []*apps.ControllerRevision{rev}})
	mustSync(t, a)
	got := callsOf(a)
	if len(got) < 2 || got[0] != "get statefulsets web" || got[1] != "patch controllerrevisions web-1111" {
		t.Fatalf("calls = %v, want the set re-read then the revision patched", got)
	}
}

// TestStatefulSetAvailabilityCheck: 4 parallel pods, minReadySeconds 5, one not ready and three
// ready for 0.5 s, 2.5 s and 4.5 s. None is available yet; from 1.35 the set is re-added when the
// oldest turns available (0.5 s later), in 1.34 after minReadySeconds.
func TestRequeueAfterMinReadySeconds(t *testing.T) {
	set := newTestSet("web", 4)
	set.Spec.PodManagementPolicy = apps.ParallelPodManagement
	set.Spec.MinReadySeconds = 5
	whole := testNow.Truncate(time.Second)
	pods := []*v1.Pod{newTestPod(set, 0), readySince(newTestPod(set, 1), whole),
		readySince(newTestPod(set, 2), whole.Add(-2*time.Second)), readySince(newTestPod(set, 3), whole.Add(-4*time.Second))}
	a := ask(t, newOracle(), testRequest{ID: "avail", Set: set, Pods: pods})
	mustSync(t, a)
	st := statusOf(t, a)
	if st.ReadyReplicas != 3 || st.AvailableReplicas != 0 {
		t.Fatalf("ready/available = %d/%d, want 3/0", st.ReadyReplicas, st.AvailableReplicas)
	}
	want := int64(500)
	if minorRelease() == "1.34" {
		want = 5000
	}
	if a.RequeueAfterMillis == nil || *a.RequeueAfterMillis != want {
		t.Fatalf("requeueAfterMillis = %v, want %d", a.RequeueAfterMillis, want)
	}
}

// Once every pod is available, no delayed requeue is asked for.
func TestNoRequeueWhenAllAvailable(t *testing.T) {
	set := newTestSet("web", 2)
	set.Spec.MinReadySeconds = 5
	long := testNow.Add(-time.Minute).Truncate(time.Second)
	a := ask(t, newOracle(), testRequest{ID: "steady", Set: set,
		Pods: []*v1.Pod{readySince(newTestPod(set, 0), long), readySince(newTestPod(set, 1), long)}})
	mustSync(t, a)
	if st := statusOf(t, a); st.AvailableReplicas != 2 {
		t.Fatalf("available = %d, want 2", st.AvailableReplicas)
	}
	if a.RequeueAfterMillis != nil {
		t.Fatalf("requeueAfterMillis = %d, want none", *a.RequeueAfterMillis)
	}
}

// The wall clock must not leak: bodies carry the request's timestamps, and one line asked twice
// is answered the same.
func TestTimestampsStayInTheRequestClock(t *testing.T) {
	set := newTestSet("web", 2)
	pod := readySince(newTestPod(set, 0), testNow.Add(-30*time.Second).Truncate(time.Second))
	o := newOracle()
	req := testRequest{ID: "clock", Set: set, Pods: []*v1.Pod{pod}}
	first := ask(t, o, req)
	mustSync(t, first)
	var sent apps.StatefulSet
	for _, c := range first.Calls {
		if c.Resource == "statefulsets" && c.Verb == "update" {
			if err := json.Unmarshal(c.Object, &sent); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !sent.CreationTimestamp.Equal(&set.CreationTimestamp) {
		t.Fatalf("creationTimestamp sent = %v, want %v", sent.CreationTimestamp, set.CreationTimestamp)
	}
	second := ask(t, o, req)
	a, _ := json.Marshal(first)
	b, _ := json.Marshal(second)
	if string(a) != string(b) {
		t.Fatalf("same line, different answers:\n%s\n%s", a, b)
	}
}

func TestBadInputIsAnsweredNotFatal(t *testing.T) {
	o := newOracle()
	for _, tc := range []struct{ line, want string }{
		{`not json`, "not a request object"},
		{`{"id":"a","now":"2025-01-02T03:00:00Z"}`, "set: required"},
		{`{"id":"b","now":"yesterday","set":{}}`, "now: not an RFC3339"},
		{`{"id":"c","now":"2025-01-02T03:00:00Z","set":{"metadata":{"name":"web"}}}`, "set.metadata.namespace"},
		{`{"id":"d","now":"2025-01-02T03:00:00Z","set":{"kind":"Deployment","metadata":{"name":"w","namespace":"n"}}}`, "set.kind"},
		{`{"id":"e","now":"2025-01-02T03:00:00Z","featureGates":{"NoSuchGate":true},"set":{"metadata":{"name":"w","namespace":"n"},"spec":{"replicas":1}}}`, "featureGates.NoSuchGate"},
		{`{"id":"f","now":"2025-01-02T03:00:00Z","set":{"metadata":{"name":"w","namespace":"n"},"spec":{"replicas":1}},"pods":[{"metadata":{"namespace":"n"}}]}`, "pods[0].metadata.name"},
		{`{"id":"g","now":"2025-01-02T03:00:00Z","set":{"metadata":{"name":"w","namespace":"n"},"spec":{"replicas":"three"}}}`, "spec.replicas"},
		// Not defaulted (no revisionHistoryLimit): upstream dereferences nil, the answer says where.
		{`{"id":"h","now":"2025-01-02T03:00:00Z","set":{"metadata":{"name":"w","namespace":"n","uid":"u"},"spec":{"replicas":1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}}}}}}`, "the sync panicked in k8s.io/kubernetes/pkg/controller/statefulset."},
	} {
		a := askLine(t, o, []byte(tc.line))
		if a.Invalid == nil || !strings.Contains(*a.Invalid, tc.want) {
			t.Errorf("%s: invalid = %v, want it to mention %q", tc.line, a.Invalid, tc.want)
		}
	}
	// The process keeps answering normally after bad lines.
	mustSync(t, ask(t, o, testRequest{ID: "after", Set: newTestSet("web", 1)}))
}

// A line's feature gates hold for that line only.
func TestFeatureGatesAreRestoredAfterTheLine(t *testing.T) {
	const gate = "MaxUnavailableStatefulSet"
	def := utilfeature.DefaultFeatureGate.Enabled(featureName(gate))
	o := newOracle()
	mustSync(t, ask(t, o, testRequest{ID: "g", Set: newTestSet("web", 1), FeatureGates: map[string]bool{gate: !def}}))
	if utilfeature.DefaultFeatureGate.Enabled(featureName(gate)) != def {
		t.Fatalf("%s left at %v after the line", gate, !def)
	}
}

func podNames(a testAnswer, verb string) string {
	var names []string
	for _, c := range a.Calls {
		if c.Verb == verb && c.Resource == "pods" {
			names = append(names, c.Name)
		}
	}
	return strings.Join(names, ",")
}

// Scale-down under OrderedReady (TestStatefulSetControllerDeletes): the highest ordinal goes first,
// one pod per sync.
func TestScaleDownDeletesHighestOrdinalFirst(t *testing.T) {
	set := newTestSet("web", 1)
	long := testNow.Add(-time.Hour).Truncate(time.Second)
	pods := []*v1.Pod{readySince(newTestPod(set, 0), long), readySince(newTestPod(set, 1), long),
		readySince(newTestPod(set, 2), long)}
	a := ask(t, newOracle(), testRequest{ID: "down", Set: set, Pods: pods})
	mustSync(t, a)
	if got := podNames(a, "delete"); got != "web-2" {
		t.Fatalf("deleted = %q, want web-2: %v", got, callsOf(a))
	}
}

// TestStatefulSetControllerBlocksScaling: under OrderedReady a pod that is not ready stops the
// creation of its successors.
func TestUnreadyPodBlocksScaleUp(t *testing.T) {
	set := newTestSet("web", 3)
	a := ask(t, newOracle(), testRequest{ID: "block", Set: set, Pods: []*v1.Pod{newTestPod(set, 0)}})
	mustSync(t, a)
	if got := podNames(a, "create"); got != "" {
		t.Fatalf("created = %q while web-0 is not ready", got)
	}
}

// TestStatefulSetControllerRespectsTermination: a terminating pod is neither replaced nor deleted
// again while it terminates.
func TestTerminatingPodIsLeftToTerminate(t *testing.T) {
	set := newTestSet("web", 2)
	long := testNow.Add(-time.Hour).Truncate(time.Second)
	dying := readySince(newTestPod(set, 1), long)
	dying.DeletionTimestamp = ptrTo(metav1.NewTime(testNow.Add(-5 * time.Second).Truncate(time.Second)))
	a := ask(t, newOracle(), testRequest{ID: "term", Set: set,
		Pods: []*v1.Pod{readySince(newTestPod(set, 0), long), dying}})
	mustSync(t, a)
	if got := podNames(a, "create") + podNames(a, "delete"); got != "" {
		t.Fatalf("pod calls %q while web-1 terminates: %v", got, callsOf(a))
	}
}
