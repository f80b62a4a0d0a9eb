package dev.ordinal.sim;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The simulated apiserver's storage: one sorted table per kind (so every iteration is in a fixed
 * order), a global resource version like etcd's revision, and a listener that hears every change.
 */
final class Store {

  private final EnumMap<ObjectKind, TreeMap<String, StoredObject>> tables =
      new EnumMap<>(ObjectKind.class);

  /** Looked up by uid only, never iterated, so a hash map does not cost determinism. */
  private final Map<String, StoredObject> byUid = new HashMap<>();

  /** Owner uid to the stored objects referring to it; looked up, never iterated in order. */
  private final Map<String, Set<StoredObject>> dependents = new HashMap<>();

  /**
   * Objects added, updated (visibly or not) or removed since {@link #clearTouched}: what the
   * garbage collector has to look at again. Never iterated in an order that shows.
   */
  private final List<StoredObject> touched = new ArrayList<>();

  /**
   * The touched objects whose dependents may see them differently: added, removed, or being
   * deleted (an owner that is neither is the same to its dependents whatever else changed).
   */
  private final List<StoredObject> touchedOwners = new ArrayList<>();

  /**
   * Stored objects being deleted that the garbage collector may have to finish: all but pods
   * without finalizers, which go when their kubelet is done. Never iterated in an order that shows.
   */
  private final Set<StoredObject> pendingDeletion = new LinkedHashSet<>();

  /**
   * Immutable snapshots of {@link #list(ObjectKind)} and {@link #list(ObjectKind, String)}, in key
   * order, dropped when an object of the kind is added or removed: the controller lists a namespace
   * on every sync, far more often than objects come and go.
   */
  private final EnumMap<ObjectKind, List<StoredObject>> listed = new EnumMap<>(ObjectKind.class);

  private final EnumMap<ObjectKind, Map<String, List<StoredObject>>> listedIn =
      new EnumMap<>(ObjectKind.class);

  /**
   * What {@link #observedPods} and {@link #observedClaims} read from, per namespace: dropped when
   * an object comes or goes, patched where one changed.
   */
  private final Map<String, Observed<PodState, ObservedPod>> observedPods = new HashMap<>();

  private final Map<String, Observed<ClaimState, ObservedClaim>> observedClaims =
      new HashMap<>();

  /** A namespace's objects as the controller reads them, with those changed since marked. */
  private static final class Observed<S extends StoredObject, T> {
    final List<S> objects;
    final T[] values;
    final Function<S, T> read;
    final Set<S> changed = new HashSet<>();

    Observed(List<S> objects, T[] values, Function<S, T> read) {
      this.objects = objects;
      this.values = values;
      this.read = read;
      for (int i = 0; i < values.length; i++) {
        values[i] = read.apply(objects.get(i));
      }
    }

    /** Returns an immutable copy: a caller keeps what it read while the store changes. */
    List<T> read() {
      for (S o : changed) {
        // Objects of one namespace are in name order.
        int i = Collections.binarySearch(objects, o, Comparator.comparing(x -> x.name));
        values[i] = read.apply(o);
      }
      changed.clear();
      // Like Stream.toList: null-tolerant queries, no writes.
      return Collections.unmodifiableList(Arrays.asList(values.clone()));
    }
  }

  private final Consumer<Change> listener;
  private long resourceVersion;

  Store(Consumer<Change> listener) {
    this.listener = listener;
    for (ObjectKind k : ObjectKind.values()) {
      tables.put(k, new TreeMap<>());
      listedIn.put(k, new HashMap<>());
    }
  }

  @Nullable StoredObject get(ObjectKind kind, String namespace, String name) {
    return tables.get(kind).get(StoredObject.key(namespace, name));
  }

  @Nullable PodState pod(String namespace, String name) {
    return (PodState) get(ObjectKind.POD, namespace, name);
  }

  @Nullable ClaimState claim(String namespace, String name) {
    return (ClaimState) get(ObjectKind.CLAIM, namespace, name);
  }

  @Nullable VolumeState volume(String name) {
    return (VolumeState) get(ObjectKind.VOLUME, "", name);
  }

  @Nullable SetState set(String namespace, String name) {
    return (SetState) get(ObjectKind.STATEFUL_SET, namespace, name);
  }

