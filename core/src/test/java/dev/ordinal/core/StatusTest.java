package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.converged;
import static dev.ordinal.core.UpdateTestSupport.deleted;
import static dev.ordinal.core.UpdateTestSupport.plan;
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The status one sync computes and when it is written (R-STATUS-1..10). */
class StatusTest {

  // --- R-STATUS-1..4: the counters ---

  @Test
  @Tag("R-STATUS-1")
  void terminatingPods_countInReplicasReadyAndAvailableButNotCurrentOrUpdated() {
    FakeCluster c = converged(newStatefulSet(3));
    c.terminate("foo-2");

    StatefulSetStatus status = plan(c).status();

    assertThat(status.replicas()).isEqualTo(3);
    assertThat(status.readyReplicas()).isEqualTo(3);
    assertThat(status.availableReplicas()).isEqualTo(3);
    assertThat(status.currentReplicas()).isEqualTo(2);
    assertThat(status.updatedReplicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-STATUS-1")
  void aPodWithoutPhase_isNotCreated() {
    FakeCluster c = converged(newStatefulSet(3));
    c.put(c.pod("foo-2").withPhase(null).withReady(false));

    StatefulSetStatus status = plan(c).status();

    assertThat(status.replicas()).isEqualTo(2);
    assertThat(status.currentReplicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-STATUS-2")
  void pendingPods_areReplicasButNotReady() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.sync();

    StatefulSetStatus status = plan(c).status();

    assertThat(status.replicas()).isEqualTo(1);
    assertThat(status.readyReplicas()).isZero();
    assertThat(status.availableReplicas()).isZero();
    assertThat(status.updatedReplicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-STATUS-4")
  void podWhenBothRevisionsAreTheSame_countsAsCurrentAndUpdated() {
    FakeCluster c = converged(newStatefulSet(3));

    StatefulSetStatus status = c.set().status();

    assertThat(status.currentRevision()).isEqualTo(status.updateRevision());
    assertThat(status.currentReplicas()).isEqualTo(3);
    assertThat(status.updatedReplicas()).isEqualTo(3);
  }

  /** NewRevisionDeletePodFailure: currentReplicas 3 → 2 after the update deletion. */
  @Test
  @Tag("R-STATUS-4")
  void eachUpdateDeletion_decrementsCurrentReplicas() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "nginx-new"));

    ReconcilePlan plan = plan(c);

    assertThat(deleted(plan, DeleteReason.UPDATE)).hasSize(1);
    assertThat(plan.status().currentReplicas()).isEqualTo(2);
    assertThat(plan.status().currentRevision()).isNotEqualTo(plan.status().updateRevision());
  }

  // --- R-STATUS-5: actions of the sync are not reflected ---

  @Test
  @Tag("R-STATUS-5")
  void aPodCreatedInThisSync_isNotCounted() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreatePod.class)).hasSize(1);
    assertThat(plan.status().replicas()).isZero();
  }

  @Test
  @Tag("R-STATUS-5")
  void aPodDeletedInThisSync_isStillCounted() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withReplicas(c.set(), 2));

    ReconcilePlan plan = plan(c);

    assertThat(deleted(plan, DeleteReason.SCALE_DOWN)).containsExactly("foo-2");
    assertThat(plan.status().replicas()).isEqualTo(3);
    assertThat(plan.status().currentReplicas()).isEqualTo(3);
  }

  // --- R-STATUS-6: generation, revisions, collisionCount ---

  @Test
  @Tag("R-STATUS-6")
  void firstSync_publishesRevisionsAndAZeroCollisionCount() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));

    ReconcilePlan plan = plan(c);

    String created = plan.actionsOf(Action.CreateRevision.class).get(0).revision().name();
    assertThat(plan.status().collisionCount()).isNotNull().isZero();
    assertThat(plan.status().updateRevision()).isEqualTo(created);
    assertThat(plan.status().currentRevision()).isEqualTo(created);
    assertThat(plan.status().observedGeneration()).isEqualTo(c.set().generation());
  }

  @Test
  @Tag("R-STATUS-6")
  void observedGeneration_isTheGenerationSeen() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(c.set());
    c.update(c.set());

    ReconcilePlan plan = plan(c);

    assertThat(c.set().generation()).isGreaterThan(c.set().status().observedGeneration());
    assertThat(plan.status().observedGeneration()).isEqualTo(c.set().generation());
  }

  // --- R-STATUS-7: no conditions ---

  @Test
  @Tag("R-STATUS-7")
  void conditions_areNeverWritten() {
    FakeCluster c = converged(newStatefulSet(3));
    StatefulSetStatus old = c.set().status();
    StatefulSetCondition condition =
        new StatefulSetCondition("Custom", "True", Instant.EPOCH, "Because", "set by someone else");
    c.apply(new Action.WriteStatus(old.withConditions(List.of(condition))));
    c.update(withReplicas(c.set(), 4));

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.WriteStatus.class))
        .singleElement()
        .satisfies(w -> assertThat(w.status().conditions()).isEmpty());
  }

  // --- R-STATUS-8: completion ---

  @Test
  @Tag("R-STATUS-8")
  void completion_movesCurrentToUpdate() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "foo"));

    c.converge(100);

    StatefulSetStatus status = c.set().status();
    assertThat(status.currentRevision()).isEqualTo(status.updateRevision());
    assertThat(status.currentReplicas()).isEqualTo(status.updatedReplicas()).isEqualTo(3);
  }

  @Test
  @Tag("R-STATUS-8")
  void anExtraPodPastTheRange_holdsCompletionBack() {
    FakeCluster c = converged(newStatefulSet(3));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    c.sync();
    for (int i = 0; i < 50 && !everyPodUpdatedAndReady(c); i++) {
      c.sync();
      c.pods().forEach(p -> c.advance(p.name()));
    }
    assertThat(c.set().status().currentRevision()).isEqualTo(current);
    // A leftover foo-3 at the old revision, terminating: counted in replicas and ready.
    c.put(renamed(c.pod("foo-2"), "foo-3", current, c.now()));

    StatefulSetStatus held = c.sync().status();
    assertThat(held.updatedReplicas()).isEqualTo(3);
    assertThat(held.replicas()).isEqualTo(4);
    assertThat(held.currentRevision()).isEqualTo(current);

    c.remove("foo-3");
    StatefulSetStatus done = c.sync().status();
    assertThat(done.currentRevision()).isEqualTo(done.updateRevision());
  }

  @Test
  @Tag("R-STATUS-8")
  void completion_needsEveryReplicaReady() {
    FakeCluster c = converged(newStatefulSet(3));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    c.sync();
    for (int i = 0; i < 50 && !everyPodUpdatedAndReady(c); i++) {
      c.sync();
      c.pods().forEach(p -> c.advance(p.name()));
    }
    c.running("foo-1");

    StatefulSetStatus status = plan(c).status();

    assertThat(status.updatedReplicas()).isEqualTo(3);
    assertThat(status.readyReplicas()).isEqualTo(2);
    assertThat(status.currentRevision()).isEqualTo(current);
    assertThat(status.currentReplicas()).isZero();
  }

  // --- R-STATUS-9: written only when inconsistent ---

  @Test
  @Tag("R-STATUS-9")
  void steadyState_writesNothing() {
    FakeCluster c = converged(newStatefulSet(3));

    assertThat(plan(c).actions()).isEmpty();
  }

  @Test
  @Tag("R-STATUS-9")
  void collisionCountAlone_doesNotTriggerAWrite() {
    FakeCluster c = converged(newStatefulSet(3));
    c.apply(new Action.WriteStatus(c.set().status().withCollisionCount(null)));

    ReconcilePlan plan = plan(c);

    assertThat(plan.status().collisionCount()).isZero();
    assertThat(plan.actionsOf(Action.WriteStatus.class)).isEmpty();
  }

  @Test
  @Tag("R-STATUS-9")
  void availableReplicasAlone_triggersAWrite() {
    FakeCluster c = converged(newStatefulSet(3));
    StatefulSetStatus old = c.set().status();
    c.apply(new Action.WriteStatus(old.withAvailableReplicas(2)));

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.WriteStatus.class))
        .singleElement()
        .satisfies(w -> assertThat(w.status().availableReplicas()).isEqualTo(3));
  }

  @Test
  @Tag("R-STATUS-9")
  void aNewerGenerationAlone_triggersAWrite() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(c.set());

    assertThat(plan(c).actionsOf(Action.WriteStatus.class)).hasSize(1);
  }

  @Test
  @Tag("R-STATUS-9")
  void anOlderGeneration_doesNotTriggerAWrite() {
    FakeCluster c = converged(newStatefulSet(3));
    StatefulSetStatus old = c.set().status();
    c.apply(new Action.WriteStatus(old.withObservedGeneration(old.observedGeneration() + 5)));

    ReconcilePlan plan = plan(c);

    assertThat(plan.status().observedGeneration()).isEqualTo(old.observedGeneration());
    assertThat(plan.actions()).isEmpty();
  }

  // --- R-STATUS-10: finding the current revision ---

  @Test
  @Tag("R-STATUS-10")
  void firstSync_currentRevisionIsTheUpdateRevision() {
    ReconcilePlan plan = plan(new FakeCluster(newStatefulSet(3)));

    assertThat(plan.status().currentRevision()).isEqualTo(plan.status().updateRevision());
  }

  @Test
  @Tag("R-STATUS-10")
  void aVanishedCurrentRevision_fallsBackToTheUpdateRevision() {
    FakeCluster c = converged(newStatefulSet(3));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    c.sync();
    assertThat(c.set().status().currentRevision()).isEqualTo(current);
    c.revisions().remove(current);

    StatefulSetStatus status = plan(c).status();

    assertThat(status.currentRevision()).isEqualTo(status.updateRevision());
    // Pods at the vanished revision count as neither current nor updated.
    assertThat(status.currentReplicas()).isZero();
    assertThat(status.updatedReplicas()).isZero();
  }

  @Test
  @Tag("R-STATUS-10")
  void currentRevision_isFoundByName() {
    FakeCluster c = converged(newStatefulSet(3));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));

    StatefulSetStatus status = plan(c).status();

    assertThat(status.currentRevision()).isEqualTo(current);
    assertThat(status.updateRevision()).isNotEqualTo(current);
  }

  // ---------------------------------------------------------------------------------------------

  private static boolean everyPodUpdatedAndReady(FakeCluster c) {
    String update = c.set().status().updateRevision();
    return c.pods().size() == 3
        && c.pods().stream()
            .allMatch(
                p -> p.revision().equals(update) && p.ready() && p.deletionTimestamp() == null);
  }

  private static ObservedPod renamed(ObservedPod pod, String name, String revision, Instant now) {
    Map<String, String> labels = new HashMap<>(pod.labels());
    labels.put(ObservedPod.REVISION_LABEL, revision);
    labels.put(ObservedPod.POD_NAME_LABEL, name);
    return pod
        .withName(name)
        .withUid("uid-" + name)
        .withLabels(labels)
        .withDeletionTimestamp(now);
  }
}
