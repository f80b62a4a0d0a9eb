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
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static dev.ordinal.core.UpdateTestSupport.withRollingUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.IntOrString;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rolling updates: which outdated pods a sync deletes (R-UPDATE-3, R-UPDATE-5), how many
 * (R-UPDATE-6), and how they come back (R-UPDATE-7), after scaling (R-SYNC-2). Scenarios follow
 * upstream's {@code TestStatefulSetControlRollingUpdate*} and {@code ...WithMaxUnavailable*}.
 */
class RollingUpdateTest {

  // --- R-UPDATE-6: maxUnavailable as a number (TestGetStatefulSetMaxUnavailable) ---

  @Test
  @Tag("R-UPDATE-6")
  void nilMaxUnavailable_isOne() {
    assertThat(Sync.maxUnavailable(null, 10)).isEqualTo(1);
  }

  @Test
  @Tag("R-UPDATE-6")
  void tenPercentOf25_isTwo() {
    assertThat(Sync.maxUnavailable(IntOrString.of("10%"), 25)).isEqualTo(2);
  }

  @Test
  @Tag("R-UPDATE-6")
  void fiftyPercentOf5_isTwo_roundedDownNotUp() {
    assertThat(Sync.maxUnavailable(IntOrString.of("50%"), 5)).isEqualTo(2);
  }

  @Test
  @Tag("R-UPDATE-6")
  void tenPercentOf5_isOne_neverZero() {
    assertThat(Sync.maxUnavailable(IntOrString.of("10%"), 5)).isEqualTo(1);
  }

  @Test
  @Tag("R-UPDATE-6")
  void threeWithZeroReplicas_isThree() {
    assertThat(Sync.maxUnavailable(IntOrString.of(3), 0)).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0} of {1} replicas is {2}")
  @CsvSource({
    "3, 10, 3",
    "3, 0, 3",
    "0, 0, 1",
    "10%, 25, 2",
    "100%, 5, 5",
    "50%, 5, 2",
    "10%, 5, 1",
    "1%, 0, 1",
    "0%, 0, 1"
  })
  @Tag("R-UPDATE-6")
  void maxUnavailable_matchesTheUpstreamTable(String value, int replicas, int expected) {
    IntOrString maxUnavailable =
        value.endsWith("%") ? IntOrString.of(value) : IntOrString.of(Integer.parseInt(value));

    assertThat(Sync.maxUnavailable(maxUnavailable, replicas)).isEqualTo(expected);
  }

  @Test
  @Tag("R-UPDATE-6")
  void tenPercentOf25_deletesTwoPodsInOneSync() {
    FakeCluster c =
        converged(burst(withRollingUpdate(newStatefulSet(25), 0, IntOrString.of("10%"))));
    c.update(withImage(c.set(), "foo"));

    ReconcilePlan plan = c.sync();

    assertThat(deleted(plan, DeleteReason.UPDATE)).containsExactly("foo-24", "foo-23");
  }