  @Nullable RevisionState revision(String namespace, String name) {
    return (RevisionState) get(ObjectKind.REVISION, namespace, name);
  }

  @Nullable ServiceState service(String namespace, String name) {
    return (ServiceState) get(ObjectKind.SERVICE, namespace, name);
  }

  @Nullable StoredObject byUid(String uid) {
    return byUid.get(uid);
  }

  /** Returns the stored objects with an owner reference to this uid, in no particular order. */
  Set<StoredObject> dependentsOf(String ownerUid) {
    Set<StoredObject> d = dependents.get(ownerUid);
    return d == null ? Set.of() : d;
  }

  /**
   * Returns the objects touched since the last {@link #clearTouched}, some more than once. Lists,
   * not hash sets: a hash set walks all the room it ever grew to on every clear and iteration.
   */
  List<StoredObject> touched() {
    return touched;
  }

  /** Returns the touched objects whose dependents the garbage collector has to look at again. */
  List<StoredObject> touchedOwners() {
    return touchedOwners;
  }

  void clearTouched() {
    touched.clear();
    touchedOwners.clear();
  }

  /** Returns the objects being deleted that may wait on finalizers, in no particular order. */
  Set<StoredObject> pendingDeletion() {
    return pendingDeletion;
  }

  /** Keeps the indexes in step with an object's metadata; {@code stored} is false once removed. */
  private void track(StoredObject o, boolean stored, boolean added) {
    touched.add(o);
    if (added || !stored || o.isTerminating()) {
      touchedOwners.add(o);
    }
    if (stored && o.isTerminating() && !(o instanceof PodState && o.finalizers.isEmpty())) {
      pendingDeletion.add(o);
    } else {
      pendingDeletion.remove(o);
    }
    List<OwnerReference> refs = stored ? o.ownerReferences : List.of();
    if (sameUids(o.indexedOwners, refs)) {
      return;
    }
    for (String uid : o.indexedOwners) {
      Set<StoredObject> d = dependents.get(uid);
      if (d != null && d.remove(o) && d.isEmpty()) {
        dependents.remove(uid);
      }
    }
    List<String> uids = new ArrayList<>(refs.size());
    for (OwnerReference r : refs) {
      uids.add(r.uid());
      dependents.computeIfAbsent(r.uid(), k -> new HashSet<>()).add(o);
    }
    o.indexedOwners = List.copyOf(uids);
  }

  private static boolean sameUids(List<String> uids, List<OwnerReference> refs) {
    if (uids.size() != refs.size()) {
      return false;
    }
    for (int i = 0; i < uids.size(); i++) {
      if (!uids.get(i).equals(refs.get(i).uid())) {
        return false;
      }
    }
    return true;
  }

  /** Returns one kind's objects, in key order; the list is immutable. */
  @SuppressWarnings("unchecked")
  <T extends StoredObject> List<T> list(ObjectKind kind) {
    List<StoredObject> l = listed.get(kind);
    if (l == null) {
      l = List.copyOf(tables.get(kind).values());
      listed.put(kind, l);
    }
    return (List<T>) l;
  }

  /** Returns one kind's objects in a namespace, in name order; the list is immutable. */
  @SuppressWarnings("unchecked")
  <T extends StoredObject> List<T> list(ObjectKind kind, String namespace) {
    Map<String, List<StoredObject>> byNamespace = listedIn.get(kind);
    List<StoredObject> l = byNamespace.get(namespace);
    if (l == null) {
      // Keys are "namespace/name", and '0' follows '/': the range holds exactly this namespace.
      l = List.copyOf(tables.get(kind).subMap(namespace + "/", namespace + "0").values());
      byNamespace.put(namespace, l);
    }
    return (List<T>) l;
  }

  /** Returns a namespace's pods as the StatefulSet controller reads them. */
  List<ObservedPod> observedPods(String namespace) {
    return observedPods
        .computeIfAbsent(
            namespace,
            ns -> {
              List<PodState> pods = list(ObjectKind.POD, ns);
              return new Observed<>(pods, new ObservedPod[pods.size()], PodState::observed);
            })
        .read();
  }

