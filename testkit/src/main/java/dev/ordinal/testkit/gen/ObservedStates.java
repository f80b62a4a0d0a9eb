package dev.ordinal.testkit.gen;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.revision.Revisions;
import dev.ordinal.invariants.ObservationText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Random observed cluster states for a StatefulSet: everything a sync may read, including what a
 * healthy cluster rarely shows. Pods have ordinals in and out of the replica range, duplicate
 * ordinals ({@code web-1} and {@code web-01}), unparsable names, every phase, Ready or not,
 * deletion timestamps, current, updated, unknown or missing revision labels, owners that are the
 * set, nobody or another controller, wrong identity labels and wrong claim volumes. Claims carry
 * random owner references: the set, the pod, a stale pod uid, a foreign controller, a
 * non-controller reference. The set's history holds up to three revisions and its status names some
 * of them.
 *
 * <p>Everything generated is a state a real cluster can be in, so a planner must never throw on it;
 * most of it is not a state the controller would produce on its own, so invariants over states
 * (rather than over plans) are not expected to hold on it.
 *
 * @since 0.1.0
 */
public final class ObservedStates {

  /** The time of generated observations, unless one is given. */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private ObservedStates() {}

  /**
   * Returns a random observation of the set at {@link #NOW}.
   *
   * @throws NullPointerException if source or set is null
   */
  public static Observation observation(Source source, StatefulSet set) {
    return observation(source, set, NOW);
  }

