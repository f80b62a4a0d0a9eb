package dev.ordinal.conformance;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ImmutableControllerRevision;
import dev.ordinal.api.ImmutableObservedPod;
import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.LabelSelector;
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
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.testkit.gen.Specs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Builders of hand-picked observations: a healthy cluster by default, changed case by case. */
final class Cases {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Map<String, String> LABELS = Map.of("app", "web");

  private Cases() {}

  /** Returns the defaulted set {@code web} with the given replicas and spec changes. */
  static StatefulSet set(int replicas, UnaryOperator<ImmutableStatefulSetSpec.Builder> spec) {
    ImmutableStatefulSetSpec.Builder b =
        StatefulSetSpec.builder()
            .replicas(replicas)
            .selector(LabelSelector.of(LABELS))
            .serviceName("web")
            .template(StoredForm.template(Specs.template(LABELS, "nginx:1.0")));
    return Defaults.apply(
        StatefulSet.builder()
            .name("web")
            .namespace("default")
            .uid("uid-web")
            .generation(2)
            .putLabel("app", "web")
            .creationTimestamp(NOW.minusSeconds(7200))
            .spec(spec.apply(b).build())
            .build());
  }

  /** Returns the set with the claim template {@code data}. */
  static UnaryOperator<ImmutableStatefulSetSpec.Builder> withClaims(ClaimRetentionPolicy policy) {
    return b ->
        b.addVolumeClaimTemplates(VolumeClaimTemplate.of("data", "1Gi"))
            .persistentVolumeClaimRetentionPolicy(policy);
  }

  /** Returns the set with another image: a new revision to roll out. */
  static StatefulSet withImage(StatefulSet set, String image) {
    return ImmutableStatefulSet.copyOf(set)
        .withSpec(
            StatefulSetSpec.builder()
                .from(set.spec())
                .template(Specs.withImage(set.spec().template(), Specs.CONTAINER, image))
                .build());
  }

  /** Returns revision {@code number} of the set, as the apiserver holds it. */
  static ControllerRevision revision(StatefulSet set, long number) {
    ControllerRevision r = Revisions.newRevision(set, number, 0);
    return ImmutableControllerRevision.copyOf(r)
        .withUid("rev-uid-" + number)
        .withCreationTimestamp(NOW.minusSeconds(3600 + number));
  }

  /** Returns a healthy, Running and Ready pod of the set at the revision. */
  static ImmutableObservedPod pod(StatefulSet set, int ordinal, String revision) {
    String name = PodNames.podName(set.name(), ordinal);
    Map<String, String> labels = new TreeMap<>(set.spec().template().labels());
    labels.put(ObservedPod.POD_NAME_LABEL, name);
    labels.put(ObservedPod.POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(ObservedPod.REVISION_LABEL, revision);
    Map<String, String> volumes = new LinkedHashMap<>();
    for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
      volumes.put(t.name(), PodNames.claimName(t.name(), set.name(), ordinal));
    }
    return ImmutableObservedPod.builder()
        .name(name)
        .namespace(set.namespace())
        .uid("pod-uid-" + ordinal)
        .labels(labels)
        .addOwnerReferences(setRef(set))
        .creationTimestamp(NOW.minusSeconds(600))
        .phase(PodPhase.RUNNING)
        .ready(true)
        .readyTransitionTime(NOW.minusSeconds(300))
        .claimVolumes(volumes)
        .hostname(name)
        .subdomain(set.spec().serviceName())
        .build();
  }

  /** Returns healthy pods for the ordinals from..to-1. */
  static List<ObservedPod> pods(StatefulSet set, int from, int to, String revision) {
    List<ObservedPod> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(pod(set, i, revision));
    }
    return out;
  }

  /** Returns the claim {@code data-web-<ordinal>} with the given owners. */
  static ObservedClaim claim(StatefulSet set, int ordinal, OwnerReference... owners) {
    String name = PodNames.claimName("data", set.name(), ordinal);
    return ObservedClaim.builder()
        .name(name)
        .namespace(set.namespace())
        .uid("claim-uid-" + ordinal)
        .labels(LABELS)
        .ownerReferences(List.of(owners))
        .build();
  }

  static OwnerReference setRef(StatefulSet set) {
    return OwnerReference.controllerRef(
        OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid());
  }

  static OwnerReference podRef(ObservedPod pod) {
    return OwnerReference.controllerRef("v1", OwnerReference.POD, pod.name(), pod.uid());
  }

  /** Returns the status a previous sync wrote for pods at current and update revisions. */
  static StatefulSet withStatus(
      StatefulSet set, int replicas, String current, String update, int currentReplicas) {
    return set.withStatus(
        StatefulSetStatus.builder()
            .observedGeneration(set.generation() - 1)
            .replicas(replicas)
            .readyReplicas(replicas)
            .currentReplicas(currentReplicas)
            .updatedReplicas(replicas - currentReplicas)
            .availableReplicas(replicas)
            .currentRevision(current)
            .updateRevision(update)
            .collisionCount(0)
            .build());
  }

  /** Returns the observation, synced half a second after the objects' whole-second times. */
  static Observation observe(
      StatefulSet set,
      List<ObservedPod> pods,
      List<ObservedClaim> claims,
      List<ControllerRevision> revisions) {
    return Suites.halfSecondLater(
        Observation.builder()
            .set(set)
            .pods(pods)
            .claims(claims)
            .revisions(revisions)
            .now(NOW)
            .build());
  }
}
