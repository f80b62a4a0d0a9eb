// Command oracle runs one Kubernetes release's own StatefulSet controller code for one sync per
// input line and reports the API calls, events and requeue that sync produced. The line protocol
// is described in PROTOCOL.md beside this file.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	goruntime "runtime"
	"runtime/debug"
	"strings"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/component-base/featuregate"
	"k8s.io/klog/v2"

	// Registers the release's feature gates (with their defaults) into the default gate.
	_ "k8s.io/kubernetes/pkg/features"
)

func main() {
	version := flag.Bool("version", false, "print the Kubernetes release and exit")
	logs := flag.Bool("log", false, "let upstream's klog write to stderr (silent by default)")
	flag.Parse()
	if *version {
		fmt.Println(release())
		return
	}
	if !*logs {
		silenceKlog()
	}
	if err := serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
}

func silenceKlog() {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	_ = fs.Set("logtostderr", "false")
	_ = fs.Set("alsologtostderr", "false")
	_ = fs.Set("stderrthreshold", "FATAL")
	klog.SetOutput(io.Discard)
}

// release is the k8s.io/kubernetes version this binary was built against.
func release() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "k8s.io/kubernetes" {
				return trimV(dep.Version)
			}
		}
	}
	return "unknown"
}

func trimV(v string) string {
	if len(v) > 0 && v[0] == 'v' {
		return v[1:]
	}
	return v
}

