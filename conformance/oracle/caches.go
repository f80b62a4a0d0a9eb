package main

import (
	"sort"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/cache"
	"k8s.io/kubernetes/pkg/controller"
)

// caches are the informer stores the controller reads, made once per process and refilled per
// line. The informers are never started: they only lend upstream's own indexers (the pod index by
// controller UID, and from 1.36 the revision index by controller), so the index functions are the
// release's and not a copy.
type caches struct {
	pods, claims, sets, revisions cache.Indexer
}

func newCaches() *caches {
	nsIndex := cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc}
	podInformer := cache.NewSharedIndexInformer(&cache.ListWatch{}, &v1.Pod{}, 0, nsIndex)
	if err := controller.AddPodControllerIndexer(podInformer); err != nil {
		panic(err)
	}
	revInformer := cache.NewSharedIndexInformer(&cache.ListWatch{}, &apps.ControllerRevision{}, 0, nsIndex)
	addRevisionIndexer(revInformer)
	return &caches{
		pods:      sortedIndexer{podInformer.GetIndexer()},
		claims:    sortedIndexer{cache.NewIndexer(cache.MetaNamespaceKeyFunc, nsIndex)},
		sets:      sortedIndexer{cache.NewIndexer(cache.MetaNamespaceKeyFunc, nsIndex)},
		revisions: sortedIndexer{revInformer.GetIndexer()},
	}
}

// fill replaces the whole content of every cache with the observation's objects.
func (c *caches) fill(obs *observation) error {
	pods := make([]any, 0, len(obs.pods))
	for _, p := range obs.pods {
		pods = append(pods, p)
	}
	claims := make([]any, 0, len(obs.claims))
	for _, x := range obs.claims {
		claims = append(claims, x)
	}
	revs := make([]any, 0, len(obs.revisions))
	for _, x := range obs.revisions {
		revs = append(revs, x)
	}
	for _, step := range []struct {
		idx   cache.Indexer
		items []any
	}{{c.pods, pods}, {c.claims, claims}, {c.sets, []any{obs.set}}, {c.revisions, revs}} {
		if err := step.idx.Replace(step.items, ""); err != nil {
			return err
		}
	}
	return nil
}

// sortedIndexer answers listings in namespace/name order. Upstream's stores answer in map order,
// which would make the order of adoption and release patches vary from run to run; a fixed order
// keeps the oracle's answer a function of its input.
type sortedIndexer struct{ cache.Indexer }

func (s sortedIndexer) List() []any { return sortByKey(s.Indexer.List()) }

func (s sortedIndexer) ByIndex(indexName, indexedValue string) ([]any, error) {
	items, err := s.Indexer.ByIndex(indexName, indexedValue)
	return sortByKey(items), err
}

func (s sortedIndexer) Index(indexName string, obj any) ([]any, error) {
	items, err := s.Indexer.Index(indexName, obj)
	return sortByKey(items), err
}

func sortByKey(items []any) []any {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i], _ = cache.MetaNamespaceKeyFunc(it)
	}
	sort.Sort(byKey{items, keys})
	return items
}

type byKey struct {
	items []any
	keys  []string
}

func (b byKey) Len() int           { return len(b.items) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.items[i], b.items[j] = b.items[j], b.items[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

// seedObjects lists the objects the fake clientset's tracker starts with.
func seedObjects(obs *observation) []runtime.Object {
	objs := []runtime.Object{obs.set}
	for _, p := range obs.pods {
		objs = append(objs, p)
	}
	for _, c := range obs.claims {
		objs = append(objs, c)
	}
	for _, r := range obs.revisions {
		objs = append(objs, r)
	}
	return objs
}
