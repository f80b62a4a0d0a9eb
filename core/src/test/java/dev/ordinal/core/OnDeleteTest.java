package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.converged;
import static dev.ordinal.core.UpdateTestSupport.createdRevision;
import static dev.ordinal.core.UpdateTestSupport.deleted;
import static dev.ordinal.core.UpdateTestSupport.onDelete;
import static dev.ordinal.core.UpdateTestSupport.plan;
import static dev.ordinal.core.UpdateTestSupport.revisions;
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.ReconcilePlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OnDelete: pods are replaced only when someone deletes them (R-UPDATE-2), and the rollout is never
 * marked complete (R-STATUS-8) unless the post-1.36 behaviour is chosen. After upstream's {@code
 * TestStatefulSetControlOnDeleteUpdate}.
 */
class OnDeleteTest {

  private static final ReconcilerOptions COMPLETES =
      ReconcilerOptions.V1_35.withOnDeleteCompletesRollout(true);

  @ParameterizedTest(name = "burst={0}")
  @ValueSource(booleans = {false, true})
  @Tag("R-UPDATE-2")
  void onDelete_neverDeletesPodsForAnUpdate(boolean parallel) {
    StatefulSet set = onDelete(newStatefulSet(3));
    FakeCluster c = converged(parallel ? burst(set) : set);
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    int before = c.plans().size();

    c.converge(50);

    assertThat(c.plans().subList(before, c.plans().size()))
        .allSatisfy(p -> assertThat(deleted(p)).isEmpty());
    assertThat(revisions(c)).containsOnly(current);
    StatefulSetStatus status = c.set().status();
    assertThat(status.updateRevision()).isNotEqualTo(current);
    assertThat(status.currentRevision()).isEqualTo(current);
    assertThat(status.currentReplicas()).isEqualTo(3);
    assertThat(status.updatedReplicas()).isZero();
  }

  @Test
  @Tag("R-UPDATE-2")
  void aDeletedPod_comesBackAtTheUpdateRevision() {
    FakeCluster c = converged(onDelete(newStatefulSet(3)));
    c.update(withImage(c.set(), "foo"));
    c.converge(50);
    c.remove("foo-0");

    ReconcilePlan plan = plan(c);

    // OnDelete has no rollingUpdate block: status.currentReplicas does not matter (R-UPDATE-1).
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
    assertThat(createdRevision(plan, "foo-0")).isEqualTo(plan.status().updateRevision());
  }

  @Test
  @Tag("R-UPDATE-2")
  void imageUpdateAndScaleUp_createsTheNewPodsAtTheUpdateRevision() {
    FakeCluster c = converged(onDelete(newStatefulSet(3)));
    String current = c.set().status().currentRevision();
    c.update(withImage(withReplicas(c.set(), 5), "foo"));

    c.converge(100);

    String update = c.set().status().updateRevision();
    assertThat(revisions(c)).containsExactly(current, current, current, update, update);
  }

  @Test
  @Tag("R-STATUS-8")
  void onDelete_neverAdvancesCurrentRevision() {
    FakeCluster c = converged(onDelete(newStatefulSet(3)));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));

    replaceEveryPod(c);

    StatefulSetStatus status = c.set().status();
    assertThat(revisions(c)).containsOnly(status.updateRevision());
    assertThat(status.updatedReplicas()).isEqualTo(3);
    assertThat(status.readyReplicas()).isEqualTo(3);
    assertThat(status.currentRevision()).isEqualTo(current);
    assertThat(status.currentReplicas()).isZero();
  }

  @Test
  @Tag("R-STATUS-8")
  void onDeleteCompletesRolloutOption_advancesOnceEveryPodIsUpdated() {
    FakeCluster c = converged(onDelete(newStatefulSet(3)), COMPLETES);
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    c.remove("foo-2");
    c.converge(50);
    assertThat(c.set().status().currentRevision()).isEqualTo(current);

    replaceEveryPod(c);

    StatefulSetStatus status = c.set().status();
    assertThat(status.currentRevision()).isEqualTo(status.updateRevision());
    assertThat(status.currentReplicas()).isEqualTo(3);
  }

  /** Deletes each pod in turn, as a user rolling OnDelete pods by hand would, and converges. */
  private static void replaceEveryPod(FakeCluster c) {
    for (String name : new String[] {"foo-2", "foo-1", "foo-0"}) {
      c.remove(name);
      c.converge(50);
    }
  }
}
