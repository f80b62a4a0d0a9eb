package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OrderedReady scale-up (R-ORDER-1..7, R-ORDER-10): one pod at a time, in ordinal order. */
class ScaleUpTest {

  private static void assertStop(ReconcilePlan plan, String rule, String pod) {
    StopReason stop = plan.stop();
    assertThat(stop).as("stop reason").isNotNull();
    assertThat(stop.rule()).isEqualTo(rule);
    assertThat(stop.pod()).isEqualTo(pod);
  }

  // --- R-ORDER-2: one creation per sync ---

  @Test
  @Tag("R-ORDER-2")
  void firstSync_createsOnlyTheFirstPod() {
    ReconcilePlan plan = new FakeCluster(newStatefulSet(3)).plan();

    assertThat(steps(plan))
        .containsExactly(
            "CreateRevision " + plan.status().updateRevision(),
            "CreateClaim datadir-foo-0",
            "CreatePod foo-0",
            "WriteStatus status");
    assertStop(plan, "R-ORDER-2", "foo-0");
    // Monotonic plans run slot by slot, not in slow-start batches (R-SYNC-5).
    assertThat(plan.burstBatches()).isEmpty();
  }

  @Test
  @Tag("R-ORDER-2")
  void orderedReady_createsPodsOneAtATimeInOrdinalOrder() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ReconcilePlan plan = c.sync();
      List<Action.CreatePod> creates = plan.actionsOf(Action.CreatePod.class);
      assertThat(creates).hasSizeLessThanOrEqualTo(1);
      creates.forEach(a -> created.add(a.target()));
      c.allReady();
    }

    assertThat(created).containsExactly("foo-0", "foo-1", "foo-2");
    String revision = c.set().status().updateRevision();
    assertThat(c.set().status())
        .isEqualTo(StatefulSetStatus.builder()
            .observedGeneration(1)
            .replicas(3)
            .readyReplicas(3)
            .currentReplicas(3)
            .updatedReplicas(3)
            .availableReplicas(3)
            .currentRevision(revision)
            .updateRevision(revision)
            .collisionCount(0)
            .build());
  }

  // --- R-SPLIT-2: an empty slot is filled at the revision R-UPDATE-1 gives it ---

  @Test
  @Tag("R-SPLIT-2")
  void emptySlotBelowStartPlusCurrentReplicas_isRefilledAtTheCurrentRevision() {
    FakeCluster c = new FakeCluster(Fixtures.withOrdinalsStart(newStatefulSet(2), 2));
    c.converge(20);
    String current = c.set().status().currentRevision();
    c.update(Fixtures.withImage(c.set(), "nginx:2"));
    c.remove("foo-3");

    ReconcilePlan plan = c.plan();

    // RollingUpdate without a block: ordinal 3 < start 2 + status.currentReplicas 2, so foo-3 is
    // rebuilt from the current revision, not from the new template.
    assertThat(plan.status().updateRevision()).isNotEqualTo(current);
    List<Action.CreatePod> creates = plan.actionsOf(Action.CreatePod.class);
    assertThat(creates).extracting(Action::target).containsExactly("foo-3");
    assertThat(creates.get(0).pod().revision()).isEqualTo(current);
    assertThat(creates.get(0).pod().labels()).containsEntry(ObservedPod.REVISION_LABEL, current);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>) creates.get(0).pod().spec().get("containers");
    assertThat(containers.get(0)).containsEntry("image", "nginx");
    assertStop(plan, "R-ORDER-2", "foo-3");
  }

  // --- R-ORDER-5: wait for Running and Ready ---

  @Test
  @Tag("R-ORDER-5")
  void scaleUp_waitsForRunningAndReady() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    c.sync();

    // Pending: counted now, but it blocks.
    ReconcilePlan pending = c.sync();
    assertThat(steps(pending)).containsExactly("WriteStatus status");
    assertStop(pending, "R-ORDER-5", "foo-0");
    assertThat(pending.status().replicas()).isEqualTo(1);
    assertThat(pending.status().readyReplicas()).isZero();

    // Running but not Ready: still blocked, and the status has not changed, so nothing is done.
    c.running("foo-0");
    ReconcilePlan running = c.sync();
    assertThat(running.actions()).isEmpty();
    assertStop(running, "R-ORDER-5", "foo-0");

    c.ready("foo-0");
    ReconcilePlan ready = c.sync();
    assertThat(steps(ready))
        .containsExactly("CreateClaim datadir-foo-1", "CreatePod foo-1", "WriteStatus status");
    assertStop(ready, "R-ORDER-2", "foo-1");
    assertThat(ready.status().readyReplicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-ORDER-5")
  void everyPredecessor_mustBeReadyNotOnlyTheLast() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    c.running("foo-0"); // lost readiness after foo-1 came up
    c.scale(3);

    ReconcilePlan plan = c.plan();

    assertThat(plan.actionsOf(Action.CreatePod.class)).isEmpty();
    assertStop(plan, "R-ORDER-5", "foo-0");
  }

  // --- R-ORDER-4: wait for a terminating pod ---

  @Test
  @Tag("R-ORDER-4")
  void terminatingPredecessor_blocksEvenWhileStillReady() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    c.terminate("foo-1");
    c.scale(3);

    ReconcilePlan plan = c.sync();

    assertThat(steps(plan)).containsExactly("WriteStatus status");
    assertStop(plan, "R-ORDER-4", "foo-1");
    // Terminating pods still count as replicas and ready, not as current or updated.
    assertThat(plan.status().replicas()).isEqualTo(2);
    assertThat(plan.status().readyReplicas()).isEqualTo(2);
    assertThat(plan.status().currentReplicas()).isEqualTo(1);

    c.finishTerminations();
    ReconcilePlan after = c.sync();
    assertThat(after.actionsOf(Action.CreatePod.class))
        .extracting(Action::target)
        .containsExactly("foo-1");
  }

  // --- R-ORDER-6: wait for minReadySeconds ---

  @Test
  @Tag("R-ORDER-6")
  void scaleUp_waitsUntilThePredecessorHasBeenReadyForMinReadySeconds() {
    FakeCluster c = new FakeCluster(Fixtures.withMinReadySeconds(newStatefulSet(2), 10));
    c.sync();
    c.ready("foo-0");

    ReconcilePlan justReady = c.sync();
    assertThat(justReady.actionsOf(Action.CreatePod.class)).isEmpty();
    assertStop(justReady, "R-ORDER-6", "foo-0");
    assertThat(justReady.status().readyReplicas()).isEqualTo(1);
    assertThat(justReady.status().availableReplicas()).isZero();
    assertThat(justReady.requeueAfter()).isEqualTo(Duration.ofSeconds(10));

    c.advanceTime(Duration.ofSeconds(9));
    ReconcilePlan almost = c.sync();
    assertThat(almost.actionsOf(Action.CreatePod.class)).isEmpty();
    assertStop(almost, "R-ORDER-6", "foo-0");
    assertThat(almost.requeueAfter()).isEqualTo(Duration.ofSeconds(1));

    // Ready at t, available at t + minReadySeconds: the boundary is inclusive.
    c.advanceTime(Duration.ofSeconds(1));
    ReconcilePlan available = c.sync();
    assertThat(available.actionsOf(Action.CreatePod.class))
        .extracting(Action::target)
        .containsExactly("foo-1");
    assertThat(available.status().availableReplicas()).isEqualTo(1);
  }

  // --- R-ORDER-1: Failed and Succeeded pods are deleted, recreated on a later sync ---

  @ParameterizedTest
  @EnumSource(
      value = PodPhase.class,
      names = {"FAILED", "SUCCEEDED"})
  @Tag("R-ORDER-1")
  void finishedPod_isDeletedAndRecreatedOnALaterSync(PodPhase phase) {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    c.converge(20);
    String uid = c.pod("foo-1").uid();
    c.put(c.pod("foo-1").withPhase(phase).withReady(false));

    ReconcilePlan delete = c.sync();
    assertThat(steps(delete)).containsExactly("DeletePod foo-1 FINISHED", "WriteStatus status");
    assertThat(delete.actionsOf(Action.DeletePod.class).get(0).uid()).isEqualTo(uid);
    assertStop(delete, "R-ORDER-1", "foo-1");

    // Still there, now terminating: not deleted again, and nothing else happens.
    ReconcilePlan terminating = c.sync();
    assertThat(terminating.actionsOf(Action.DeletePod.class)).isEmpty();
    assertThat(terminating.actionsOf(Action.CreatePod.class)).isEmpty();
    assertStop(terminating, "R-ORDER-1", "foo-1");

    c.finishTerminations();
    ReconcilePlan recreate = c.sync();
    // The claim outlived the pod, so only the pod is created.
    assertThat(steps(recreate)).containsExactly("CreatePod foo-1", "WriteStatus status");
    assertStop(recreate, "R-ORDER-2", "foo-1");
  }

  @Test
  @Tag("R-ORDER-1")
  void finishedPod_blocksTheSlotsAfterIt() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    c.phase("foo-0", PodPhase.FAILED);
    c.scale(3);

    ReconcilePlan plan = c.plan();

    assertThat(steps(plan)).containsExactly("DeletePod foo-0 FINISHED", "WriteStatus status");
    assertStop(plan, "R-ORDER-1", "foo-0");
  }

  // --- R-ORDER-3: a Pending pod gets its missing claims ---

  @Test
  @Tag("R-ORDER-3")
  void pendingPod_getsItsMissingClaimRecreated() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.sync();
    c.claims().remove("datadir-foo-0");

    ReconcilePlan plan = c.sync();

    assertThat(steps(plan)).containsExactly("CreateClaim datadir-foo-0", "WriteStatus status");
    assertStop(plan, "R-ORDER-5", "foo-0");
  }

  // --- R-ORDER-7: identity repair only past the gates ---

  @Test
  @Tag("R-ORDER-7")
  void identity_isRepairedOnlyOnceThePodIsRunningAndReady() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.sync();
    Map<String, String> labels = new HashMap<>(c.pod("foo-0").labels());
    labels.remove(ObservedPod.POD_NAME_LABEL);
    c.put(c.pod("foo-0").withLabels(labels));

    ReconcilePlan pending = c.plan();
    assertThat(pending.actionsOf(Action.UpdatePod.class)).isEmpty();
    assertStop(pending, "R-ORDER-5", "foo-0");

    c.ready("foo-0");
    ReconcilePlan ready = c.plan();
    // The repair does not stop the sync: the next slot is processed in the same plan.
    assertThat(steps(ready))
        .containsExactly(
            "UpdatePod foo-0",
            "CreateClaim datadir-foo-1",
            "CreatePod foo-1",
            "WriteStatus status");
    assertStop(ready, "R-ORDER-2", "foo-1");
  }

  // --- R-ORDER-10: a released pod keeps its name ---

  @Test
  @Tag("R-ORDER-10")
  void releasedPod_blocksItsSlotWithAlreadyExists() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    Map<String, String> labels = new HashMap<>(c.pod("foo-1").labels());
    labels.put("foo", "other"); // no longer selected, still owned
    c.put(c.pod("foo-1").withLabels(labels));

    ReconcilePlan plan = c.plan();

    // Upstream releases the pod and, no longer counting it, creates foo-1 again in the same sync.
    // The name is taken, so the API server answers AlreadyExists and the sync returns that error.
    assertThat(steps(plan))
        .containsExactly("ReleasePod foo-1", "CreatePod foo-1", "WriteStatus status");
    assertStop(plan, "R-ORDER-10", "foo-1");
    assertThat(plan.error().map(e -> e.rule() + " " + e.message()))
        .contains("R-ORDER-10 pods \"foo-1\" already exists");
    assertThat(plan.requeueAfter()).isNull();
    assertThat(plan.status().replicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-ORDER-10")
  void alreadyReleasedPod_isLeftAloneAndItsSlotStaysBlocked() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    c.converge(20);
    Map<String, String> labels = new HashMap<>(c.pod("foo-1").labels());
    labels.put("foo", "other");
    c.put(
        c.pod("foo-1")
            .withLabels(labels)
            .withOwnerReferences(List.of()));

    ReconcilePlan plan = c.plan();

    // Neither adopted (not selected) nor deleted: the attempt is made, fails, and nothing after
    // slot 1 happens.
    assertThat(steps(plan)).containsExactly("CreatePod foo-1", "WriteStatus status");
    assertStop(plan, "R-ORDER-10", "foo-1");
    assertThat(plan.fails()).isTrue();

    c.remove("foo-1");
    ReconcilePlan gone = c.plan();
    assertThat(steps(gone)).containsExactly("CreatePod foo-1", "WriteStatus status");
    assertStop(gone, "R-ORDER-2", "foo-1");
  }
}
