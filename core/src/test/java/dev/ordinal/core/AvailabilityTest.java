package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.created;
import static dev.ordinal.core.UpdateTestSupport.deleted;
import static dev.ordinal.core.UpdateTestSupport.plan;
import static dev.ordinal.core.UpdateTestSupport.readySince;
import static dev.ordinal.core.UpdateTestSupport.withMinReadySeconds;
import static dev.ordinal.core.UpdateTestSupport.withPartition;
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * minReadySeconds: what counts as available (R-AVAIL-1), who waits for it (R-AVAIL-2, R-AVAIL-3),
 * who does not (R-AVAIL-4), and when the set is looked at again (R-SYNC-6). After upstream's
 * {@code TestStatefulSetAvailability} and the {@code ...MinReadySeconds} tests.
 */
class AvailabilityTest {

  // --- R-AVAIL-1: availableReplicas ---

  @Test
  @Tag("R-AVAIL-1")
  void readyFor120MinutesWithMinReadySeconds3600_isAvailable() {
    FakeCluster c = started(withMinReadySeconds(newStatefulSet(1), 3600));
    readySince(c, "foo-0", c.now().minus(Duration.ofMinutes(120)));

    assertThat(plan(c).status().availableReplicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-AVAIL-1")
  void readyFor30MinutesWithMinReadySeconds3600_isNotAvailable() {
    FakeCluster c = started(withMinReadySeconds(newStatefulSet(1), 3600));
    readySince(c, "foo-0", c.now().minus(Duration.ofMinutes(30)));

    ReconcilePlan plan = plan(c);

    assertThat(plan.status().availableReplicas()).isZero();
    assertThat(plan.status().readyReplicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-AVAIL-1")
  void availabilityBoundary_isInclusive() {
    FakeCluster c = started(withMinReadySeconds(newStatefulSet(1), 3600));

    readySince(c, "foo-0", c.now().minusSeconds(3600));
    assertThat(plan(c).status().availableReplicas()).isEqualTo(1);

    readySince(c, "foo-0", c.now().minusSeconds(3599));
    assertThat(plan(c).status().availableReplicas()).isZero();
  }

  @Test
  @Tag("R-STATUS-3")
  void availableReplicas_countsReadyPodsPastMinReadySecondsTerminatingIncluded() {
    FakeCluster c = started(Fixtures.burst(withMinReadySeconds(newStatefulSet(3), 60)));
    readySince(c, "foo-0", c.now().minusSeconds(600));
    readySince(c, "foo-1", c.now().minusSeconds(10));
    readySince(c, "foo-2", c.now().minusSeconds(600));
    c.terminate("foo-2");

    ReconcilePlan plan = plan(c);

    // foo-1 is Ready but not yet for 60s; terminating foo-2 still counts (R-STATUS-1..3).
    assertThat(plan.status().readyReplicas()).isEqualTo(3);
    assertThat(plan.status().availableReplicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-AVAIL-1")
  void zeroMinReadySeconds_isAvailableAtOnce() {
    FakeCluster c = started(newStatefulSet(1));
    readySince(c, "foo-0", c.now());

    assertThat(plan(c).status().availableReplicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-AVAIL-1")
  void onlyRunningAndReadyPods_areCounted() {
    FakeCluster c = started(withMinReadySeconds(newStatefulSet(1), 10));
    // Ready=True long ago, but still Pending: not counted as ready, so not as available.
    c.put(
        c.pod("foo-0")
            .withReady(true)
            .withReadyTransitionTime(c.now().minusSeconds(3600)));

    ReconcilePlan plan = plan(c);

    assertThat(plan.status().readyReplicas()).isZero();
    assertThat(plan.status().availableReplicas()).isZero();
  }

  @Test
  @Tag("R-AVAIL-1")
  void readyWithoutATransitionTime_isNeverAvailable() {
    FakeCluster c = started(withMinReadySeconds(newStatefulSet(1), 10));
    c.put(
        c.pod("foo-0")
            .withPhase(PodPhase.RUNNING)
            .withReady(true)
            .withReadyTransitionTime(null));

    assertThat(plan(c).status().availableReplicas()).isZero();
  }

  // --- R-AVAIL-2: OrderedReady creation and scale-down wait for availability ---

  @Test
  @Tag("R-AVAIL-2")
  void orderedReady_createsTheNextPodOnlyOnceThePreviousIsAvailable() {
    FakeCluster c = started(withMinReadySeconds(newStatefulSet(2), 30));
    readySince(c, "foo-0", c.now().minusSeconds(10));

    ReconcilePlan waiting = plan(c);
    assertThat(created(waiting)).isEmpty();
    assertThat(waiting.stopReason().map(StopReason::rule)).contains("R-ORDER-6");

    c.advanceTime(Duration.ofSeconds(20));
    assertThat(created(plan(c))).containsExactly("foo-1");
  }

  /** TestStatefulSetScaleDownRespectsMinReadySeconds. */
  @Test
  @Tag("R-AVAIL-2")
  void scaleDown_waitsForAvailability() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    c.converge(50);
    c.update(withMinReadySeconds(withReplicas(c.set(), 1), 30));
    allReadySince(c, c.now().minusSeconds(10));

    ReconcilePlan plan = plan(c);

    assertThat(deleted(plan)).isEmpty();
    assertThat(plan.stopReason().map(StopReason::rule)).contains("R-ORDER-6");
    assertThat(plan.status().availableReplicas()).isZero();
  }

  // --- R-AVAIL-3: rolling updates wait for availability since v1.35 ---

  /** TestStatefulSetRollingUpdateRespectsMinReadySeconds, in Parallel to isolate the update. */
  @Test
  @Tag("R-AVAIL-3")
  void rollingUpdate_waitsUntilPodsHaveBeenReadyForMinReadySeconds() {
    FakeCluster c = started(burst(withMinReadySeconds(newStatefulSet(2), 30)));
    allReadySince(c, c.now().minusSeconds(10));
    c.update(withImage(c.set(), "updated-image"));

    ReconcilePlan blocked = plan(c);
    assertThat(deleted(blocked)).isEmpty();
    assertThat(blocked.status().availableReplicas()).isZero();

    allReadySince(c, c.now().minusSeconds(60));
    ReconcilePlan proceeds = plan(c);
    assertThat(deleted(proceeds)).containsExactly("foo-1");
    assertThat(proceeds.status().availableReplicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-AVAIL-3")
  void updateScanBeforeV1_35_waitedOnlyForReadiness() {
    FakeCluster c = started(burst(withMinReadySeconds(newStatefulSet(2), 30)));
    allReadySince(c, c.now().minusSeconds(60));
    c.update(withImage(c.set(), "updated-image"));
    assertThat(deleted(c.sync())).containsExactly("foo-1");
    c.finishTerminations();
    assertThat(created(c.sync())).containsExactly("foo-1");
    // The new foo-1 is Ready but not yet available.
    readySince(c, "foo-1", c.now().minusSeconds(10));

    assertThat(deleted(plan(c))).isEmpty();
    assertThat(deleted(plan(c, ReconcilerOptions.V1_34))).containsExactly("foo-0");
  }

  /** TestStatefulSetPartitionRollingUpdateWithMinReadySeconds. */
  @Test
  @Tag("R-AVAIL-3")
  void partitionedUpdate_waitsForAvailabilityToo() {
    FakeCluster c = started(burst(withPartition(withMinReadySeconds(newStatefulSet(4), 30), 2)));
    allReadySince(c, c.now().minusSeconds(10));
    c.update(withImage(c.set(), "updated-image"));

    ReconcilePlan plan = plan(c);

    assertThat(deleted(plan)).isEmpty();
    assertThat(plan.status().availableReplicas()).isZero();
  }

  // --- R-AVAIL-4: completion does not wait for availability ---

  @Test
  @Tag("R-AVAIL-4")
  void lastPodNotYetAvailable_stillCompletesTheRollout() {
    FakeCluster c = started(burst(withMinReadySeconds(newStatefulSet(2), 30)));
    allReadySince(c, c.now().minusSeconds(60));
    c.update(withImage(c.set(), "foo"));
    for (String name : new String[] {"foo-1", "foo-0"}) {
      assertThat(deleted(c.sync())).containsExactly(name);
      c.finishTerminations();
      assertThat(created(c.sync())).containsExactly(name);
      c.ready(name);
      c.advanceTime(Duration.ofSeconds(60));
    }
    // foo-0 has just turned Ready: it is not available yet.
    readySince(c, "foo-0", c.now());

    ReconcilePlan plan = c.sync();

    assertThat(plan.status().availableReplicas()).isEqualTo(1);
    assertThat(plan.status().currentRevision()).isEqualTo(plan.status().updateRevision());
    assertThat(plan.status().currentReplicas()).isEqualTo(2);
  }

  // --- R-SYNC-6: requeue for minReadySeconds ---

  @Test
  @Tag("R-SYNC-6")
  void readyPodOnItsWay_requeuesWhenItBecomesAvailable() {
    FakeCluster c = started(burst(withMinReadySeconds(newStatefulSet(2), 30)));
    readySince(c, "foo-0", c.now().minusSeconds(10));
    readySince(c, "foo-1", c.now().minusSeconds(25));

    assertThat(plan(c).requeueAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  @Tag("R-SYNC-6")
  void noPodOnItsWay_requeuesAfterMinReadySeconds() {
    FakeCluster c = started(burst(withMinReadySeconds(newStatefulSet(2), 30)));

    assertThat(plan(c).requeueAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  @Tag("R-SYNC-6")
  void everyReplicaAvailable_needsNoRequeue() {
    FakeCluster c = started(burst(withMinReadySeconds(newStatefulSet(2), 30)));
    allReadySince(c, c.now().minusSeconds(30));

    ReconcilePlan plan = plan(c);

    assertThat(plan.status().availableReplicas()).isEqualTo(2);
    assertThat(plan.requeueAfter()).isNull();
  }

  @Test
  @Tag("R-SYNC-6")
  void zeroMinReadySeconds_needsNoRequeue() {
    FakeCluster c = started(burst(newStatefulSet(2)));

    ReconcilePlan plan = plan(c);

    assertThat(plan.status().availableReplicas()).isZero();
    assertThat(plan.requeueAfter()).isNull();
  }

  // ---------------------------------------------------------------------------------------------

  /** A cluster after the set's first sync (or syncs, for OrderedReady): the first pods exist. */
  private static FakeCluster started(StatefulSet set) {
    FakeCluster c = new FakeCluster(set);
    c.sync();
    return c;
  }

  private static void allReadySince(FakeCluster c, Instant since) {
    c.pods().forEach(p -> readySince(c, p.name(), since));
  }
}
