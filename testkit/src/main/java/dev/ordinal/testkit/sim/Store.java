package dev.ordinal.testkit.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
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

  private final Consumer<Change> listener;
  private long resourceVersion;

  Store(Consumer<Change> listener) {
    this.listener = listener;
    for (ObjectKind k : ObjectKind.values()) {
      tables.put(k, new TreeMap<>());
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

  /** Returns a copy of one kind's objects, in key order. */
  @SuppressWarnings("unchecked")
  <T extends StoredObject> List<T> list(ObjectKind kind) {
    return new ArrayList<>((java.util.Collection<T>) tables.get(kind).values());
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
    ++resourceVersion;
    listener.accept(new Change(o.kind, Change.Type.DELETED, o.namespace, o.name, o.view(), null));
  }

  boolean contains(StoredObject o) {
    return tables.get(o.kind).get(o.key()) == o;
  }
}
