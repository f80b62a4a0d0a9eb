package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Json;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps the actions of a {@link ReconcilePlan} to the API calls upstream's StatefulSet controller
 * sends for them: the other direction of {@link KubeMapping}, shared by the conformance suite and
 * cluster adapters.
 *
 * <p>Each action becomes one call, with the body upstream builds:
 *
 * <ul>
 *   <li>{@link Action.CreatePod}: {@code create pods}, the pod of {@code
 *       newVersionedStatefulSetPod}: generateName, the template's labels (with pod-name, pod-index
 *       and controller-revision-hash), annotations and finalizers, the controller reference, and
 *       the template's spec with hostname, subdomain and claim volumes.
 *   <li>{@link Action.CreateClaim}: {@code create persistentvolumeclaims}, the claim template with
 *       the claim's name, the set's namespace and the selector's labels. Upstream creates claims
 *       without owner references; the retention policy's references come with a later {@link
 *       Action.UpdateClaimOwners}.
 *   <li>{@link Action.UpdatePod}: {@code update pods}, the observed pod with its namespace and
 *       labels set and, when its claim volumes do not match, the claim volumes first and its other
 *       volumes after (as {@code updateStorage} rebuilds them).
 *   <li>{@link Action.UpdateClaimOwners}: {@code update persistentvolumeclaims}, the observed claim
 *       with the new owner references.
 *   <li>{@link Action.DeletePod} and {@link Action.DeleteRevision}: deletes, without body.
 *   <li>{@link Action.AdoptPod}, {@link Action.AdoptRevision}: strategic merge patches that add the
 *       controller reference and name the object's uid (the controller-ref managers' patch).
 *   <li>{@link Action.ReleasePod}: a strategic merge patch deleting the set's owner reference by
 *       uid.
 *   <li>{@link Action.CreateRevision}: {@code create controllerrevisions}, the revision whole but
 *       for {@code metadata.namespace}, which upstream leaves to the URL.
 *   <li>{@link Action.RenumberRevision}: {@code update controllerrevisions}, the observed revision
 *       with the new number.
 *   <li>{@link Action.WriteStatus}: {@code update statefulsets/status}, the observed set with the
 *       new status.
 * </ul>
 *
 * <p>Fields are written as Go's encoder writes the same objects: unset optional fields and zero
 * values of {@code omitempty} fields are left out, and {@code false} owner-reference flags are left
 * out (the api keeps them as booleans, so unset and false are one value). Bodies carry {@code
 * apiVersion} and {@code kind}, as the request does on the wire.
 *
 * @since 0.1.0
 */
public final class ApiCalls {

  private ApiCalls() {}

  /**
   * Returns the calls of a plan, one per action, in the plan's order.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an action updates or patches an object {@code observed}
   *     does not hold: the plan was made from another observation
   */
  public static List<ApiCall> of(ReconcilePlan plan, ObservedObjects observed) {
    requireNonNull(plan, "plan");
    requireNonNull(observed, "observed");
    List<ApiCall> out = new ArrayList<>(plan.actions().size());
    for (Action a : plan.actions()) {
      out.add(of(a, observed));
    }
    return out;
  }

  /**
   * Returns the call of one action.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #of(ReconcilePlan, ObservedObjects)}
   */
  public static ApiCall of(Action action, ObservedObjects observed) {
    requireNonNull(action, "action");
    requireNonNull(observed, "observed");
    return action.accept(new Mapper(observed));
  }

