package dev.ordinal.api;

import static java.util.Objects.requireNonNull;

/**
 * A Kubernetes {@code metadata.ownerReferences} entry.
 *
 * @param apiVersion the owner's API version, for example {@code apps/v1}
 * @param kind the owner's kind, for example {@code StatefulSet}
 * @param name the owner's name
 * @param uid the owner's uid
 * @param controller whether the owner is the managing controller
 * @param blockOwnerDeletion whether foreground deletion of the owner waits for this object
 * @since 0.1.0
 */
public record OwnerReference(
    String apiVersion,
    String kind,
    String name,
    String uid,
    boolean controller,
    boolean blockOwnerDeletion) {

  /** The API version and kind of a StatefulSet owner. */
  public static final String APPS_V1 = "apps/v1";

  public static final String STATEFUL_SET = "StatefulSet";
  public static final String POD = "Pod";

  public OwnerReference {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(uid, "uid");
  }

  /**
   * Returns a controller reference as {@code metav1.NewControllerRef} builds it: {@code controller}
   * and {@code blockOwnerDeletion} both true.
   */
  public static OwnerReference controllerRef(
      String apiVersion, String kind, String name, String uid) {
    return new OwnerReference(apiVersion, kind, name, uid, true, true);
  }

  /** Returns true if this reference names an object of this API version, kind and name. */
  public boolean refersTo(String apiVersion, String kind, String name) {
    return this.apiVersion.equals(apiVersion) && this.kind.equals(kind) && this.name.equals(name);
  }
}