  /**
   * Returns a random observation of the set at the given time. The set's history and status are
   * replaced by random ones; its spec is kept.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Observation observation(Source source, StatefulSet set, Instant now) {
    requireNonNull(source, "source");
    requireNonNull(set, "set");
    requireNonNull(now, "now");
    List<ControllerRevision> revisions = revisions(source, set, now);
    List<String> revisionNames = new ArrayList<>();
    for (ControllerRevision r : revisions) {
      revisionNames.add(r.name());
    }
    StatefulSet observed =
        set
            .withGeneration(source.between(1, 3))
            .withStatus(status(source, set, revisionNames));
    List<ObservedPod> pods = pods(source, observed, revisionNames, now);
    List<ObservedClaim> claims = claims(source, observed, pods, now);
    return Observation.builder()
        .set(observed)
        .pods(pods)
        .claims(claims)
        .revisions(revisions)
        .now(now)
        .build();
  }

  private static List<ControllerRevision> revisions(Source source, StatefulSet set, Instant now) {
    List<ControllerRevision> out = new ArrayList<>();
    int count = source.between(0, 3);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < count; i++) {
      // The last revision is usually the set's own template, as after a sync.
      StatefulSet version =
          i == count - 1 && source.chance(70)
              ? set
              : withSpec(
                  set,
                  StatefulSetSpec.builder()
                      .from(set.spec())
                      .template(
                          Specs.withImage(
                              set.spec().template(), Specs.CONTAINER, source.pick(Specs.IMAGES)))
                      .build());
      ControllerRevision r = Revisions.newRevision(version, i + 1, 0);
      if (!names.add(r.name())) {
        continue;
      }
      ControllerRevision built =
          r
              .withUid("rev-uid-" + i)
              .withCreationTimestamp(now.minusSeconds(3600 - i));
      if (source.chance(10)) {
        built = built.withOwnerReferences(List.of()); // an orphan revision, to be adopted
      }
      out.add(built);
    }
    return out;
  }

  private static StatefulSetStatus status(Source source, StatefulSet set, List<String> revisions) {
    int replicas = set.spec().effectiveReplicas();
    int counted = source.between(0, replicas + 1);
    int ready = source.between(0, counted);
    return StatefulSetStatus.builder()
        .observedGeneration(source.between(0, 1))
        .replicas(counted)
        .readyReplicas(ready)
        .currentReplicas(source.between(0, counted))
        .updatedReplicas(source.between(0, counted))
        .availableReplicas(source.between(0, ready))
        .currentRevision(revisionName(source, revisions))
        .updateRevision(revisionName(source, revisions))
        .collisionCount(source.chance(30) ? null : 0)
        .build();
  }

  private static String revisionName(Source source, List<String> revisions) {
    if (revisions.isEmpty() || source.chance(15)) {
      return "";
    }
    return source.pick(revisions);
  }

  private static List<ObservedPod> pods(
      Source source, StatefulSet set, List<String> revisions, Instant now) {
    StatefulSetSpec spec = set.spec();
    int start = spec.startOrdinal();
    int replicas = spec.effectiveReplicas();
    int count = source.between(0, replicas + 3);
    Map<String, ObservedPod> byName = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      int ordinal = ordinal(source, start, replicas);
      String name = podName(source, set.name(), ordinal);
      if (byName.containsKey(name)) {
        continue; // a cluster holds one object per name
      }
      byName.put(name, pod(source, set, name, ordinal, "pod-uid-" + i, revisions, now));
    }
    List<ObservedPod> pods = new ArrayList<>(byName.values());
    // Listing order is arbitrary upstream, and it decides which duplicate wins a slot (R-NAME-5).
    for (int i = pods.size() - 1; i > 0; i--) {
      int j = source.between(0, i);
      ObservedPod tmp = pods.get(i);
      pods.set(i, pods.get(j));
      pods.set(j, tmp);
    }
    return pods;
  }

  private static int ordinal(Source source, int start, int replicas) {
    switch (source.below(6)) {
      case 0:
        return start + replicas + source.between(0, 2); // above the range: condemned
      case 1:
        return start > 0 ? source.between(0, start - 1) : start + replicas; // below the range
      default:
        return replicas == 0 ? start : start + source.between(0, replicas - 1);
    }
  }

  private static String podName(Source source, String set, int ordinal) {
    switch (source.below(20)) {
      case 0:
        return set + "-0" + ordinal; // parses to the same ordinal, not canonical (R-NAME-5)
      case 1:
        return set + "-x"; // no ordinal (R-NAME-2)
      case 2:
        return "other-" + ordinal; // not a member (R-NAME-3)
      default:
        return PodNames.podName(set, ordinal);
    }
  }

  private static ObservedPod pod(
      Source source,
      StatefulSet set,
      String name,
      int ordinal,
      String uid,
      List<String> revisions,
      Instant now) {
    Map<String, String> labels = new TreeMap<>(set.spec().template().labels());
    if (source.chance(5)) {
      labels.put("app", "something-else"); // no longer selected: released (R-ADOPT-3)
    }
    if (!source.chance(10)) {
      labels.put(ObservedPod.POD_NAME_LABEL, name);
    }
    if (!source.chance(30)) {
      labels.put(ObservedPod.POD_INDEX_LABEL, Integer.toString(ordinal));
    }
    String revision =
        revisions.isEmpty() || source.chance(10)
            ? (source.chance(50) ? set.name() + "-unknown" : null)
            : source.pick(revisions);
    if (revision != null) {
      labels.put(ObservedPod.REVISION_LABEL, revision);
    }
    // Never a pod without a phase: the apiserver sets Pending on create, and upstream reads an
    // empty phase as its own placeholder for a pod not created yet (P-CREATED).
    PodPhase phase =
        source.pick(
            PodPhase.RUNNING,
            PodPhase.PENDING,
            PodPhase.FAILED,
            PodPhase.SUCCEEDED,
            PodPhase.UNKNOWN);
    boolean ready = phase == PodPhase.RUNNING ? source.chance(70) : source.chance(5);
    return ObservedPod.builder()
        .name(name)
        .namespace(source.chance(5) ? "elsewhere" : set.namespace())
        .uid(uid)
        .labels(labels)
        .ownerReferences(owners(source, set))
        .creationTimestamp(now.minusSeconds(600))
        .deletionTimestamp(source.chance(15) ? now.minusSeconds(source.between(0, 30)) : null)
        .phase(phase)
        .ready(ready)
        .readyTransitionTime(ready ? now.minusSeconds(source.between(0, 60)) : null)
        .claimVolumes(claimVolumes(source, set, ordinal))
        .hostname(name)
        .subdomain(set.spec().serviceName())
        .build();
  }

  private static List<OwnerReference> owners(Source source, StatefulSet set) {
    switch (source.below(8)) {
      case 0:
        return List.of(); // an orphan the set may adopt (R-ADOPT-4)
      case 1:
        return List.of(
            OwnerReference.controllerRef(OwnerReference.APPS_V1, "ReplicaSet", "other", "rs-uid"));
      case 2:
        return List.of(
            new OwnerReference(
                OwnerReference.APPS_V1,
                OwnerReference.STATEFUL_SET,
                set.name(),
                set.uid(),
                false,
                false));
      default:
        return List.of(setRef(set));
    }
  }

  private static Map<String, String> claimVolumes(Source source, StatefulSet set, int ordinal) {
    Map<String, String> out = new LinkedHashMap<>();
    for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
      switch (source.below(12)) {
        case 0:
          break; // the volume is missing (R-PVC-5)
        case 1:
          out.put(t.name(), PodNames.claimName(t.name(), set.name(), ordinal + 1));
          break;
        default:
          out.put(t.name(), PodNames.claimName(t.name(), set.name(), ordinal));
      }
    }
    return out;
  }

  private static List<ObservedClaim> claims(
      Source source, StatefulSet set, List<ObservedPod> pods, Instant now) {
    List<ObservedClaim> out = new ArrayList<>();
    List<VolumeClaimTemplate> templates = set.spec().volumeClaimTemplates();
    if (templates.isEmpty()) {
      return out;
    }
    Map<Integer, ObservedPod> byOrdinal = new TreeMap<>();
    for (ObservedPod p : pods) {
      if (p.ordinal() >= 0 && p.hasCanonicalName() && p.parentName().equals(set.name())) {
        byOrdinal.put(p.ordinal(), p);
      }
    }
    int start = set.spec().startOrdinal();
    int end = start + set.spec().effectiveReplicas() + 2;
    for (int ordinal = Math.max(0, start - 1); ordinal <= end; ordinal++) {
      ObservedPod pod = byOrdinal.get(ordinal);
      for (VolumeClaimTemplate t : templates) {
        // Pods usually have their claims; claims of missing pods are left from earlier ones.
        if (!source.chance(pod != null ? 85 : 30)) {
          continue;
        }
        String name = PodNames.claimName(t.name(), set.name(), ordinal);
        out.add(
            ObservedClaim.builder()
                .name(name)
                .namespace(set.namespace())
                .uid("claim-uid-" + name)
                .labels(
                    set.spec().selector() == null ? Map.of() : set.spec().selector().matchLabels())
                .ownerReferences(
                    claimOwners(source, set, PodNames.podName(set.name(), ordinal), pod))
                .deletionTimestamp(source.chance(5) ? now.minusSeconds(1) : null)
                .build());
      }
    }
    return out;
  }

  private static List<OwnerReference> claimOwners(
      Source source, StatefulSet set, String podName, @Nullable ObservedPod pod) {
    List<OwnerReference> refs = new ArrayList<>();
    if (source.chance(40)) {
      refs.add(setRef(set));
    }
    if (source.chance(35)) {
      String uid = pod != null && source.chance(70) ? pod.uid() : "stale-uid-" + podName;
      refs.add(OwnerReference.controllerRef("v1", OwnerReference.POD, podName, uid));
    }
    if (source.chance(8)) {
      refs.add(OwnerReference.controllerRef("v1", "ConfigMap", "foreign", "foreign-uid"));
    }
    if (source.chance(8)) {
      refs.add(
          new OwnerReference(
              OwnerReference.APPS_V1,
              OwnerReference.STATEFUL_SET,
              set.name(),
              set.uid(),
              false,
              false));
    }
    return refs;
  }

  private static OwnerReference setRef(StatefulSet set) {
    return OwnerReference.controllerRef(
        OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid());
  }

  private static StatefulSet withSpec(StatefulSet set, StatefulSetSpec spec) {
    return set.withSpec(spec);
  }

  /**
   * Returns an observation as a few lines of text, like {@code kubectl get}. For failure messages;
   * the format is not stable.
   *
   * @see ObservationText#describe
   * @throws NullPointerException if observation is null
   */
  public static String describe(Observation observation) {
    return ObservationText.describe(observation);
  }
}