  /** Returns the JSON of a ControllerRevision as the API server holds it. */
  public static Map<String, Object> revision(ControllerRevision r) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", r.name());
    meta.put("namespace", r.namespace());
    putNonEmpty(meta, "uid", r.uid());
    putNonEmpty(meta, "labels", r.labels());
    putNonEmpty(meta, "annotations", r.annotations());
    putNonEmpty(meta, "ownerReferences", ownerReferences(r.ownerReferences()));
    if (r.creationTimestamp() != null) {
      meta.put("creationTimestamp", time(r.creationTimestamp()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "apps/v1");
    out.put("kind", "ControllerRevision");
    out.put("metadata", meta);
    out.put("data", KubeSerialization.INSTANCE.unmarshal(r.data(), Object.class));
    out.put("revision", r.revision());
    return Json.canonicalObject(out);
  }

  /** Returns the JSON of a status as Go writes {@code apps/v1 StatefulSetStatus}. */
  public static Map<String, Object> status(StatefulSetStatus s) {
    Map<String, Object> out = new LinkedHashMap<>();
    putNonZero(out, "observedGeneration", s.observedGeneration());
    out.put("replicas", (long) s.replicas());
    putNonZero(out, "readyReplicas", s.readyReplicas());
    putNonZero(out, "currentReplicas", s.currentReplicas());
    putNonZero(out, "updatedReplicas", s.updatedReplicas());
    putNonEmpty(out, "currentRevision", s.currentRevision());
    putNonEmpty(out, "updateRevision", s.updateRevision());
    if (s.collisionCount() != null) {
      out.put("collisionCount", (long) s.collisionCount());
    }
    List<Object> conditions = new ArrayList<>();
    for (StatefulSetCondition c : s.conditions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", c.type());
      m.put("status", c.status());
      if (c.lastTransitionTime() != null) {
        m.put("lastTransitionTime", time(c.lastTransitionTime()));
      }
      putNonEmpty(m, "reason", c.reason());
      putNonEmpty(m, "message", c.message());
      conditions.add(m);
    }
    putNonEmpty(out, "conditions", conditions);
    out.put("availableReplicas", (long) s.availableReplicas());
    return Json.canonicalObject(out);
  }

  /** Returns owner references as Go writes them, false flags left out. */
  public static List<Object> ownerReferences(List<OwnerReference> refs) {
    List<Object> out = new ArrayList<>(refs.size());
    for (OwnerReference r : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("apiVersion", r.apiVersion());
      m.put("kind", r.kind());
      m.put("name", r.name());
      m.put("uid", r.uid());
      if (r.controller()) {
        m.put("controller", true);
      }
      if (r.blockOwnerDeletion()) {
        m.put("blockOwnerDeletion", true);
      }
      out.add(m);
    }
    return out;
  }

  /** Returns an instant as metav1.Time writes it: RFC 3339, whole seconds, UTC. */
  public static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static final class Mapper implements Action.Visitor<ApiCall> {
    private final ObservedObjects observed;

    Mapper(ObservedObjects observed) {
      this.observed = observed;
    }

    @Override
    public ApiCall createPod(Action.CreatePod a) {
      DesiredPod p = a.pod();
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("name", p.name());
      meta.put("namespace", p.namespace());
      meta.put("generateName", p.generateName());
      putNonEmpty(meta, "labels", p.labels());
      putNonEmpty(meta, "annotations", p.annotations());
      putNonEmpty(meta, "finalizers", p.finalizers());
      putNonEmpty(meta, "ownerReferences", ownerReferences(p.ownerReferences()));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("apiVersion", "v1");
      body.put("kind", "Pod");
      body.put("metadata", meta);
      body.put("spec", p.spec());
      return ApiCall.create(ApiCall.PODS, p.namespace(), p.name(), body);
    }

    @Override
    public ApiCall createClaim(Action.CreateClaim a) {
      DesiredClaim c = a.claim();
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("name", c.name());
      meta.put("namespace", c.namespace());
      putNonEmpty(meta, "labels", c.labels());
      putNonEmpty(meta, "annotations", c.annotations());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("apiVersion", "v1");
      body.put("kind", "PersistentVolumeClaim");
      body.put("metadata", meta);
      putNonEmpty(body, "spec", c.spec());
      return ApiCall.create(ApiCall.CLAIMS, c.namespace(), c.name(), body);
    }

    @Override
    public ApiCall updatePod(Action.UpdatePod a) {
      Map<String, Object> pod = mutable(required(observed.pod(a.name()), "pod", a.name()));
      Map<String, Object> meta = child(pod, "metadata");
      meta.put("namespace", a.namespace());
      meta.remove("labels");
      putNonEmpty(meta, "labels", a.labels());
      Map<String, Object> spec = child(pod, "spec");
      List<Object> volumes = list(spec.get("volumes"));
      if (!claimVolumesMatch(volumes, a.claimVolumes())) {
        List<Object> rebuilt = new ArrayList<>();
        a.claimVolumes()
            .forEach(
                (volume, claim) ->
                    rebuilt.add(
                        Map.of(
                            "name", volume, "persistentVolumeClaim", Map.of("claimName", claim))));
        for (Object v : volumes) {
          Object name = v instanceof Map ? ((Map<?, ?>) v).get("name") : null;
          if (!a.claimVolumes().containsKey(name)) {
            rebuilt.add(v);
          }
        }
        spec.put("volumes", rebuilt);
      }
      return ApiCall.update(ApiCall.PODS, "", a.namespace(), a.name(), pod);
    }

    @Override
    public ApiCall updateClaimOwners(Action.UpdateClaimOwners a) {
      Map<String, Object> claim = mutable(required(observed.claim(a.name()), "claim", a.name()));
      Map<String, Object> meta = child(claim, "metadata");
      meta.remove("ownerReferences");
      putNonEmpty(meta, "ownerReferences", ownerReferences(a.ownerReferences()));
      return ApiCall.update(ApiCall.CLAIMS, "", observed.namespace(), a.name(), claim);
    }

    @Override
    public ApiCall deletePod(Action.DeletePod a) {
      return ApiCall.delete(ApiCall.PODS, observed.namespace(), a.name(), a.uid());
    }

    @Override
    public ApiCall adoptPod(Action.AdoptPod a) {
      return ApiCall.strategicPatch(
          ApiCall.PODS, observed.namespace(), a.name(), adoptPatch(a.uid(), a.controllerRef()));
    }

    @Override
    public ApiCall releasePod(Action.ReleasePod a) {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("$patch", "delete");
      ref.put("uid", observed.setUid());
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("uid", a.uid());
      meta.put("ownerReferences", List.of(ref));
      return ApiCall.strategicPatch(
          ApiCall.PODS, observed.namespace(), a.name(), Map.of("metadata", meta));
    }

    @Override
    public ApiCall adoptRevision(Action.AdoptRevision a) {
      OwnerReference ref =
          OwnerReference.controllerRef(
              OwnerReference.APPS_V1,
              OwnerReference.STATEFUL_SET,
              observed.setName(),
              observed.setUid());
      return ApiCall.strategicPatch(
          ApiCall.REVISIONS, observed.namespace(), a.name(), adoptPatch(a.uid(), ref));
    }

    @Override
    public ApiCall createRevision(Action.CreateRevision a) {
      ControllerRevision r = a.revision();
      // Upstream builds the revision without a namespace: it travels in the URL only.
      Map<String, Object> body = mutable(revision(r));
      child(body, "metadata").remove("namespace");
      return ApiCall.create(ApiCall.REVISIONS, r.namespace(), r.name(), body);
    }

    @Override
    public ApiCall renumberRevision(Action.RenumberRevision a) {
      Map<String, Object> r = mutable(required(observed.revision(a.name()), "revision", a.name()));
      r.put("revision", a.revision());
      return ApiCall.update(ApiCall.REVISIONS, "", observed.namespace(), a.name(), r);
    }

    @Override
    public ApiCall deleteRevision(Action.DeleteRevision a) {
      return ApiCall.delete(ApiCall.REVISIONS, observed.namespace(), a.name(), a.uid());
    }

    @Override
    public ApiCall writeStatus(Action.WriteStatus a) {
      Map<String, Object> set = mutable(observed.set());
      set.put("status", status(a.status()));
      return ApiCall.update(
          ApiCall.STATEFUL_SETS, "status", observed.namespace(), observed.setName(), set);
    }
  }

  private static Map<String, Object> adoptPatch(String uid, OwnerReference ref) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("ownerReferences", ownerReferences(List.of(ref)));
    meta.put("uid", uid);
    return Map.of("metadata", meta);
  }

