package dev.ordinal.sim;

import dev.ordinal.api.Json;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A stored pod: its spec as created and the status the simulated kubelet reports. */
final class PodState extends StoredObject {

  /** How far the kubelet has brought the pod. */
  enum Stage {
    /** Waiting for the scheduler: phase Pending, no node. */
    UNSCHEDULED,
    /** Bound to a node; the kubelet has not reported yet: still shown as Pending. */
    SCHEDULED,
    /** The kubelet creates the sandbox and starts containers: ContainerCreating. */
    CREATING,
    /** Containers started (or crashed and restarting). */
    STARTED,
    /** Containers stopped for good: a finished pod, or one whose termination completed. */
    STOPPED
  }

  /** The default of {@code terminationGracePeriodSeconds}. */
  static final long DEFAULT_GRACE_SECONDS = 30;

  Map<String, String> labels = Map.of();
  Map<String, String> annotations = Map.of();
  Map<String, Object> spec = Map.of();
  String hostname = "";
  @Nullable String subdomain;
  Map<String, String> claimVolumes = Map.of();
  long graceSeconds = DEFAULT_GRACE_SECONDS;
  @Nullable String node;
  @Nullable String ip;
  PodPhase phase = PodPhase.PENDING;
  Stage stage = Stage.UNSCHEDULED;
  List<SimContainer> containers = List.of();

  /** The Ready condition. */
  boolean ready;

  @Nullable Instant readySince;

  // Kubelet-side facts that are not in the pod's API status: no view depends on them directly.
  /** The readiness probe has passed since the containers last started. */
  boolean probed;

  /** The readiness probe fails (a user's {@code unready}). */
  boolean probeFailing;

  /** The node controller marked the pod not Ready because its node is lost. */
  boolean nodeNotReady;

  /** Kubelet steps carry the token they were scheduled with; a newer schedule voids them. */
  int kubeletToken;

  private @Nullable ObservedPod observed;

  PodState(String namespace, String name, String uid, Instant created) {
    super(ObjectKind.POD, namespace, name, uid, created);
  }

  @Override
  void invalidate() {
    super.invalidate();
    observed = null;
  }

  SimPod simPod() {
    return (SimPod) view();
  }

  @Override
  Object buildView() {
    int restarts = 0;
    for (SimContainer c : containers) {
      restarts += c.restartCount();
    }
    return new SimPod(
        name,
        namespace,
        uid,
        Long.toString(resourceVersion),
        labels,
        annotations,
        List.copyOf(ownerReferences),
        phase,
        ready,
        readySince,
        statusText(),
        restarts,
        ip,
        node,
        hostname,
        subdomain,
        containers,
        claimVolumes,
        spec,
        creationTimestamp,
        deletionTimestamp);
  }

  /** Returns the pod as the StatefulSet controller reads it. */
  ObservedPod observed() {
    ObservedPod o = observed;
    if (o == null) {
      o =
          ObservedPod.builder()
              .name(name)
              .namespace(namespace)
              .uid(uid)
              .labels(labels)
              .annotations(annotations)
              .ownerReferences(ownerReferences)
              .creationTimestamp(creationTimestamp)
              .deletionTimestamp(deletionTimestamp)
              .phase(phase)
              .ready(ready)
              .readyTransitionTime(readySince)
              .claimVolumes(claimVolumes)
              .hostname(hostname)
              .subdomain(subdomain)
              .build();
      observed = o;
    }
    return o;
  }

  /**
   * Returns the STATUS column as kubectl's pod printer computes it: the phase, overridden by a
   * container's waiting or terminated reason (the first container's wins), then by Terminating.
   */
  String statusText() {
    String reason = phase.wireName();
    boolean hasRunning = false;
    for (int i = containers.size() - 1; i >= 0; i--) {
      SimContainer c = containers.get(i);
      if (c.state() == SimContainer.State.WAITING && !c.reason().isEmpty()) {
        reason = c.reason();
      } else if (c.state() == SimContainer.State.TERMINATED && !c.reason().isEmpty()) {
        reason = c.reason();
      } else if (c.ready() && c.state() == SimContainer.State.RUNNING) {
        hasRunning = true;
      }
    }
    if (reason.equals("Completed") && hasRunning) {
      reason = "Running";
    }
    if (deletionTimestamp != null) {
      reason = "Terminating";
    }
    return reason;
  }

  /** Returns the containers of a pod spec, with no status reported yet. */
  static List<SimContainer> containersOf(Map<String, Object> spec) {
    List<SimContainer> out = new ArrayList<>();
    Object list = spec.get("containers");
    if (list instanceof List) {
      for (Object o : (List<?>) list) {
        if (o instanceof Map) {
          Map<?, ?> c = (Map<?, ?>) o;
          out.add(
              new SimContainer(
                  String.valueOf(c.get("name")),
                  c.get("image") == null ? "" : String.valueOf(c.get("image")),
                  SimContainer.State.WAITING,
                  "",
                  false,
                  0));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Points the claim volumes at these claims, in {@code claimVolumes} and in {@code spec.volumes}
   * alike, keeping every other volume (what an identity/storage repair does, R-ID-3).
   */
  void replaceClaimVolumes(Map<String, String> volumes) {
    Map<String, String> merged = new LinkedHashMap<>(claimVolumes);
    merged.putAll(volumes);
    claimVolumes = Collections.unmodifiableMap(merged);
    List<Object> specVolumes = new ArrayList<>();
    Object existing = spec.get("volumes");
    List<String> seen = new ArrayList<>();
    if (existing instanceof List) {
      for (Object v : (List<?>) existing) {
        Object n = v instanceof Map ? ((Map<?, ?>) v).get("name") : null;
        if (n instanceof String && volumes.containsKey(n)) {
          specVolumes.add(claimVolume((String) n, volumes.get(n)));
          seen.add((String) n);
        } else {
          specVolumes.add(v);
        }
      }
    }
    volumes.forEach(
        (volume, claim) -> {
          if (!seen.contains(volume)) {
            specVolumes.add(claimVolume(volume, claim));
          }
        });
    Map<String, Object> newSpec = new TreeMap<>(spec);
    newSpec.put("volumes", specVolumes);
    spec = Json.canonicalObject(newSpec);
  }

  private static Map<String, Object> claimVolume(String volume, String claim) {
    return Map.of("name", volume, "persistentVolumeClaim", Map.of("claimName", claim));
  }

  /** Returns true if the pod is bound to a node and its containers may run. */
  boolean isScheduled() {
    return node != null;
  }

  boolean isFinished() {
    return phase == PodPhase.FAILED || phase == PodPhase.SUCCEEDED;
  }
}
