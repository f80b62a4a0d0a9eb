package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Counterexamples the property tests shrank to, kept as examples once the planner was fixed, so
 * that they run on every build whatever seed the properties draw.
 */
class ShrunkCounterexamplesTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final StatefulSetReconciler reconciler = new StatefulSetReconciler();

  /**
   * From PlannerPropertiesTest.plan_neverCreatesALivePodAgain_R_ORDER_2: {@code foo-00} comes later
   * than the live {@code foo-0} and takes ordinal 0's slot (R-NAME-5), but has no phase. Upstream
   * tries to create {@code foo-00} itself, which exists (AlreadyExists, R-ORDER-10); it never
   * creates a second {@code foo-0}.
   */
  @Test
  @Tag("R-NAME-5")
  @Tag("R-ORDER-10")
  @Tag("R-ORDER-2")
  void phaselessDuplicateInTheSlot_isNotRecreatedUnderTheCanonicalName_R_NAME_5() {
    StatefulSet set = set(1);
    Observation obs =
        Observation.builder()
            .set(set)
            .addPods(pod("foo-0", "pod-uid-0", PodPhase.RUNNING, true))
            .addPods(pod("foo-00", "pod-uid-7", null, false))
            .now(NOW)
            .build();

    ReconcilePlan plan = reconciler.plan(obs);

    assertThat(plan.actionsOf(Action.CreatePod.class)).isEmpty();
    assertThat(plan.stop()).isNotNull();
    assertThat(plan.stop().pod()).isEqualTo("foo-00");
    assertThat(plan.stop().rule()).isEqualTo("R-ORDER-10");
    assertThat(plan.requeueAfter()).isNull();
  }

  private static StatefulSet set(int replicas) {
    StatefulSet set = Fixtures.newStatefulSet(replicas);
    return set
        .withSpec(
            StatefulSetSpec.builder()
                .from(set.spec())
                .volumeClaimTemplates(List.<VolumeClaimTemplate>of())
                .build());
  }

  private static ObservedPod pod(String name, String uid, @Nullable PodPhase phase, boolean ready) {
    return ObservedPod.builder()
        .name(name)
        .uid(uid)
        .labels(Map.of("foo", "bar", ObservedPod.POD_NAME_LABEL, name))
        .addOwnerReferences(
            OwnerReference.controllerRef(
                OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, "foo", "test"))
        .phase(phase)
        .ready(ready)
        .readyTransitionTime(NOW)
        .build();
  }
}
