package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes objects one sync read, whole, as JSON-like data: the StatefulSet, and the pods,
 * claims and ControllerRevisions by name. {@link ApiCalls} builds update bodies from them, because
 * upstream updates send the object it read with a few fields changed, and Ordinal's api values keep
 * only what the planner reads.
 *
 * <p>Objects are looked up by name in the set's namespace; objects of other namespaces are kept
 * out, as the controller's listers never hand them to the sync.
 *
 * @since 0.1.0
 */
public final class ObservedObjects {

  private final Map<String, Object> set;
  private final String namespace;
  private final Map<String, Map<String, Object>> pods;
  private final Map<String, Map<String, Object>> claims;
  private final Map<String, Map<String, Object>> revisions;

  private ObservedObjects(
      Map<String, Object> set,
      List<? extends Map<String, ?>> pods,
      List<? extends Map<String, ?>> claims,
      List<? extends Map<String, ?>> revisions) {
    this.set = Json.canonicalObject(set);
    this.namespace = namespaceOf(this.set);
    this.pods = byName(pods, namespace);
    this.claims = byName(claims, namespace);
    this.revisions = byName(revisions, namespace);
  }

  /**
   * Returns the objects of one sync: the set and the lists as the sync's listers held them.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an object is not JSON-like data or has no {@code
   *     metadata.name}
   */
  public static ObservedObjects of(
      Map<String, ?> set,
      List<? extends Map<String, ?>> pods,
      List<? extends Map<String, ?>> claims,
      List<? extends Map<String, ?>> revisions) {
    requireNonNull(set, "set");
    return new ObservedObjects(
        Json.canonicalObject(set),
        requireNonNull(pods, "pods"),
        requireNonNull(claims, "claims"),
        requireNonNull(revisions, "revisions"));
  }

  /**
   * Returns the objects of one sync from fabric8's model, as an adapter reading a cluster has them.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ObservedObjects ofFabric8(
      io.fabric8.kubernetes.api.model.apps.StatefulSet set,
      List<io.fabric8.kubernetes.api.model.Pod> pods,
      List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims,
      List<io.fabric8.kubernetes.api.model.apps.ControllerRevision> revisions) {
    requireNonNull(set, "set");
    return new ObservedObjects(
        tree(set),
        pods.stream().map(ObservedObjects::tree).toList(),
        claims.stream().map(ObservedObjects::tree).toList(),
        revisions.stream().map(ObservedObjects::tree).toList());
  }

  /** The StatefulSet, whole. */
  public Map<String, Object> set() {
    return set;
  }

  /** The set's {@code metadata.namespace} ({@code default} when empty). */
  public String namespace() {
    return namespace;
  }

  /** The set's {@code metadata.name}. */
  public String setName() {
    return string(Json.object(set, "metadata"), "name");
  }

  /** The set's {@code metadata.uid}. */
  public String setUid() {
    return string(Json.object(set, "metadata"), "uid");
  }

  /** Returns the pod of this name in the set's namespace, or null. */
  public @Nullable Map<String, Object> pod(String name) {
    return pods.get(name);
  }

  /** Returns the claim of this name in the set's namespace, or null. */
  public @Nullable Map<String, Object> claim(String name) {
    return claims.get(name);
  }

  /** Returns the ControllerRevision of this name in the set's namespace, or null. */
  public @Nullable Map<String, Object> revision(String name) {
    return revisions.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(Object fabric8) {
    return Json.canonicalObject(
        (Map<String, Object>) KubeSerialization.INSTANCE.convertValue(fabric8, Map.class));
  }

  private static Map<String, Map<String, Object>> byName(
      List<? extends Map<String, ?>> objects, String namespace) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Map<String, ?> o : objects) {
      Map<String, Object> c = Json.canonicalObject(o);
      String name = string(Json.object(c, "metadata"), "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("object without metadata.name: " + Json.marshal(c));
      }
      if (namespaceOf(c).equals(namespace)) {
        // Like a lister keyed by namespace/name: a later duplicate replaces an earlier one.
        out.put(name, c);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static String namespaceOf(Map<String, Object> object) {
    String ns = string(Json.object(object, "metadata"), "namespace");
    return ns.isEmpty() ? "default" : ns;
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof String ? (String) v : "";
  }
}