// serve answers every line of in with one line on out, in order, flushing each answer.
func serve(in io.Reader, out io.Writer) error {
	r := bufio.NewReaderSize(in, 1<<20)
	w := bufio.NewWriterSize(out, 1<<16)
	o := newOracle()
	for {
		line, err := r.ReadBytes('\n')
		if len(trimSpace(line)) > 0 {
			answer := o.answer(line)
			if _, werr := w.Write(append(answer, '\n')); werr != nil {
				return werr
			}
			if ferr := w.Flush(); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// oracle holds what is reused between lines: the caches and the release name.
type oracle struct {
	caches  *caches
	release string
}

// newOracle prepares the process for answering lines. It runs Go on one processor: the oracle
// answers one line at a time anyway, and with one processor goroutine ids grow in creation order,
// which the timeline's canonical order of concurrent calls relies on.
func newOracle() *oracle {
	goruntime.GOMAXPROCS(1)
	return &oracle{caches: newCaches(), release: release()}
}

type call struct {
	Verb        string          `json:"verb"`
	Resource    string          `json:"resource"`
	Subresource string          `json:"subresource,omitempty"`
	Namespace   string          `json:"namespace"`
	Name        string          `json:"name"`
	Object      json.RawMessage `json:"object,omitempty"`
	PatchType   string          `json:"patchType,omitempty"`
	Patch       json.RawMessage `json:"patch,omitempty"`
}

type response struct {
	ID                 string          `json:"id"`
	Release            string          `json:"release"`
	Calls              []call          `json:"calls"`
	Events             []recordedEvent `json:"events"`
	RequeueAfterMillis *int64          `json:"requeueAfterMillis"`
	Retry              bool            `json:"retry"`
	Error              *string         `json:"error"`
}

type invalidResponse struct {
	ID      string `json:"id"`
	Invalid string `json:"invalid"`
}

// answer turns one request line into one response line. It never panics: a panic of upstream's
// code (which an apiserver-accepted set does not cause) is answered as invalid input naming it.
func (o *oracle) answer(line []byte) (out []byte) {
	id := ""
	defer func() {
		if p := recover(); p != nil {
			out = mustJSON(invalidResponse{id, fmt.Sprintf("the sync panicked in %s: %v "+
				"(is every object as the apiserver stores it, defaults included?)", panicSite(), p)})
		}
	}()
	obs, err := parseRequest(line)
	if err != nil {
		// Only a failed line is read a second time, for whatever id it has.
		return mustJSON(invalidResponse{peekID(line), err.Error()})
	}
	id = obs.id
	resp, err := o.run(obs)
	if err != nil {
		return mustJSON(invalidResponse{obs.id, err.Error()})
	}
	return mustJSON(resp)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(invalidResponse{"", "cannot encode the answer: " + err.Error()})
	}
	return b
}

// run performs the sync of obs. Upstream reads the wall clock in places (1.34 judges availability
// by it; 1.37 stamps new set conditions with it), so the whole observation is moved forward to the
// wall clock, and every body the sync sends is moved back by the same amount.
func (o *oracle) run(obs *observation) (*response, error) {
	restore, err := setFeatureGates(obs.featureGates)
	if err != nil {
		return nil, err
	}
	defer restore()

	seed := seedObjects(obs) // the API server's copy keeps the request's clock
	for i := range seed {
		seed[i] = seed[i].DeepCopyObject()
	}
	wall := time.Now()
	delta := wall.Sub(obs.now)
	shiftTimes(obs.set, delta)
	for _, p := range obs.pods {
		shiftTimes(p, delta)
	}
	for _, c := range obs.claims {
		shiftTimes(c, delta)
	}
	for _, r := range obs.revisions {
		shiftTimes(r, delta)
	}
	if err := o.caches.fill(obs); err != nil {
		return nil, fmt.Errorf("cannot fill the caches: %v", err)
	}
	env := newSyncEnv(o.caches, seed)
	syncErr := env.sync(context.Background(), obs.set.Namespace, obs.set.Name, wall)

	resp := &response{ID: obs.id, Release: o.release, Calls: []call{}, Events: []recordedEvent{}}
	for _, e := range env.timeline.canonical() {
		if e.action == nil {
			resp.Events = append(resp.Events, e.event)
			continue
		}
		c, err := describeAction(e.action, -delta)
		if err != nil {
			return nil, err
		}
		resp.Calls = append(resp.Calls, c)
	}
	if env.requeue != nil {
		ms := int64(math.Round(float64(*env.requeue) / float64(time.Millisecond)))
		resp.RequeueAfterMillis = &ms
	}
	if syncErr != nil {
		msg := syncErr.Error()
		resp.Retry = true
		resp.Error = &msg
	}
	return resp, nil
}

// setFeatureGates applies the line's gates and returns what puts the previous values back.
func setFeatureGates(gates map[string]bool) (func(), error) {
	if len(gates) == 0 {
		return func() {}, nil
	}
	known := utilfeature.DefaultMutableFeatureGate.GetAll()
	before := map[string]bool{}
	for name := range gates {
		if _, ok := known[featureName(name)]; !ok {
			return nil, invalidf("featureGates.%s: not a feature gate of %s", name, release())
		}
		before[name] = utilfeature.DefaultFeatureGate.Enabled(featureName(name))
	}
	if err := utilfeature.DefaultMutableFeatureGate.SetFromMap(gates); err != nil {
		_ = utilfeature.DefaultMutableFeatureGate.SetFromMap(before)
		return nil, invalidf("featureGates: %v", err)
	}
	return func() {
		if err := utilfeature.DefaultMutableFeatureGate.SetFromMap(before); err != nil {
			panic(fmt.Sprintf("cannot restore feature gates: %v", err))
		}
	}, nil
}

var typeMetaOf = map[string]struct{ apiVersion, kind string }{
	"pods":                   {"v1", "Pod"},
	"persistentvolumeclaims": {"v1", "PersistentVolumeClaim"},
	"statefulsets":           {"apps/v1", "StatefulSet"},
	"controllerrevisions":    {"apps/v1", "ControllerRevision"},
}

// describeAction turns one recorded client action into a protocol call. Bodies are given the
// apiVersion and kind a real client puts on the wire, and their timestamps are moved by back.
func describeAction(a clienttesting.Action, back time.Duration) (call, error) {
	c := call{Verb: a.GetVerb(), Resource: a.GetResource().Resource, Subresource: a.GetSubresource(),
		Namespace: a.GetNamespace()}
	switch act := a.(type) {
	case clienttesting.CreateAction:
		body, name, err := encodeBody(act.GetObject(), act.GetResource(), back)
		if err != nil {
			return c, err
		}
		c.Object, c.Name = body, name
	case clienttesting.UpdateAction:
		body, name, err := encodeBody(act.GetObject(), act.GetResource(), back)
		if err != nil {
			return c, err
		}
		c.Object, c.Name = body, name
	case clienttesting.PatchAction:
		c.Name = act.GetName()
		c.PatchType = string(act.GetPatchType())
		if json.Valid(act.GetPatch()) {
			c.Patch = act.GetPatch()
		} else {
			c.Patch = mustJSON(string(act.GetPatch()))
		}
	case clienttesting.DeleteAction:
		c.Name = act.GetName()
	case clienttesting.GetAction:
		c.Name = act.GetName()
	case clienttesting.ListAction:
	default:
		return c, fmt.Errorf("the sync made a call the oracle cannot describe: %s %s", a.GetVerb(), c.Resource)
	}
	return c, nil
}

func encodeBody(obj runtime.Object, gvr schema.GroupVersionResource, back time.Duration) (json.RawMessage, string, error) {
	obj = obj.DeepCopyObject()
	shiftTimes(obj, back)
	if tm, ok := typeMetaOf[gvr.Resource]; ok {
		setTypeMeta(obj, tm.apiVersion, tm.kind)
	}
	name := ""
	switch o := obj.(type) {
	case *v1.Pod:
		name = o.Name
	case *v1.PersistentVolumeClaim:
		name = o.Name
	case *apps.StatefulSet:
		name = o.Name
	case *apps.ControllerRevision:
		name = o.Name
	default:
		return nil, "", errors.New("the sync sent a body of an unexpected type " + fmt.Sprintf("%T", obj))
	}
	b, err := json.Marshal(obj)
	return b, name, err
}

func setTypeMeta(obj runtime.Object, apiVersion, kind string) {
	obj.GetObjectKind().SetGroupVersionKind(schema.FromAPIVersionAndKind(apiVersion, kind))
}

func featureName(name string) featuregate.Feature { return featuregate.Feature(name) }

// panicSite names the function a recovered panic came from: the first frame outside the Go
// runtime, seen from the deferred function that recovered it.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := goruntime.Callers(3, pcs)
	frames := goruntime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && f.Function != "" {
			return f.Function
		}
		if !more {
			return "unknown code"
		}
	}
}
