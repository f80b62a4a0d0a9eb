package dev.ordinal.sim;

import dev.ordinal.api.OwnerReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An object in the simulated apiserver's store: the metadata every kind shares, which the garbage
 * collector works on, and a cached immutable view that clients and watchers see. Fields change only
 * through {@link Store#update}, which bumps the resource version when the view changes.
 */
abstract class StoredObject {

  final ObjectKind kind;
  final String namespace;
  final String name;
  final String uid;
  final Instant creationTimestamp;
  private final String key;
  long resourceVersion;
  List<OwnerReference> ownerReferences = new ArrayList<>();
  List<String> finalizers = new ArrayList<>();
  @Nullable Instant deletionTimestamp;

  private @Nullable Object view;

  /** The owner uids the store's dependents index has this object under. */
  List<String> indexedOwners = List.of();

  StoredObject(ObjectKind kind, String namespace, String name, String uid, Instant created) {
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.uid = uid;
    this.creationTimestamp = created;
    this.key = key(namespace, name);
  }

  /** Returns the store key: {@code namespace/name}, or the name of a cluster-scoped object. */
  final String key() {
    return key;
  }

  static String key(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** Returns the immutable view of the object as it is now. */
  final Object view() {
    Object v = view;
    if (v == null) {
      v = buildView();
      view = v;
    }
    return v;
  }

  /** Drops the cached view after a change. */
  void invalidate() {
    view = null;
  }

  abstract Object buildView();

  /** Returns the object as {@code kind/name}, as kubectl and the event log name it. */
  final String ref() {
    return kind.shortName() + "/" + name;
  }

  final boolean isTerminating() {
    return deletionTimestamp != null;
  }
}
