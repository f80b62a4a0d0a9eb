package dev.ordinal.testkit.invariants;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.testkit.gen.ObservedStates;
import dev.ordinal.testkit.gen.Specs;
import java.util.List;
import java.util.Map;

/** Hand-built cluster states for the invariant tests: set {@code web} with claim template data. */
final class Cluster {

  static final String REV = "web-rev1";

  private Cluster() {}

  static StatefulSet web(int replicas, PodManagementPolicy policy, ClaimRetentionPolicy retention) {
    return Defaults.apply(
        StatefulSet.builder()
            .name("web")
            .namespace("default")
            .uid("uid-web")
            .spec(
                StatefulSetSpec.builder()
                    .replicas(replicas)
                    .selector(LabelSelector.of(Map.of("app", "web")))
                    .template(Specs.template(Map.of("app", "web"), "nginx:1.0"))
                    .addVolumeClaimTemplate(VolumeClaimTemplate.of("data", "1Gi"))
                    .podManagementPolicy(policy)
                    .persistentVolumeClaimRetentionPolicy(retention)
                    .build())
            .build());
  }

  static StatefulSet web(int replicas) {
    return web(replicas, PodManagementPolicy.ORDERED_READY, ClaimRetentionPolicy.RETAIN);
  }

  static StatefulSet withStrategy(StatefulSet set, UpdateStrategy strategy) {
    return Defaults.apply(
        set
            .withSpec(StatefulSetSpec.builder().from(set.spec()).updateStrategy(strategy).build()));
  }

  static StatefulSet withStatus(StatefulSet set, StatefulSetStatus status) {
    return set.withStatus(status);
  }

  static OwnerReference setRef(StatefulSet set) {
    return OwnerReference.controllerRef(
        OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid());
  }

  static OwnerReference podRef(ObservedPod pod) {
    return OwnerReference.controllerRef("v1", OwnerReference.POD, pod.name(), pod.uid());
  }

  /** A pod of the set as the controller creates it, in the given phase. */
  static ObservedPod pod(StatefulSet set, int ordinal, PodPhase phase, boolean ready) {
    String name = PodNames.podName(set.name(), ordinal);
    return ObservedPod.builder()
        .name(name)
        .uid("uid-" + name)
        .labels(
            Map.of("app", "web", ObservedPod.POD_NAME_LABEL, name, ObservedPod.REVISION_LABEL, REV))
        .ownerReferences(List.of(setRef(set)))
        .phase(phase)
        .ready(ready)
        .readyTransitionTime(ready ? ObservedStates.NOW.minusSeconds(60) : null)
        .claimVolumes(Map.of("data", PodNames.claimName("data", set.name(), ordinal)))
        .build();
  }

  static ObservedPod ready(StatefulSet set, int ordinal) {
    return pod(set, ordinal, PodPhase.RUNNING, true);
  }

  static ObservedClaim claim(StatefulSet set, int ordinal, OwnerReference... owners) {
    String name = PodNames.claimName("data", set.name(), ordinal);
    return ObservedClaim.builder()
        .name(name)
        .uid("uid-" + name)
        .ownerReferences(List.of(owners))
        .build();
  }

  static Observation observe(StatefulSet set, List<ObservedPod> pods, List<ObservedClaim> claims) {
    return Observation.builder().set(set).pods(pods).claims(claims).now(ObservedStates.NOW).build();
  }

  static ReconcilePlan plan(StatefulSetStatus status, Action... actions) {
    return new ReconcilePlan(List.of(actions), status, null, null, null, List.of(), List.of());
  }
}
