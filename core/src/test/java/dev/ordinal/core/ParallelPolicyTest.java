package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.batches;
import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parallel pod management (R-SYNC-5, R-ORDER-9): slot functions run in slow-start batches, nothing
 * waits for readiness or termination, and the sync only stops on an error.
 */
class ParallelPolicyTest {

  private static FakeCluster readyCluster(int replicas) {
    FakeCluster c = new FakeCluster(burst(newStatefulSet(replicas)));
    c.converge(50);
    return c;
  }

  /** Returns the targets of the pod actions of one kind in each batch that has any. */
  private static <A extends Action> List<List<String>> podTargetsPerBatch(
      ReconcilePlan plan, Class<A> kind) {
    List<List<String>> out = new ArrayList<>();
    for (List<Action> batch : batches(plan)) {
      List<String> targets = batch.stream().filter(kind::isInstance).map(Action::target).toList();
      if (!targets.isEmpty()) {
        out.add(targets);
      }
    }
    return out;
  }

  // --- R-SYNC-5: slow-start batches of 1, 2, 4, ... capped at 500 ---

  @Test
  @Tag("R-SYNC-5")
  void allMissingPods_areCreatedInOnePlanInSlowStartBatches() {
    ReconcilePlan plan = new FakeCluster(burst(newStatefulSet(7))).plan();

    assertThat(podTargetsPerBatch(plan, Action.CreatePod.class))
        .containsExactly(
            List.of("foo-0"),
            List.of("foo-1", "foo-2"),
            List.of("foo-3", "foo-4", "foo-5", "foo-6"));
    // Each slot creates its claim, then its pod, inside its batch.
    assertThat(steps(batches(plan).get(1)))
        .containsExactly(
            "CreateClaim datadir-foo-1",
            "CreatePod foo-1",
            "CreateClaim datadir-foo-2",
            "CreatePod foo-2");
    // The revision is written before the first batch.
    assertThat(plan.burstBatches().get(0)).isEqualTo(1);
    assertThat(plan.actions().get(0)).isInstanceOf(Action.CreateRevision.class);
    assertThat(plan.stop()).isNull();
    assertThat(plan.status().replicas()).isZero();
  }