  /** Returns a namespace's claims as the StatefulSet controller reads them. */
  List<ObservedClaim> observedClaims(String namespace) {
    return observedClaims
        .computeIfAbsent(
            namespace,
            ns -> {
              List<ClaimState> claims = list(ObjectKind.CLAIM, ns);
              return new Observed<>(claims, new ObservedClaim[claims.size()], ClaimState::observed);
            })
        .read();
  }

  /** Drops the cached lists an added, changed or removed object is in. */
  private void changedIn(StoredObject o, boolean addedOrRemoved) {
    if (addedOrRemoved) {
      listed.remove(o.kind);
      listedIn.get(o.kind).remove(o.namespace);
    }
    if (o.kind == ObjectKind.POD) {
      changedIn(observedPods, (PodState) o, addedOrRemoved);
    } else if (o.kind == ObjectKind.CLAIM) {
      changedIn(observedClaims, (ClaimState) o, addedOrRemoved);
    }
  }

  private static <S extends StoredObject> void changedIn(
      Map<String, ? extends Observed<S, ?>> cache, S o, boolean addedOrRemoved) {
    if (addedOrRemoved) {
      cache.remove(o.namespace);
      return;
    }
    Observed<S, ?> observed = cache.get(o.namespace);
    if (observed != null) {
      observed.changed.add(o);
    }
  }

  /** Returns a namespace's ControllerRevisions. */
  List<ControllerRevision> revisions(String namespace) {
    return this.<RevisionState>list(ObjectKind.REVISION, namespace).stream()
        .map(RevisionState::revision)
        .toList();
  }

  List<PodState> pods() {
    return list(ObjectKind.POD);
  }

  List<ClaimState> claims() {
    return list(ObjectKind.CLAIM);
  }

  List<SetState> sets() {
    return list(ObjectKind.STATEFUL_SET);
  }

  List<RevisionState> revisions() {
    return list(ObjectKind.REVISION);
  }

  List<ServiceState> services() {
    return list(ObjectKind.SERVICE);
  }

  List<VolumeState> volumes() {
    return list(ObjectKind.VOLUME);
  }

  /** Returns every object, kind by kind, each kind in key order. */
  List<StoredObject> all() {
    List<StoredObject> out = new ArrayList<>();
    for (TreeMap<String, StoredObject> t : tables.values()) {
      out.addAll(t.values());
    }
    return out;
  }

  void add(StoredObject o) {
    TreeMap<String, StoredObject> table = tables.get(o.kind);
    if (table.containsKey(o.key())) {
      throw new IllegalStateException("bug: " + o.ref() + " exists already");
    }
    o.resourceVersion = ++resourceVersion;
    o.invalidate();
    table.put(o.key(), o);
    byUid.put(o.uid, o);
    changedIn(o, true);
    track(o, true, true);
    listener.accept(new Change(o.kind, Change.Type.ADDED, o.namespace, o.name, null, o.view()));
  }

  /**
   * Applies a change to a stored object. Like the apiserver, a write that changes nothing a client
   * can see keeps the resource version and tells no one. Returns true if something changed.
   */
  <T extends StoredObject> boolean update(T o, Consumer<T> mutation) {
    if (tables.get(o.kind).get(o.key()) != o) {
      throw new IllegalStateException("bug: " + o.ref() + " is not stored");
    }
    Object before = o.view();
    mutation.accept(o);
    o.invalidate();
    changedIn(o, false);
    track(o, true, false);
    if (before.equals(o.view())) {
      return false;
    }
    o.resourceVersion = ++resourceVersion;
    o.invalidate();
    listener.accept(
        new Change(o.kind, Change.Type.MODIFIED, o.namespace, o.name, before, o.view()));
    return true;
  }

  void remove(StoredObject o) {
    if (tables.get(o.kind).remove(o.key()) != o) {
      throw new IllegalStateException("bug: " + o.ref() + " is not stored");
    }
    byUid.remove(o.uid);
    changedIn(o, true);
    track(o, false, false);
    ++resourceVersion;
    listener.accept(new Change(o.kind, Change.Type.DELETED, o.namespace, o.name, o.view(), null));
  }

  boolean contains(StoredObject o) {
    return tables.get(o.kind).get(o.key()) == o;
  }
}
