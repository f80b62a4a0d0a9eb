package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
)

// wireRequest is one input line before its objects are decoded, so that a bad object can be
// named by its place in the line.
type wireRequest struct {
	ID           *string           `json:"id"`
	Now          *string           `json:"now"`
	FeatureGates map[string]bool   `json:"featureGates"`
	Set          json.RawMessage   `json:"set"`
	Pods         []json.RawMessage `json:"pods"`
	Claims       []json.RawMessage `json:"claims"`
	Revisions    []json.RawMessage `json:"revisions"`
}

// observation is one decoded request: what the controller's caches hold at the instant now.
type observation struct {
	id           string
	now          time.Time
	featureGates map[string]bool
	set          *apps.StatefulSet
	pods         []*v1.Pod
	claims       []*v1.PersistentVolumeClaim
	revisions    []*apps.ControllerRevision
}

// badInput is an error in the request itself; it is answered with "invalid", never with a sync.
type badInput struct{ msg string }

func (b *badInput) Error() string { return b.msg }

func invalidf(format string, args ...any) error {
	return &badInput{fmt.Sprintf(format, args...)}
}

// peekID recovers the id of a line that fails to decode as a whole, so that even a broken line
// is answered under its own id when the id itself is readable.
func peekID(line []byte) string {
	var probe struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(line, &probe) != nil {
		return ""
	}
	if s, ok := probe.ID.(string); ok {
		return s
	}
	return ""
}

func parseRequest(line []byte) (*observation, error) {
	var w wireRequest
	if err := json.Unmarshal(line, &w); err != nil {
		return nil, invalidf("line is not a request object: %v", err)
	}
	if w.ID == nil {
		return nil, invalidf("id: required")
	}
	obs := &observation{id: *w.ID, featureGates: w.FeatureGates}
	if w.Now == nil {
		return nil, invalidf("now: required")
	}
	now, err := time.Parse(time.RFC3339Nano, *w.Now)
	if err != nil {
		return nil, invalidf("now: not an RFC3339 instant: %q", *w.Now)
	}
	obs.now = now
	if len(w.Set) == 0 || string(w.Set) == "null" {
		return nil, invalidf("set: required")
	}
	obs.set = &apps.StatefulSet{}
	if err := decodeObject(w.Set, "set", "apps/v1", "StatefulSet", obs.set, &obs.set.ObjectMeta.Name,
		&obs.set.ObjectMeta.Namespace); err != nil {
		return nil, err
	}
	if obs.set.Spec.Replicas == nil {
		return nil, invalidf("set.spec.replicas: required (send the set as the apiserver stores it)")
	}
	for i, raw := range w.Pods {
		p := &v1.Pod{}
		if err := decodeObject(raw, fmt.Sprintf("pods[%d]", i), "v1", "Pod", p, &p.Name, &p.Namespace); err != nil {
			return nil, err
		}
		obs.pods = append(obs.pods, p)
	}
	for i, raw := range w.Claims {
		c := &v1.PersistentVolumeClaim{}
		if err := decodeObject(raw, fmt.Sprintf("claims[%d]", i), "v1", "PersistentVolumeClaim", c,
			&c.Name, &c.Namespace); err != nil {
			return nil, err
		}
		obs.claims = append(obs.claims, c)
	}
	for i, raw := range w.Revisions {
		r := &apps.ControllerRevision{}
		if err := decodeObject(raw, fmt.Sprintf("revisions[%d]", i), "apps/v1", "ControllerRevision", r,
			&r.Name, &r.Namespace); err != nil {
			return nil, err
		}
		obs.revisions = append(obs.revisions, r)
	}
	if err := checkUnique(obs); err != nil {
		return nil, err
	}
	return obs, nil
}

// decodeObject reads one Kubernetes object. apiVersion and kind may be left out, but when present
// they must name the expected type; name and namespace are required because the caches key by them.
func decodeObject(raw json.RawMessage, path, apiVersion, kind string, into any, name, namespace *string) error {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return invalidf("%s: null is not an object", path)
	}
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return invalidf("%s: not a JSON object: %v", path, err)
	}
	if head.APIVersion != "" && head.APIVersion != apiVersion {
		return invalidf("%s.apiVersion: %q, expected %q", path, head.APIVersion, apiVersion)
	}
	if head.Kind != "" && head.Kind != kind {
		return invalidf("%s.kind: %q, expected %q", path, head.Kind, kind)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return invalidf("%s: %s", path, describeJSONError(err))
	}
	if *name == "" {
		return invalidf("%s.metadata.name: required", path)
	}
	if *namespace == "" {
		return invalidf("%s.metadata.namespace: required", path)
	}
	return nil
}

// describeJSONError names the offending field of a type mismatch the way a reader looks for it.
func describeJSONError(err error) string {
	var te *json.UnmarshalTypeError
	if ok := asTypeError(err, &te); ok && te.Field != "" {
		return fmt.Sprintf("field %s: cannot hold a JSON %s", te.Field, te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func asTypeError(err error, target **json.UnmarshalTypeError) bool {
	te, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*target = te
	}
	return ok
}

// checkUnique refuses two objects of one kind under one namespace/name: a cluster cannot hold them
// and the caches would silently keep only the last.
func checkUnique(obs *observation) error {
	seen := map[string]string{}
	add := func(kind, ns, name, path string) error {
		key := kind + "/" + ns + "/" + name
		if first, dup := seen[key]; dup {
			return invalidf("%s: same namespace/name %s/%s as %s", path, ns, name, first)
		}
		seen[key] = path
		return nil
	}
	for i, p := range obs.pods {
		if err := add("pod", p.Namespace, p.Name, fmt.Sprintf("pods[%d]", i)); err != nil {
			return err
		}
	}
	for i, c := range obs.claims {
		if err := add("claim", c.Namespace, c.Name, fmt.Sprintf("claims[%d]", i)); err != nil {
			return err
		}
	}
	for i, r := range obs.revisions {
		if err := add("revision", r.Namespace, r.Name, fmt.Sprintf("revisions[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}
