package dev.ordinal.conformance;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Json;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.kube.ApiCalls;
import dev.ordinal.kube.ObservedObjects;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes an {@link Observation} as the Kubernetes JSON objects a cluster would hold, and as a
 * request line of the oracle protocol. The same objects feed {@link ApiCalls}, so that Ordinal's
 * update bodies and the oracle's start from identical objects.
 *
 * <p>Object timestamps are written in whole seconds, as the apiserver serializes them; {@code now}
 * keeps its fraction (the suite uses {@code .5}, see the protocol's section on time). Pods get the
 * fields the api models: identity, labels, annotations, owners, timestamps, hostname, subdomain,
 * claim volumes, phase and the Ready condition; one container, so that the object is a valid pod.
 */
public final class Requests {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Requests() {}

  /** The objects of one observation, as JSON-like data. */
  public record Objects(
      Map<String, Object> set,
      List<Map<String, Object>> pods,
      List<Map<String, Object>> claims,
      List<Map<String, Object>> revisions) {

    /** Returns them as {@link ApiCalls} reads them. */
    public ObservedObjects observed() {
      return ObservedObjects.of(set, pods, claims, revisions);
    }
  }

  /** Returns the objects of an observation. */
  public static Objects objects(Observation o) {
    requireNonNull(o, "o");
    List<Map<String, Object>> pods = new ArrayList<>();
    for (ObservedPod p : o.pods()) {
      pods.add(pod(p));
    }
    List<Map<String, Object>> claims = new ArrayList<>();
    for (ObservedClaim c : o.claims()) {
      claims.add(claim(c));
    }
    List<Map<String, Object>> revisions = new ArrayList<>();
    for (ControllerRevision r : o.revisions()) {
      revisions.add(ApiCalls.revision(r));
    }
    return new Objects(set(o.set()), pods, claims, revisions);
  }

  /** Returns the request line for an observation. */
  public static String line(String id, Observation o, Map<String, Boolean> featureGates) {
    return line(id, o.now(), featureGates, objects(o));
  }

  /** Returns the request line for already encoded objects. */
  public static String line(
      String id, Instant now, Map<String, Boolean> featureGates, Objects objects) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("id", id);
    request.put("now", DateTimeFormatter.ISO_INSTANT.format(now));
    request.put("featureGates", new TreeMap<>(featureGates));
    request.put("set", objects.set());
    request.put("pods", objects.pods());
    request.put("claims", objects.claims());
    request.put("revisions", objects.revisions());
    return MAPPER.writeValueAsString(request);
  }

  /** Returns the StatefulSet as the apiserver stores it (the caller defaults it first). */
  public static Map<String, Object> set(StatefulSet s) {
    Map<String, Object> meta = meta(s.name(), s.namespace(), s.uid());
    meta.put("generation", s.generation());
    putNonEmpty(meta, "labels", s.labels());
    putNonEmpty(meta, "annotations", s.annotations());
    putTime(meta, "creationTimestamp", s.creationTimestamp());
    putTime(meta, "deletionTimestamp", s.deletionTimestamp());
    StatefulSetSpec spec = s.spec();
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> sp = new LinkedHashMap<>();
    if (spec.replicas() != null) {
      sp.put("replicas", spec.replicas());
    }
    if (spec.selector() != null) {
      sp.put("selector", selector(spec.selector()));
    }
    sp.put("template", spec.template().content());
    putNonEmpty(sp, "serviceName", spec.serviceName());
    List<Object> templates = new ArrayList<>();
    for (VolumeClaimTemplate t : spec.volumeClaimTemplates()) {
      templates.add(t.content());
    }
    putNonEmpty(sp, "volumeClaimTemplates", templates);
    sp.put("updateStrategy", updateStrategy(spec.updateStrategy()));
    if (spec.podManagementPolicy() != null) {
      sp.put("podManagementPolicy", spec.podManagementPolicy().wireName());
    }
    if (spec.minReadySeconds() != 0) {
      sp.put("minReadySeconds", spec.minReadySeconds());
    }
    if (spec.revisionHistoryLimit() != null) {
      sp.put("revisionHistoryLimit", spec.revisionHistoryLimit());
    }
    ClaimRetentionPolicy policy = spec.persistentVolumeClaimRetentionPolicy();
    if (policy != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      if (policy.whenDeleted() != null) {
        p.put("whenDeleted", policy.whenDeleted().wireName());
      }
      if (policy.whenScaled() != null) {
        p.put("whenScaled", policy.whenScaled().wireName());
      }
      sp.put("persistentVolumeClaimRetentionPolicy", p);
    }
    if (spec.ordinalsStart() != null) {
      sp.put("ordinals", Map.of("start", spec.ordinalsStart()));
    }
    out.put("apiVersion", "apps/v1");
    out.put("kind", "StatefulSet");
    out.put("metadata", meta);
    out.put("spec", sp);
    out.put("status", ApiCalls.status(s.status()));
    return Json.canonicalObject(out);
  }

  /** Returns a pod with the fields the api models. */
  public static Map<String, Object> pod(ObservedPod p) {
    Map<String, Object> meta = meta(p.name(), p.namespace(), p.uid());
    putNonEmpty(meta, "labels", p.labels());
    putNonEmpty(meta, "annotations", p.annotations());
    putNonEmpty(meta, "ownerReferences", ApiCalls.ownerReferences(p.ownerReferences()));
    putTime(meta, "creationTimestamp", p.creationTimestamp());
    putTime(meta, "deletionTimestamp", p.deletionTimestamp());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("containers", List.of(Map.of("name", "app", "image", "nginx:1.0")));
    putNonEmpty(spec, "hostname", p.hostname());
    putNonEmpty(spec, "subdomain", p.subdomain());
    List<Object> volumes = new ArrayList<>();
    p.claimVolumes()
        .forEach(
            (volume, claim) ->
                volumes.add(
                    Map.of("name", volume, "persistentVolumeClaim", Map.of("claimName", claim))));
    putNonEmpty(spec, "volumes", volumes);
    Map<String, Object> status = new LinkedHashMap<>();
    if (p.phase() != null) {
      status.put("phase", p.phase().wireName());
    }
    if (p.ready() || p.readyTransitionTime() != null) {
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("type", "Ready");
      ready.put("status", p.ready() ? "True" : "False");
      putTime(ready, "lastTransitionTime", p.readyTransitionTime());
      status.put("conditions", List.of(ready));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("kind", "Pod");
    out.put("metadata", meta);
    out.put("spec", spec);
    putNonEmpty(out, "status", status);
    return Json.canonicalObject(out);
  }

  /** Returns a claim with the fields the api models and a minimal spec. */
  public static Map<String, Object> claim(ObservedClaim c) {
    Map<String, Object> meta = meta(c.name(), c.namespace(), c.uid());
    putNonEmpty(meta, "labels", c.labels());
    putNonEmpty(meta, "ownerReferences", ApiCalls.ownerReferences(c.ownerReferences()));
    putTime(meta, "deletionTimestamp", c.deletionTimestamp());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("kind", "PersistentVolumeClaim");
    out.put("metadata", meta);
    out.put(
        "spec",
        Map.of(
            "accessModes", List.of("ReadWriteOnce"),
            "resources", Map.of("requests", Map.of("storage", "1Gi"))));
    return Json.canonicalObject(out);
  }

  private static Map<String, Object> selector(LabelSelector s) {
    Map<String, Object> out = new LinkedHashMap<>();
    putNonEmpty(out, "matchLabels", s.matchLabels());
    List<Object> expressions = new ArrayList<>();
    for (LabelSelectorRequirement r : s.matchExpressions()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("key", r.key());
      e.put("operator", r.operator().wireName());
      putNonEmpty(e, "values", r.values());
      expressions.add(e);
    }
    putNonEmpty(out, "matchExpressions", expressions);
    return out;
  }

  private static Map<String, Object> updateStrategy(UpdateStrategy s) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (s.type() != null) {
      out.put("type", s.type().wireName());
    }
    if (s.rollingUpdate() != null) {
      Map<String, Object> ru = new LinkedHashMap<>();
      if (s.rollingUpdate().partition() != null) {
        ru.put("partition", s.rollingUpdate().partition());
      }
      IntOrString mu = s.rollingUpdate().maxUnavailable();
      if (mu != null) {
        ru.put("maxUnavailable", mu.isInt() ? (Object) mu.intValue() : mu.stringValue());
      }
      out.put("rollingUpdate", ru);
    }
    return out;
  }

  private static Map<String, Object> meta(String name, String namespace, String uid) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("namespace", namespace);
    putNonEmpty(meta, "uid", uid);
    return meta;
  }

  private static void putTime(Map<String, Object> m, String key, @Nullable Instant t) {
    if (t != null) {
      m.put(key, ApiCalls.time(t));
    }
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
}