  @Test
  @Tag("R-SYNC-5")
  void slowStartBatches_doubleUpToTheMaxBatchSizeOf500() {
    ReconcilePlan plan = new FakeCluster(burst(newStatefulSet(1012))).plan();

    List<Integer> sizes =
        podTargetsPerBatch(plan, Action.CreatePod.class).stream().map(List::size).toList();

    // 1 + 2 + ... + 256 = 511 slots, then min(512, 501) capped at 500, then the last one.
    assertThat(sizes).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 500, 1);
    assertThat(plan.actionsOf(Action.CreatePod.class)).hasSize(1012);
    assertThat(plan.stop()).isNull();
  }

  @Test
  @Tag("R-SYNC-5")
  void noFurtherBatch_startsAfterABatchWithAnError() {
    FakeCluster c = readyCluster(2);
    c.scale(4);
    ObservedPod foo01 =
        c.pod("foo-1").withName("foo-01").withUid("uid-01");

    // Batches: [slot 0], [slot 1, slot 2], [slot 3]. Slot 1 holds foo-01, whose update fails.
    ReconcilePlan plan = c.planWithPods(List.of(c.pod("foo-0"), foo01));

    // Its batch still finishes (foo-2 is created) but slot 3's batch never starts.
    assertThat(plan.actionsOf(Action.CreatePod.class))
        .extracting(Action::target)
        .containsExactly("foo-2");
    assertThat(steps(plan))
        .containsExactly("CreateClaim datadir-foo-2", "CreatePod foo-2", "WriteStatus status");
    assertThat(plan.stop()).isNotNull();
    assertThat(plan.stop().rule()).isEqualTo("R-ID-3");
    assertThat(plan.requeueAfter()).isNull();
  }

  @Test
  @Tag("R-ORDER-10")
  void burstCreationOverAReleasedPod_failsItsBatch() {
    FakeCluster c = readyCluster(2);
    Map<String, String> labels = new HashMap<>(c.pod("foo-1").labels());
    labels.put("foo", "other");
    c.put(
        c.pod("foo-1")
            .withLabels(labels)
            .withOwnerReferences(List.of()));
    c.scale(4);

    ReconcilePlan plan = c.plan();

    // Batch [slot 1, slot 2]: creating foo-1 fails with AlreadyExists, foo-2 is still created,
    // and the batch of slot 3 never starts.
    assertThat(steps(plan))
        .containsExactly(
            "CreatePod foo-1",
            "CreateClaim datadir-foo-2",
            "CreatePod foo-2",
            "WriteStatus status");
    assertThat(plan.stop()).isNotNull();
    assertThat(plan.stop().rule()).isEqualTo("R-ORDER-10");
    assertThat(plan.stop().pod()).isEqualTo("foo-1");
  }

  // --- R-ORDER-9: creation does not wait for readiness ---

  @Test
  @Tag("R-ORDER-9")
  void parallel_createsPodsWhileOthersAreStillPendingOrUnready() {
    FakeCluster c = new FakeCluster(burst(newStatefulSet(3)));
    c.sync();
    c.running("foo-1");
    c.scale(6);

    ReconcilePlan plan = c.plan();

    assertThat(plan.actionsOf(Action.CreatePod.class))
        .extracting(Action::target)
        .containsExactly("foo-3", "foo-4", "foo-5");
    assertThat(plan.stop()).isNull();
  }

  @Test
  @Tag("R-ORDER-9")
  void aTerminatingReplica_doesNotHoldBackTheOthers() {
    FakeCluster c = readyCluster(2);
    c.terminate("foo-0");
    c.scale(3);

    ReconcilePlan plan = c.plan();

    assertThat(plan.actionsOf(Action.CreatePod.class))
        .extracting(Action::target)
        .containsExactly("foo-2");
    assertThat(plan.actionsOf(Action.DeletePod.class)).isEmpty();
    assertThat(plan.stop()).isNull();
  }

  // --- R-ORDER-8 in burst mode: all condemned at once ---

  @Test
  @Tag("R-ORDER-8")
  void burst_deletesEveryCondemnedPodInOnePlanHighestFirst() {
    FakeCluster c = readyCluster(5);
    c.scale(1);

    ReconcilePlan plan = c.plan();

    assertThat(podTargetsPerBatch(plan, Action.DeletePod.class))
        .containsExactly(List.of("foo-4"), List.of("foo-3", "foo-2"), List.of("foo-1"));
    assertThat(steps(plan))
        .containsExactly(
            "DeletePod foo-4 SCALE_DOWN",
            "DeletePod foo-3 SCALE_DOWN",
            "DeletePod foo-2 SCALE_DOWN",
            "DeletePod foo-1 SCALE_DOWN",
            "WriteStatus status");
    assertThat(plan.stop()).isNull();
  }

  @Test
  @Tag("R-ORDER-8")
  void burstScaleDown_skipsTerminatingCondemnedAndIgnoresHealth() {
    FakeCluster c = readyCluster(5);
    c.terminate("foo-4");
    c.running("foo-3");
    c.running("foo-0"); // an unhealthy replica does not hold back a Parallel scale-down
    c.scale(2);

    ReconcilePlan plan = c.plan();

    assertThat(plan.actionsOf(Action.DeletePod.class))
        .extracting(Action::target)
        .containsExactly("foo-3", "foo-2");
    assertThat(plan.stop()).isNull();
  }

  // --- R-ORDER-1 in burst mode: the finished pod's slot waits, the others carry on ---

  @Test
  @Tag("R-ORDER-1")
  void burst_deletesAFinishedPodAndCarriesOnWithOtherSlots() {
    FakeCluster c = readyCluster(3);
    c.phase("foo-0", PodPhase.FAILED);
    c.scale(4);

    ReconcilePlan plan = c.sync();

    assertThat(steps(plan))
        .containsExactly(
            "DeletePod foo-0 FINISHED",
            "CreateClaim datadir-foo-3",
            "CreatePod foo-3",
            "WriteStatus status");
    assertThat(plan.stop()).isNull();

    c.finishTerminations();
    assertThat(c.sync().actionsOf(Action.CreatePod.class))
        .extracting(Action::target)
        .containsExactly("foo-0");
  }

  // --- R-ORDER-7 in burst mode: identity repaired without waiting ---

  @Test
  @Tag("R-ORDER-7")
  void burst_repairsIdentityOfAPodThatIsStillPending() {
    FakeCluster c = new FakeCluster(burst(newStatefulSet(1)));
    c.sync();
    Map<String, String> labels = new HashMap<>(c.pod("foo-0").labels());
    labels.remove(ObservedPod.POD_NAME_LABEL);
    c.put(c.pod("foo-0").withLabels(labels));

    ReconcilePlan plan = c.plan();

    assertThat(steps(plan)).containsExactly("UpdatePod foo-0", "WriteStatus status");
    assertThat(plan.stop()).isNull();
  }

  @Test
  @Tag("R-SYNC-5")
  void convergedParallelSet_plansNothing() {
    FakeCluster c = readyCluster(4);

    ReconcilePlan plan = c.plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.stop()).isNull();
    assertThat(plan.status().readyReplicas()).isEqualTo(4);
  }
}
