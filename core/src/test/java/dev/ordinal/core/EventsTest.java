package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withRetention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Event;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The events a plan carries: what upstream's pod control records on the set when every call
 * succeeds, worded per release (R-EVENT-1, R-EVENT-2). After {@code stateful_pod_control.go}'s
 * {@code recordPodEvent} and {@code recordClaimEvent}.
 */
class EventsTest {

  private static final Instant NOW = Instant.parse("2025-01-02T03:00:00Z");

  @Test
  @Tag("R-EVENT-1")
  void scaleUp_recordsTheClaimThenThePod_onTheSet() {
    ReconcilePlan plan = plan(ReconcilerOptions.V1_35, newStatefulSet(3));

    assertThat(lines(plan))
        .containsExactly(
            "Normal SuccessfulCreate Create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success",
            "Normal SuccessfulCreate Create Pod foo-0 in StatefulSet foo successful");
    assertThat(plan.events())
        .allSatisfy(
            e -> {
              assertThat(e.namespace()).isEqualTo("default");
              assertThat(e.setName()).isEqualTo("foo");
              assertThat(e.pod()).isEqualTo("foo-0");
            });
  }

  @Test
  @Tag("R-EVENT-1")
  void v1_34_writesTheVerbInLowerCase_theReasonTitled() {
    ReconcilePlan plan = plan(ReconcilerOptions.V1_34, newStatefulSet(3));

    assertThat(lines(plan))
        .containsExactly(
            "Normal SuccessfulCreate create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success",
            "Normal SuccessfulCreate create Pod foo-0 in StatefulSet foo successful");
  }

  @Test
  @Tag("R-EVENT-1")
  void scaleDown_recordsTheDeletion() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(100);
    c.scale(1);

    ReconcilePlan plan = c.plan();

    assertThat(lines(plan))
        .containsExactly("Normal SuccessfulDelete Delete Pod foo-1 in StatefulSet foo successful");
  }

  @Test
  @Tag("R-EVENT-1")
  void convergedSet_recordsNothing() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(100);

    assertThat(c.plan().events()).isEmpty();
  }

  @Test
  @Tag("R-EVENT-1")
  void claimBeingDeleted_isAWarningOnThePodCreate_andNoPodIsCreated() {
    ObservedClaim deleting =
        ObservedClaim.builder().name("datadir-foo-0").uid("c0").deletionTimestamp(NOW).build();

    ReconcilePlan plan = plan(ReconcilerOptions.V1_35, newStatefulSet(1), deleting);

    assertThat(lines(plan))
        .containsExactly(
            "Warning FailedCreate Create Pod foo-0 in StatefulSet foo failed error: pvc"
                + " datadir-foo-0 is being deleted");
  }

  @Test
  @Tag("R-EVENT-2")
  void claimWithAnotherController_warnsBeforeThePodIsRecorded() {
    StatefulSet set =
        withRetention(
            newStatefulSet(1),
            ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN));
    ObservedClaim foreign =
        ObservedClaim.builder()
            .name("datadir-foo-0")
            .uid("c0")
            .addOwnerReferences(
                OwnerReference.controllerRef("v1", "ConfigMap", "other", "other-uid"))
            .build();

    ReconcilePlan plan = plan(ReconcilerOptions.V1_35, set, foreign);

    assertThat(plan.events()).extracting(Event::reason)
        .containsExactly("ConflictingController", "SuccessfulCreate");
    assertThat(plan.events().get(0).type()).isEqualTo(Event.Type.WARNING);
    assertThat(plan.events().get(0).message())
        .isEqualTo(
            "PersistentVolumeClaim datadir-foo-0 has a conflicting OwnerReference that acts as a"
                + " manging controller, the retention policy is ignored for this claim");
  }

  @Test
  @Tag("R-EVENT-2")
  void claimWithAnotherController_isNoConflictUnderRetainRetain() {
    ObservedClaim foreign =
        ObservedClaim.builder()
            .name("datadir-foo-0")
            .uid("c0")
            .addOwnerReferences(
                OwnerReference.controllerRef("v1", "ConfigMap", "other", "other-uid"))
            .build();

    ReconcilePlan plan = plan(ReconcilerOptions.V1_35, newStatefulSet(1), foreign);

    assertThat(plan.events()).extracting(Event::reason).containsExactly("SuccessfulCreate");
  }

  @Test
  @Tag("R-EVENT-1")
  void finishedPodDeletedAgainByTheUpdate_failsWithNotFoundBefore1_36_succeedsFrom1_36() {
    FakeCluster c = new FakeCluster(Fixtures.burst(newStatefulSet(1)));
    c.converge(100);
    c.update(Fixtures.withImage(c.set(), "nginx-new"));
    c.phase("foo-0", dev.ordinal.api.PodPhase.SUCCEEDED);
    dev.ordinal.api.Observation obs = c.observe();

    // 1.35 and 1.36 by default: the one-pod-at-a-time update, which deletes the finished pod again.
    ReconcilerOptions oneAtATime = ReconcilerOptions.V1_35.withMaxUnavailableRollingUpdate(false);
    ReconcilePlan v135 = new StatefulSetReconciler(oneAtATime).plan(obs);
    ReconcilePlan v136 =
        new StatefulSetReconciler(oneAtATime.withDeleteNotFoundSucceeds(true)).plan(obs);

    assertThat(v135.actionsOf(dev.ordinal.api.plan.Action.DeletePod.class)).hasSize(2);
    assertThat(lines(v135))
        .containsExactly(
            "Normal SuccessfulDelete Delete Pod foo-0 in StatefulSet foo successful",
            "Warning FailedDelete Delete Pod foo-0 in StatefulSet foo failed error: pods"
                + " \"foo-0\" not found");
    assertThat(lines(v136))
        .containsExactly(
            "Normal SuccessfulDelete Delete Pod foo-0 in StatefulSet foo successful",
            "Normal SuccessfulDelete Delete Pod foo-0 in StatefulSet foo successful");
  }

  private static ReconcilePlan plan(
      ReconcilerOptions options, StatefulSet set, ObservedClaim... claims) {
    return new StatefulSetReconciler(options)
        .plan(Observation.builder().set(set).addClaims(claims).now(NOW).build());
  }

  private static List<String> lines(ReconcilePlan plan) {
    return plan.events().stream().map(Event::toString).toList();
  }
}