  @Test
  @Tag("R-UPDATE-6")
  void withoutRollingUpdateBlock_onePodAtATime() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "foo"));

    ReconcilePlan plan = c.sync();

    assertThat(deleted(plan, DeleteReason.UPDATE)).containsExactly("foo-2");
    assertThat(rule(plan)).isEqualTo("R-UPDATE-5");
  }

  // --- R-UPDATE-5: the maxUnavailable budget (gate on, v1.35) ---

  @Test
  @Tag("R-UPDATE-5")
  void maxUnavailable_deletesUpToTheBudgetHighestFirstAndDecrementsCurrentReplicas() {
    FakeCluster c = converged(withRollingUpdate(newStatefulSet(6), 3, IntOrString.of(2)));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));

    ReconcilePlan plan = c.sync();

    assertThat(deleted(plan, DeleteReason.UPDATE)).containsExactly("foo-5", "foo-4");
    assertThat(plan.status().currentReplicas()).isEqualTo(4);
    assertThat(plan.status().currentRevision()).isEqualTo(current);
    assertThat(plan.status().updateRevision()).isNotEqualTo(current);
  }

  /** TestStatefulSetControlRollingUpdateWithMaxUnavailable, OrderedReady. */
  @Test
  @Tag("R-UPDATE-5")
  void orderedReady_followsTheUpstreamSequence() {
    FakeCluster c = converged(withRollingUpdate(newStatefulSet(6), 3, IntOrString.of(2)));
    String current = c.set().status().currentRevision();
    c.update(withImage(c.set(), "foo"));

    assertThat(deleted(c.sync())).containsExactly("foo-5", "foo-4");
    c.finishTerminations();
    assertThat(created(c.sync())).containsExactly("foo-4");
    c.ready("foo-4");
    assertThat(created(c.sync())).containsExactly("foo-5");
    c.ready("foo-5");
    ReconcilePlan third = c.sync();
    assertThat(deleted(third)).containsExactly("foo-3");
    c.finishTerminations();
    assertThat(created(c.sync())).containsExactly("foo-3");
    c.ready("foo-3");
    ReconcilePlan last = c.sync();

    assertThat(deleted(last)).isEmpty();
    String update = c.set().status().updateRevision();
    assertThat(revisions(c)).containsExactly(current, current, current, update, update, update);
    // Pods stay below the partition, so the rollout never completes (R-STATUS-8).
    assertThat(c.set().status().currentRevision()).isEqualTo(current);
  }

  /** TestStatefulSetControlRollingUpdateWithMaxUnavailable, Parallel. */
  @Test
  @Tag("R-UPDATE-5")
  void parallel_followsTheUpstreamSequence() {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(6), 3, IntOrString.of(2))));
    c.update(withImage(c.set(), "foo"));

    assertThat(deleted(c.sync())).containsExactly("foo-5", "foo-4");
    c.finishTerminations();
    ReconcilePlan recreate = c.sync();
    // Both come back at once; as placeholders they use up the whole budget.
    assertThat(created(recreate)).containsExactly("foo-4", "foo-5");
    assertThat(deleted(recreate)).isEmpty();

    // Once foo-4 is Ready, foo-3 goes although foo-5 is not Ready yet.
    c.running("foo-5");
    c.ready("foo-4");
    assertThat(deleted(c.sync())).containsExactly("foo-3");
  }

  /**
   * TestStatefulSetControlRollingUpdateWithMaxUnavailableInOrderedModeVerifyInvariant: terminating
   * pods anywhere in the range, below the partition too, use up the budget of 2.
   */
  @ParameterizedTest(name = "terminating {0}")
  @CsvSource(
      value = {
        "'', 2", "5, 1", "3, 1", "4, 1", "5 4, 0", "5 3, 0", "4 3, 0", "5 4 3, 0", "2, 1", "1, 1"
      })
  @Tag("R-UPDATE-5")
  void unavailablePodsAnywhere_useUpTheBudget(String terminating, int deletions) {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(6), 3, IntOrString.of(2))));
    c.update(withImage(c.set(), "foo"));
    for (String ordinal : terminating.isBlank() ? new String[0] : terminating.split(" ")) {
      c.terminate("foo-" + ordinal);
    }

    ReconcilePlan plan = plan(c);

    assertThat(deleted(plan, DeleteReason.UPDATE)).hasSize(deletions);
    assertThat(plan.status().currentReplicas())
        .isEqualTo(6 - terminatingCount(terminating) - deletions);
  }

  @Test
  @Tag("R-UPDATE-5")
  void unavailablePodsBeyondTheBudget_stopTheUpdate() {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(6), 3, IntOrString.of(2))));
    c.update(withImage(c.set(), "foo"));
    c.running("foo-0");
    c.running("foo-1");
    c.running("foo-2");

    ReconcilePlan plan = plan(c);

    assertThat(deleted(plan)).isEmpty();
    assertThat(rule(plan)).isEqualTo("R-UPDATE-5");
  }

  @Test
  @Tag("R-UPDATE-5")
  void unavailablePodOnTheWay_doesNotStopTheUpdate() {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(5), 0, IntOrString.of(2))));
    c.update(withImage(c.set(), "foo"));
    // foo-4 is already at the update revision but not Ready.
    upToDateButPending(c, "foo-4");

    assertThat(deleted(plan(c))).containsExactly("foo-3");
  }

  // --- R-UPDATE-3: the classic path (gate off, before v1.35) ---

  @Test
  @Tag("R-UPDATE-3")
  void classicPath_deletesOnePodEvenWithALargerMaxUnavailable() {
    StatefulSet set = withRollingUpdate(newStatefulSet(5), 0, IntOrString.of(3));
    FakeCluster c = converged(set, ReconcilerOptions.V1_34);
    c.update(withImage(c.set(), "foo"));

    ReconcilePlan plan = plan(c, ReconcilerOptions.V1_34);

    assertThat(deleted(plan)).containsExactly("foo-4");
    assertThat(plan.status().currentReplicas()).isEqualTo(4);
    assertThat(rule(plan)).isEqualTo("R-UPDATE-3");
  }

  @Test
  @Tag("R-UPDATE-3")
  void classicPath_stopsAtAnUnavailablePod() {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(5), 0, IntOrString.of(2))));
    c.update(withImage(c.set(), "foo"));
    upToDateButPending(c, "foo-4");

    ReconcilePlan plan = plan(c, ReconcilerOptions.V1_34);

    assertThat(deleted(plan)).isEmpty();
    assertThat(plan.stopReason().map(StopReason::pod)).contains("foo-4");
    assertThat(rule(plan)).isEqualTo("R-UPDATE-3");
  }

  @Test
  @Tag("R-UPDATE-3")
  void classicPath_waitsForATerminatingPodInsteadOfDeletingTheNext() {
    FakeCluster c = converged(burst(newStatefulSet(3)), ReconcilerOptions.V1_34);
    c.update(withImage(c.set(), "foo"));
    c.terminate("foo-2");

    ReconcilePlan plan = plan(c, ReconcilerOptions.V1_34);

    assertThat(deleted(plan)).isEmpty();
    assertThat(plan.stopReason().map(StopReason::pod)).contains("foo-2");
  }

  @Test
  @Tag("R-UPDATE-3")
  void podsBelowThePartition_areNeverVisited() {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(3), 2, IntOrString.of(1))));
    c.update(withImage(c.set(), "foo"));
    assertThat(deleted(c.sync())).containsExactly("foo-2");
    c.finishTerminations();
    c.sync();
    c.allReady();
    // foo-0 is not Ready: below the partition it is neither deleted nor waited for.
    c.running("foo-0");

    ReconcilePlan plan = plan(c, ReconcilerOptions.V1_34);

    assertThat(deleted(plan)).isEmpty();
    assertThat(plan.stopReason()).isEmpty();
    assertThat(c.pod("foo-0").revision()).isEqualTo(c.set().status().currentRevision());
  }

  // --- R-UPDATE-7: recreation ---

  @Test
  @Tag("R-UPDATE-7")
  void orderedReady_recreatesOnePodAtATimeDespiteTheBudget() {
    FakeCluster c = converged(withRollingUpdate(newStatefulSet(5), 0, IntOrString.of(3)));
    c.update(withImage(c.set(), "foo"));
    String update = c.sync().status().updateRevision();
    assertThat(c.pods().stream().filter(p -> p.deletionTimestamp() != null))
        .extracting(p -> p.name())
        .containsExactlyInAnyOrder("foo-2", "foo-3", "foo-4");
    c.finishTerminations();

    ReconcilePlan first = c.sync();
    assertThat(created(first)).containsExactly("foo-2");
    assertThat(createdRevision(first, "foo-2")).isEqualTo(update);
    assertThat(rule(first)).isEqualTo("R-ORDER-2");

    ReconcilePlan waiting = c.sync();
    assertThat(created(waiting)).isEmpty();
    assertThat(rule(waiting)).isEqualTo("R-ORDER-5");

    c.ready("foo-2");
    assertThat(created(c.sync())).containsExactly("foo-3");
  }

  @Test
  @Tag("R-UPDATE-7")
  void parallel_recreatesTheDeletedPodsTogether() {
    FakeCluster c = converged(burst(withRollingUpdate(newStatefulSet(5), 0, IntOrString.of(3))));
    c.update(withImage(c.set(), "foo"));
    c.sync();
    c.finishTerminations();

    ReconcilePlan plan = c.sync();

    assertThat(created(plan)).containsExactly("foo-2", "foo-3", "foo-4");
    assertThat(deleted(plan)).isEmpty();
  }

  @Test
  @Tag("R-UPDATE-7")
  void orderedReadyImageUpdate_goesHighestFirstOneAtATime() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(c.set(), "foo"));

    List<List<String>> deletions = new ArrayList<>();
    for (int i = 0; i < 50 && (i == 0 || !rolledOut(c)); i++) {
      List<String> d = deleted(c.sync(), DeleteReason.UPDATE);
      if (!d.isEmpty()) {
        deletions.add(d);
      }
      c.pods().forEach(p -> c.advance(p.name()));
    }

    assertThat(deletions).containsExactly(List.of("foo-2"), List.of("foo-1"), List.of("foo-0"));
    assertThat(c.set().status().currentRevision()).isEqualTo(c.set().status().updateRevision());
    assertThat(c.set().status().currentReplicas()).isEqualTo(3);
  }

  // --- R-SYNC-2: scaling takes precedence over updates ---

  @Test
  @Tag("R-SYNC-2")
  void scaleUp_comesBeforeTheUpdate() {
    FakeCluster c = converged(newStatefulSet(3));
    c.update(withImage(withReplicas(c.set(), 5), "foo"));

    ReconcilePlan plan = c.sync();

    assertThat(created(plan)).containsExactly("foo-3");
    // Without a rollingUpdate block, ordinal 3 is past status.currentReplicas (R-UPDATE-1).
    assertThat(createdRevision(plan, "foo-3")).isEqualTo(plan.status().updateRevision());
    assertThat(deleted(plan)).isEmpty();
  }

  @Test
  @Tag("R-SYNC-2")
  void scaleDown_comesBeforeTheUpdate() {
    FakeCluster c = converged(newStatefulSet(5));
    c.update(withImage(withReplicas(c.set(), 3), "foo"));

    ReconcilePlan plan = c.sync();

    assertThat(deleted(plan, DeleteReason.SCALE_DOWN)).containsExactly("foo-4");
    assertThat(deleted(plan, DeleteReason.UPDATE)).isEmpty();
  }

  @Test
  @Tag("R-SYNC-2")
  void imageUpdateAndScaleDown_endsWithEveryPodUpdated() {
    FakeCluster c = converged(newStatefulSet(5));
    c.update(withImage(withReplicas(c.set(), 3), "foo"));

    c.converge(200);

    String update = c.set().status().updateRevision();
    assertThat(revisions(c)).containsExactly(update, update, update);
  }

  // ---------------------------------------------------------------------------------------------

  /** Makes a pod Pending at the revision the next sync updates to, as if just recreated. */
  private static void upToDateButPending(FakeCluster c, String name) {
    String update = plan(c).status().updateRevision();
    ObservedPod pod = c.pod(name);
    Map<String, String> labels = new HashMap<>(pod.labels());
    labels.put(ObservedPod.REVISION_LABEL, update);
    c.put(
        pod
            .withLabels(labels)
            .withPhase(PodPhase.PENDING)
            .withReady(false));
  }

  private static boolean rolledOut(FakeCluster c) {
    return c.set().status().currentRevision().equals(c.set().status().updateRevision())
        && c.pods().stream().allMatch(p -> p.revision().equals(c.set().status().updateRevision()));
  }

  private static int terminatingCount(String terminating) {
    return terminating.isBlank() ? 0 : Arrays.asList(terminating.split(" ")).size();
  }

  private static @Nullable String rule(ReconcilePlan plan) {
    return plan.stopReason().map(StopReason::rule).orElse(null);
  }
}
