package main

import (
	"bytes"
	"runtime"
	"sort"
	"strconv"
	"sync"

	clienttesting "k8s.io/client-go/testing"
)

// timeline is everything one sync did that the answer reports, calls and events, in the order it
// happened, each tagged with the goroutine that did it.
//
// Under Parallel pod management upstream creates and deletes a batch of pods from concurrent
// goroutines, so the raw order of their calls varies from run to run. The answer instead shows
// them as if the goroutines had run one after another in the order they were started (each
// goroutine's own calls keep their order): a deterministic order that upstream could also produce.
type timeline struct {
	mu      sync.Mutex
	main    int64
	entries []entry
}

type entry struct {
	goroutine int64
	action    clienttesting.Action // nil for an event
	event     recordedEvent
}

func (t *timeline) addAction(a clienttesting.Action) {
	g := goroutineID()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.entries = append(t.entries, entry{goroutine: g, action: a.DeepCopy()})
}

func (t *timeline) addEvent(e recordedEvent) {
	g := goroutineID()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.entries = append(t.entries, entry{goroutine: g, event: e})
}

// canonical returns the entries with every maximal run of entries made off the sync's own
// goroutine ordered by goroutine creation (goroutine ids grow with creation), stably.
func (t *timeline) canonical() []entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := append([]entry(nil), t.entries...)
	for i := 0; i < len(out); {
		if out[i].goroutine == t.main {
			i++
			continue
		}
		j := i
		for j < len(out) && out[j].goroutine != t.main {
			j++
		}
		run := out[i:j]
		sort.SliceStable(run, func(a, b int) bool { return run[a].goroutine < run[b].goroutine })
		i = j
	}
	return out
}

// goroutineID reads the current goroutine's id from the first line of its stack trace; the
// runtime exposes it nowhere else.
func goroutineID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}
