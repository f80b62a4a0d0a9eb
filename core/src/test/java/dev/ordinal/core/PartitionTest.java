package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.converged;
import static dev.ordinal.core.UpdateTestSupport.created;
import static dev.ordinal.core.UpdateTestSupport.createdRevision;
import static dev.ordinal.core.UpdateTestSupport.deleted;
import static dev.ordinal.core.UpdateTestSupport.plan;
import static dev.ordinal.core.UpdateTestSupport.revisions;
import static dev.ordinal.core.UpdateTestSupport.withOrdinalsStart;
import static dev.ordinal.core.UpdateTestSupport.withPartition;
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.ReconcilePlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partitions and the revision a (re)created pod gets (R-UPDATE-1, R-UPDATE-4), after upstream's
 * {@code TestStatefulSetControlRollingUpdateWithPartition}.
 */
class PartitionTest {

  // --- R-UPDATE-1: which revision a recreated pod gets ---

  @Test
  @Tag("R-UPDATE-1")
  void partition_countsFromOrdinalsStart() {
    // Ordinals 2, 3, 4; partition 1 keeps index 0 (ordinal 2), not ordinal 0, at the old revision.
    FakeCluster c = converged(withOrdinalsStart(withPartition(newStatefulSet(3), 1), 2));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    c.converge(100);
    String update = c.set().status().updateRevision();
    assertThat(revisions(c)).containsExactly(current, update, update);

    c.remove("foo-3");
    assertThat(createdRevision(plan(c), "foo-3")).isEqualTo(update);
    c.remove("foo-2");
    ReconcilePlan plan = plan(c);

    assertThat(created(plan)).containsExactly("foo-2");
    assertThat(createdRevision(plan, "foo-2")).isEqualTo(current);
  }

  @Test
  @Tag("R-UPDATE-1")
  void withoutBlock_podsBelowCurrentReplicasComeBackAtTheCurrentRevision() {
    FakeCluster c = converged(newStatefulSet(3));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));
    assertThat(deleted(c.sync())).containsExactly("foo-2");
    assertThat(c.set().status().currentReplicas()).isEqualTo(2);
    c.finishTerminations();
    c.remove("foo-0");

    ReconcilePlan plan = c.sync();

    // foo-0 is below status.currentReplicas (2): old revision. OrderedReady stops there.
    assertThat(created(plan)).containsExactly("foo-0");
    assertThat(createdRevision(plan, "foo-0")).isEqualTo(current);
    c.ready("foo-0");
    ReconcilePlan next = c.sync();
    // foo-2 is not: update revision.
    assertThat(created(next)).containsExactly("foo-2");
    assertThat(createdRevision(next, "foo-2")).isEqualTo(next.status().updateRevision());
  }

  @Test
  @Tag("R-UPDATE-1")
  void emptyBlock_meansPartitionZero_everyRecreatedPodGetsTheUpdateRevision() {
    FakeCluster c = converged(withPartition(newStatefulSet(3), 0));
    c.update(withImage(c.set(), "foo"));
    c.remove("foo-0");

    ReconcilePlan plan = plan(c);

    assertThat(createdRevision(plan, "foo-0")).isEqualTo(plan.status().updateRevision());
  }

  @ParameterizedTest(name = "burst={0}")
  @ValueSource(booleans = {false, true})
  @Tag("R-UPDATE-1")
  void imageUpdateAndScaleUp_honourThePartition(boolean parallel) {
    StatefulSet set = withPartition(newStatefulSet(3), 2);
    FakeCluster c = converged(parallel ? burst(set) : set);
    String current = c.set().status().currentRevision();
    c.update(withImage(withReplicas(c.set(), 5), "foo"));

    c.converge(200);

    String update = c.set().status().updateRevision();
    assertThat(revisions(c)).containsExactly(current, current, update, update, update);
    assertThat(c.set().status().currentRevision()).isEqualTo(current);
    assertThat(c.set().status().updatedReplicas()).isEqualTo(3);
  }

  // --- R-UPDATE-4: partition at or beyond replicas ---

  @ParameterizedTest(name = "partition {0}")
  @ValueSource(ints = {3, 5})
  @Tag("R-UPDATE-4")
  void partitionAtOrAboveReplicas_updatesNothing(int partition) {
    FakeCluster c = converged(withPartition(newStatefulSet(3), partition));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));

    c.converge(50);

    assertThat(c.plans()).allSatisfy(p -> assertThat(deleted(p)).isEmpty());
    assertThat(revisions(c)).containsOnly(current);
    assertThat(c.set().status().updateRevision()).isNotEqualTo(current);
    assertThat(c.set().status().currentRevision()).isEqualTo(current);
    assertThat(c.set().status().updatedReplicas()).isZero();
  }

  @Test
  @Tag("R-UPDATE-4")
  void newPodsBelowALargePartition_stillGetTheCurrentRevision() {
    FakeCluster c = converged(withPartition(newStatefulSet(3), 5));
    String current = c.set().status().currentRevision();
    c.update(withImage(withReplicas(c.set(), 4), "foo"));

    ReconcilePlan plan = c.sync();

    assertThat(created(plan)).containsExactly("foo-3");
    assertThat(createdRevision(plan, "foo-3")).isEqualTo(current);
  }

  @Test
  @Tag("R-UPDATE-4")
  void loweringThePartition_resumesAndCompletesTheRollout() {
    FakeCluster c = converged(withPartition(newStatefulSet(3), 3));
    c.update(withImage(c.set(), "foo"));
    c.converge(50);

    c.update(withPartition(c.set(), 0));
    c.converge(100);

    String update = c.set().status().updateRevision();
    assertThat(revisions(c)).containsOnly(update);
    assertThat(c.set().status().currentRevision()).isEqualTo(update);
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
  }
}