  /** Returns true if every claim volume is there with the right claim, as storageMatches checks. */
  private static boolean claimVolumesMatch(List<Object> volumes, Map<String, String> claims) {
    Map<Object, Object> byName = new LinkedHashMap<>();
    for (Object v : volumes) {
      if (v instanceof Map) {
        byName.put(((Map<?, ?>) v).get("name"), v);
      }
    }
    for (Map.Entry<String, String> e : claims.entrySet()) {
      Object v = byName.get(e.getKey());
      Object pvc = v instanceof Map ? ((Map<?, ?>) v).get("persistentVolumeClaim") : null;
      if (!(pvc instanceof Map) || !e.getValue().equals(((Map<?, ?>) pvc).get("claimName"))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> required(
      @Nullable Map<String, Object> object, String kind, String name) {
    if (object == null) {
      throw new IllegalArgumentException(
          "the plan writes "
              + kind
              + " "
              + name
              + " but the observed objects have no such "
              + kind
              + ": the plan was made from another observation");
    }
    return object;
  }

  /** Returns a deep, mutable copy of a JSON-like tree. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mutable(Map<String, ?> tree) {
    return (Map<String, Object>) mutableValue(tree);
  }

  private static @Nullable Object mutableValue(@Nullable Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, mutableValue(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object x : (List<?>) v) {
        out.add(mutableValue(x));
      }
      return out;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map) {
      return (Map<String, Object>) v;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    parent.put(key, m);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(@Nullable Object v) {
    return v instanceof List ? new ArrayList<>((List<Object>) v) : new ArrayList<>();
  }

  private static void putNonEmpty(Map<String, Object> m, String key, @Nullable Object v) {
    if (v == null
        || (v instanceof String && ((String) v).isEmpty())
        || (v instanceof Map && ((Map<?, ?>) v).isEmpty())
        || (v instanceof List && ((List<?>) v).isEmpty())) {
      return;
    }
    m.put(key, v);
  }

  private static void putNonZero(Map<String, Object> m, String key, long v) {
    if (v != 0) {
      m.put(key, v);
    }
  }
}
