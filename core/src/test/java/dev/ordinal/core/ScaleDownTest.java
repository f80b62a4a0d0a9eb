package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * OrderedReady scale-down (R-ORDER-8) and which pods are condemned (R-SPLIT-3..5): highest ordinal
 * first, one pod per sync, each gone before the next, and only while the replicas are healthy.
 */
class ScaleDownTest {

  private static FakeCluster readyCluster(StatefulSet set) {
    FakeCluster c = new FakeCluster(set);
    c.converge(50);
    return c;
  }

  private static void assertStop(ReconcilePlan plan, String rule, String pod) {
    StopReason stop = plan.stop();
    assertThat(stop).as("stop reason").isNotNull();
    assertThat(stop.rule()).isEqualTo(rule);
    assertThat(stop.pod()).isEqualTo(pod);
  }

  /**
   * Syncs until a plan does nothing, making new pods ready and finishing terminations between
   * syncs; returns the pod creations and deletions in the order they were planned.
   */
  private static List<String> podStepsUntilSteady(FakeCluster c) {
    List<String> podSteps = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ReconcilePlan plan = c.sync();
      for (String step : steps(plan)) {
        if (step.startsWith("CreatePod ") || step.startsWith("DeletePod ")) {
          podSteps.add(step);
        }
      }
      if (plan.actions().isEmpty()) {
        return podSteps;
      }
      c.allReady();
      c.finishTerminations();
    }
    throw new AssertionError("no steady state in 50 syncs: " + podSteps);
  }

  // --- R-ORDER-8: highest first, one per sync, wait for termination ---

  @Test
  @Tag("R-ORDER-8")
  void scaleDown_deletesTheHighestOrdinalFirstAndOnlyOnePodPerSync() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    String revision = c.set().status().updateRevision();
    c.scale(2);

    ReconcilePlan plan = c.sync();

    assertThat(steps(plan)).containsExactly("DeletePod foo-4 SCALE_DOWN", "WriteStatus status");
    assertThat(plan.actionsOf(Action.DeletePod.class).get(0).uid()).isEqualTo(c.pod("foo-4").uid());
    assertStop(plan, "R-ORDER-8", "foo-4");
    // The deletion is not reflected in this sync's status (R-STATUS-5).
    assertThat(plan.status())
        .isEqualTo(StatefulSetStatus.builder()
            .observedGeneration(2)
            .replicas(5)
            .readyReplicas(5)
            .currentReplicas(5)
            .updatedReplicas(5)
            .availableReplicas(5)
            .currentRevision(revision)
            .updateRevision(revision)
            .collisionCount(0)
            .build());
  }

  @Test
  @Tag("R-ORDER-8")
  void scaleDown_waitsForTheTerminatingPodToBeGoneBeforeTheNext() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.scale(2);
    c.sync();

    ReconcilePlan terminating = c.sync();
    assertThat(terminating.actionsOf(Action.DeletePod.class)).isEmpty();
    assertStop(terminating, "R-ORDER-8", "foo-4");
    // A terminating pod is still a replica and ready, no longer current or updated.
    assertThat(terminating.status().replicas()).isEqualTo(5);
    assertThat(terminating.status().readyReplicas()).isEqualTo(5);
    assertThat(terminating.status().currentReplicas()).isEqualTo(4);

    ReconcilePlan again = c.sync();
    assertThat(again.actions()).isEmpty();
    assertStop(again, "R-ORDER-8", "foo-4");

    c.finishTerminations();
    ReconcilePlan next = c.sync();
    assertThat(steps(next)).containsExactly("DeletePod foo-3 SCALE_DOWN", "WriteStatus status");
  }

  @Test
  @Tag("R-ORDER-8")
  void scaleToZero_removesEveryPodInDescendingOrder() {
    FakeCluster c = readyCluster(newStatefulSet(3));
    c.scale(0);

    assertThat(podStepsUntilSteady(c))
        .containsExactly(
            "DeletePod foo-2 SCALE_DOWN",
            "DeletePod foo-1 SCALE_DOWN",
            "DeletePod foo-0 SCALE_DOWN");
    assertThat(c.pods()).isEmpty();
    assertThat(c.set().status().replicas()).isZero();
    assertThat(c.set().status().readyReplicas()).isZero();
    // Claims are retained (Retain/Retain): the controller never deletes them itself.
    assertThat(c.claims()).containsOnlyKeys("datadir-foo-0", "datadir-foo-1", "datadir-foo-2");
  }

  // --- R-ORDER-8 with R-ORDER-4..6: scale-down needs every replica healthy and available ---

  @Test
  @Tag("R-ORDER-8")
  void unhealthyInRangeReplica_holdsBackScaleDown() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.running("foo-1");
    c.scale(3);

    ReconcilePlan plan = c.plan();

    assertThat(plan.actionsOf(Action.DeletePod.class)).isEmpty();
    assertStop(plan, "R-ORDER-5", "foo-1");
  }

  @Test
  @Tag("R-ORDER-8")
  void inRangeReplicaNotYetAvailable_holdsBackScaleDown() {
    FakeCluster c = readyCluster(newStatefulSet(3));
    c.update(Fixtures.withReplicas(Fixtures.withMinReadySeconds(c.set(), 30), 2));

    ReconcilePlan early = c.sync();
    assertThat(early.actionsOf(Action.DeletePod.class)).isEmpty();
    assertStop(early, "R-ORDER-6", "foo-0");

    c.advanceTime(Duration.ofSeconds(30));
    ReconcilePlan available = c.sync();
    assertThat(steps(available))
        .containsExactly("DeletePod foo-2 SCALE_DOWN", "WriteStatus status");
  }

  // --- R-ORDER-8 with R-SPLIT-4: the first unavailable pod may go even if unhealthy ---

  @Test
  @Tag("R-SPLIT-4")
  void unhealthyHighestCondemned_isDeletedWhenItIsTheFirstUnavailable() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.running("foo-4");
    c.scale(3);

    ReconcilePlan plan = c.plan();

    assertThat(steps(plan)).containsExactly("DeletePod foo-4 SCALE_DOWN", "WriteStatus status");
    assertStop(plan, "R-ORDER-8", "foo-4");
  }

  @Test
  @Tag("R-SPLIT-4")
  void healthyCondemned_goesFirstThenTheUnhealthyOneBelowIt() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.running("foo-3");
    c.scale(3);

    assertThat(c.sync().actionsOf(Action.DeletePod.class))
        .extracting(Action::target)
        .containsExactly("foo-4");
    c.finishTerminations();
    assertThat(c.sync().actionsOf(Action.DeletePod.class))
        .extracting(Action::target)
        .containsExactly("foo-3");
  }

  @Test
  @Tag("R-SPLIT-4")
  void unhealthyCondemnedAboveALowerUnhealthyOne_stallsScaleDown() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.running("foo-3");
    c.running("foo-4");
    c.scale(3);

    ReconcilePlan plan = c.sync();

    // foo-3 is the first unavailable pod; foo-4 is not it, so it is not deleted while unhealthy.
    assertThat(plan.actionsOf(Action.DeletePod.class)).isEmpty();
    assertStop(plan, "R-ORDER-8", "foo-3");
    assertThat(c.sync().actionsOf(Action.DeletePod.class)).isEmpty();

    c.ready("foo-3");
    assertThat(c.sync().actionsOf(Action.DeletePod.class))
        .extracting(Action::target)
        .containsExactly("foo-4");
  }

  @Test
  @Tag("R-SPLIT-4")
  void condemnedNotYetAvailable_waitsBehindALowerUnavailableOne() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.update(Fixtures.withReplicas(Fixtures.withMinReadySeconds(c.set(), 30), 3));
    for (String name : List.of("foo-0", "foo-1", "foo-2")) {
      c.readySince(name, c.now().minus(Duration.ofHours(1)));
    }

    // foo-3 and foo-4 became Ready just now: neither is available yet.
    ReconcilePlan plan = c.sync();
    assertThat(plan.actionsOf(Action.DeletePod.class)).isEmpty();
    assertStop(plan, "R-ORDER-8", "foo-3");

    c.advanceTime(Duration.ofSeconds(30));
    assertThat(c.sync().actionsOf(Action.DeletePod.class))
        .extracting(Action::target)
        .containsExactly("foo-4");
  }

  @Test
  @Tag("R-SPLIT-4")
  void failedCondemnedPod_isScaledDownNotRecreated() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.put(c.pod("foo-4").withPhase(PodPhase.FAILED).withReady(false));
    c.scale(3);

    ReconcilePlan plan = c.plan();

    // Out of range, R-ORDER-1 does not apply: it is the first unavailable pod, so it is removed.
    assertThat(steps(plan)).containsExactly("DeletePod foo-4 SCALE_DOWN", "WriteStatus status");
  }

  // --- R-SPLIT-3: condemned sorted by descending ordinal ---

  @Test
  @Tag("R-SPLIT-3")
  void condemned_areTakenHighestFirstWhateverTheObservedOrder() {
    FakeCluster c = readyCluster(newStatefulSet(5));
    c.scale(1);
    List<ObservedPod> shuffled =
        List.of(c.pod("foo-2"), c.pod("foo-4"), c.pod("foo-0"), c.pod("foo-3"), c.pod("foo-1"));

    ReconcilePlan plan = c.planWithPods(shuffled);

    assertThat(plan.actionsOf(Action.DeletePod.class))
        .extracting(Action::target)
        .containsExactly("foo-4");
  }

  // --- R-SPLIT-5 and R-NAME-4: changing spec.ordinals.start ---

  @Test
  @Tag("R-SPLIT-5")
  void raisingTheStart_createsNewOrdinalsBeforeRemovingOldOnes() {
    FakeCluster c = readyCluster(newStatefulSet(3));
    c.update(Fixtures.withOrdinalsStart(c.set(), 2));

    assertThat(podStepsUntilSteady(c))
        .containsExactly(
            "CreatePod foo-3",
            "CreatePod foo-4",
            "DeletePod foo-1 SCALE_DOWN",
            "DeletePod foo-0 SCALE_DOWN");
    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-2", "foo-3", "foo-4");
    assertThat(c.set().status().replicas()).isEqualTo(3);
    assertThat(c.set().status().readyReplicas()).isEqualTo(3);
  }

  @Test
  @Tag("R-SPLIT-5")
  void loweringTheStart_createsLowOrdinalsThenRemovesTheHighest() {
    FakeCluster c = readyCluster(Fixtures.withOrdinalsStart(newStatefulSet(3), 2));
    c.update(Fixtures.withOrdinalsStart(c.set(), 0));

    assertThat(podStepsUntilSteady(c))
        .containsExactly(
            "CreatePod foo-0",
            "CreatePod foo-1",
            "DeletePod foo-4 SCALE_DOWN",
            "DeletePod foo-3 SCALE_DOWN");
    assertThat(c.pods())
        .extracting(ObservedPod::name)
        .containsExactlyInAnyOrder("foo-0", "foo-1", "foo-2");
  }

  @Test
  @Tag("R-SPLIT-5")
  void podsBelowAndAboveTheNewRange_areCondemnedTogetherHighestFirst() {
    FakeCluster c = readyCluster(newStatefulSet(6));
    c.update(Fixtures.withReplicas(Fixtures.withOrdinalsStart(c.set(), 2), 3));

    assertThat(podStepsUntilSteady(c))
        .containsExactly(
            "DeletePod foo-5 SCALE_DOWN",
            "DeletePod foo-1 SCALE_DOWN",
            "DeletePod foo-0 SCALE_DOWN");
    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-2", "foo-3", "foo-4");
  }
}
