package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.ReconcilePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A StatefulSet being deleted gets no pod or claim actions, only a status write (R-SYNC-3). */
class DeletionTest {

  private static FakeCluster readyCluster(StatefulSet set) {
    FakeCluster c = new FakeCluster(set);
    c.converge(50);
    return c;
  }

  /** Plans for the cluster's set as if it were being deleted, with a spec edit applied first. */
  private static ReconcilePlan planDeleted(FakeCluster c, StatefulSet edited) {
    StatefulSet deleted =
        edited
            .withStatus(c.set().status())
            .withDeletionTimestamp(c.now());
    Observation obs = Observation.builder().from(c.observe()).set(deleted).build();
    return new StatefulSetReconciler().plan(obs);
  }

  @Test
  @Tag("R-SYNC-3")
  void setBeingDeleted_onlyGetsItsStatusWritten() {
    FakeCluster c = readyCluster(newStatefulSet(3));
    String revision = c.set().status().updateRevision();
    // Work the controller would otherwise do: a failed pod, a broken identity, a missing slot.
    c.phase("foo-1", PodPhase.FAILED);
    Map<String, String> labels = new HashMap<>(c.pod("foo-2").labels());
    labels.remove(ObservedPod.POD_NAME_LABEL);
    c.put(c.pod("foo-2").withLabels(labels));
    StatefulSet scaledUp =
        Fixtures.withReplicas(c.set(), 5).withGeneration(2);

    ReconcilePlan plan = planDeleted(c, scaledUp);

    assertThat(steps(plan)).containsExactly("WriteStatus status");
    assertThat(plan.stop()).isNotNull();
    assertThat(plan.stop().rule()).isEqualTo("R-SYNC-3");
    assertThat(plan.stop().pod()).isNull();
    // The status still counts every pod passed in.
    assertThat(plan.status())
        .isEqualTo(
            StatefulSetStatus.builder()
                .observedGeneration(2)
                .replicas(3)
                .readyReplicas(2)
                .currentReplicas(3)
                .updatedReplicas(3)
                .availableReplicas(2)
                .currentRevision(revision)
                .updateRevision(revision)
                .collisionCount(0)
                .build());
  }

  @Test
  @Tag("R-SYNC-3")
  void setBeingDeleted_isNotScaledDown() {
    FakeCluster c = readyCluster(newStatefulSet(3));
    StatefulSet scaledDown =
        Fixtures.withReplicas(c.set(), 0).withGeneration(2);

    ReconcilePlan plan = planDeleted(c, scaledDown);

    assertThat(steps(plan)).containsExactly("WriteStatus status");
    assertThat(plan.status().replicas()).isEqualTo(3);
    assertThat(plan.status().observedGeneration()).isEqualTo(2);
    assertThat(plan.stop().rule()).isEqualTo("R-SYNC-3");
  }

  @Test
  @Tag("R-SYNC-3")
  void setBeingDeletedWithUnchangedStatus_getsAnEmptyPlan() {
    FakeCluster c = readyCluster(newStatefulSet(3));

    ReconcilePlan plan = planDeleted(c, c.set());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.stop().rule()).isEqualTo("R-SYNC-3");
    assertThat(plan.status()).isEqualTo(c.set().status());
  }

  @Test
  @Tag("R-SYNC-3")
  void parallelSetBeingDeleted_isTreatedTheSame() {
    FakeCluster c = readyCluster(burst(newStatefulSet(2)));
    StatefulSet scaledUp =
        Fixtures.withReplicas(c.set(), 4).withGeneration(2);

    ReconcilePlan plan = planDeleted(c, scaledUp);

    assertThat(steps(plan)).containsExactly("WriteStatus status");
    assertThat(plan.stop().rule()).isEqualTo("R-SYNC-3");
    assertThat(plan.burstBatches()).isEmpty();
  }

  @Test
  @Tag("R-SYNC-3")
  void setBeingDeleted_neitherAdoptsNorReleases() {
    FakeCluster c = readyCluster(newStatefulSet(2));
    c.put(
        ObservedPod.builder()
            .name("foo-5")
            .uid("uid-orphan")
            .labels(Map.of("foo", "bar"))
            .phase(PodPhase.RUNNING)
            .ready(true)
            .build());
    Map<String, String> labels = new HashMap<>(c.pod("foo-1").labels());
    labels.put("foo", "other");
    c.put(c.pod("foo-1").withLabels(labels));

    ReconcilePlan plan = planDeleted(c, c.set());

    // Neither adoption nor release happens for a set being deleted (R-ADOPT-3/4); only foo-0 is
    // counted, so the status changes and is written.
    assertThat(steps(plan)).containsExactly("WriteStatus status");
    assertThat(plan.status().replicas()).isEqualTo(1);
  }
}
