package dev.ordinal.scenario;

import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.sim.ServicePort;
import dev.ordinal.sim.SimClaim;
import dev.ordinal.sim.SimContainer;
import dev.ordinal.sim.SimPod;
import dev.ordinal.sim.SimService;
import dev.ordinal.sim.SimStatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The simulated cluster's objects as the JSON-like data {@code kubectl get -o yaml|json}, {@code
 * --template} and {@code jsonpath} read: the fields the simulation has, in the apiserver's field
 * order.
 */
final class ApiObjects {

  private ApiObjects() {}

  static Map<String, Object> pod(SimPod p) {
    Map<String, Object> meta = meta(p.name(), p.namespace(), p.uid(), p.resourceVersion());
    meta.put("labels", p.labels());
    if (!p.annotations().isEmpty()) {
      meta.put("annotations", p.annotations());
    }
    meta.put("ownerReferences", owners(p.ownerReferences()));
    meta.put("creationTimestamp", p.creationTimestamp().toString());
    putTime(meta, "deletionTimestamp", p.deletionTimestamp());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", p.phase().toString());
    if (p.ip() != null) {
      status.put("podIP", p.ip());
    }
    List<Object> containers = new ArrayList<>();
    for (SimContainer c : p.containers()) {
      Map<String, Object> cs = new LinkedHashMap<>();
      cs.put("name", c.name());
      cs.put("image", c.image());
      cs.put("ready", c.ready());
      cs.put("restartCount", c.restartCount());
      // The state is a one-key object, {running: {}} or {waiting: {reason: ...}}: the key says
      // which state, as in the API's ContainerState.
      cs.put("state", Map.of(c.state().name().toLowerCase(java.util.Locale.ROOT), reason(c)));
      containers.add(cs);
    }
    status.put("containerStatuses", containers);
    Map<String, Object> spec = new LinkedHashMap<>(p.spec());
    if (p.node() != null) {
      spec.put("nodeName", p.node());
    }
    return object("v1", "Pod", meta, spec, status);
  }

  private static Map<String, Object> reason(SimContainer c) {
    return c.reason().isEmpty() ? Map.of() : Map.of("reason", c.reason());
  }

  static Map<String, Object> statefulSet(SimStatefulSet s, Map<String, Object> appliedSpec) {
    StatefulSet set = s.set();
    Map<String, Object> meta = meta(set.name(), set.namespace(), set.uid(), s.resourceVersion());
    meta.put("generation", set.generation());
    if (!set.labels().isEmpty()) {
      meta.put("labels", set.labels());
    }
    if (set.creationTimestamp() != null) {
      meta.put("creationTimestamp", set.creationTimestamp().toString());
    }
    putTime(meta, "deletionTimestamp", set.deletionTimestamp());
    StatefulSetStatus st = set.status();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", st.observedGeneration());
    status.put("replicas", st.replicas());
    status.put("readyReplicas", st.readyReplicas());
    status.put("currentReplicas", st.currentReplicas());
    status.put("updatedReplicas", st.updatedReplicas());
    status.put("availableReplicas", st.availableReplicas());
    status.put("currentRevision", st.currentRevision());
    status.put("updateRevision", st.updateRevision());
    // The spec as last applied or patched, the user's fields: the simulation keeps a typed model
    // of the set, not the stored object, so the apiserver's defaults are not shown.
    return object("apps/v1", "StatefulSet", meta, appliedSpec, status);
  }

  static Map<String, Object> service(SimService s) {
    Map<String, Object> meta = meta(s.name(), s.namespace(), s.uid(), s.resourceVersion());
    if (!s.service().labels().isEmpty()) {
      meta.put("labels", s.service().labels());
    }
    meta.put("creationTimestamp", s.creationTimestamp().toString());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("clusterIP", s.service().clusterIP());
    List<Object> ports = new ArrayList<>();
    for (ServicePort p : s.service().ports()) {
      Map<String, Object> port = new LinkedHashMap<>();
      if (!p.name().isEmpty()) {
        port.put("name", p.name());
      }
      port.put("port", p.port());
      port.put("protocol", p.protocol());
      port.put("targetPort", p.targetPort());
      ports.add(port);
    }
    spec.put("ports", ports);
    spec.put("selector", s.service().selector());
    spec.put("type", "ClusterIP");
    // The apiserver stores an empty loadBalancer status even for a ClusterIP service.
    return object("v1", "Service", meta, spec, Map.of("loadBalancer", Map.of()));
  }

  static Map<String, Object> claim(SimClaim c) {
    Map<String, Object> meta = meta(c.name(), c.namespace(), c.uid(), c.resourceVersion());
    meta.put("labels", c.labels());
    meta.put("finalizers", c.finalizers());
    meta.put("ownerReferences", owners(c.ownerReferences()));
    meta.put("creationTimestamp", c.creationTimestamp().toString());
    putTime(meta, "deletionTimestamp", c.deletionTimestamp());
    Map<String, Object> spec = new LinkedHashMap<>(c.spec());
    if (c.volumeName() != null) {
      spec.put("volumeName", c.volumeName());
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", c.status());
    // The binder fills these in when it binds the claim; a Pending claim has neither.
    if (c.volumeName() != null) {
      status.put("accessModes", c.accessModes());
      status.put("capacity", Map.of("storage", c.capacity()));
    }
    return object("v1", "PersistentVolumeClaim", meta, spec, status);
  }

  /**
   * Wraps objects as {@code kubectl get -o yaml} does for a list. kubectl builds this List itself
   * from the objects it got, so it has no resourceVersion of the server's: the field is empty.
   */
  static Map<String, Object> list(List<Map<String, Object>> items) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("items", items);
    out.put("kind", "List");
    out.put("metadata", Map.of("resourceVersion", ""));
    return out;
  }

  private static Map<String, Object> meta(
      String name, String namespace, String uid, String resourceVersion) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("uid", uid);
    meta.put("resourceVersion", resourceVersion);
    return meta;
  }

  private static void putTime(Map<String, Object> meta, String key, @Nullable Instant time) {
    if (time != null) {
      meta.put(key, time.toString());
    }
  }

  private static List<Object> owners(List<OwnerReference> refs) {
    List<Object> out = new ArrayList<>();
    for (OwnerReference r : refs) {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("apiVersion", r.apiVersion());
      ref.put("kind", r.kind());
      ref.put("name", r.name());
      ref.put("uid", r.uid());
      ref.put("controller", r.controller());
      ref.put("blockOwnerDeletion", r.blockOwnerDeletion());
      out.add(ref);
    }
    return out;
  }

  private static Map<String, Object> object(
      String apiVersion,
      String kind,
      Map<String, Object> meta,
      Map<String, Object> spec,
      Map<String, Object> status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind);
    out.put("metadata", meta);
    out.put("spec", spec);
    out.put("status", status);
    return out;
  }
}
