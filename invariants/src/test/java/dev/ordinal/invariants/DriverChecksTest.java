package dev.ordinal.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ImmutableObservedPod;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The checks core's upstream-style drivers use besides upstream's own: the written status, the
 * revision order across template changes and graceful deletion, and the rule helpers they share.
 * Built from api values only, as this module is.
 */
class DriverChecksTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String R1 = "web-r1";
  private static final String R2 = "web-r2";

  private static StatefulSet web(int replicas, UpdateStrategy strategy, StatefulSetStatus status) {
    return StatefulSet.builder()
        .name("web")
        .namespace("default")
        .uid("uid-web")
        .spec(
            StatefulSetSpec.builder()
                .replicas(replicas)
                .selector(LabelSelector.of(Map.of("app", "web")))
                .template(PodTemplate.of(Map.of("app", "web"), "app", "nginx:1.0"))
                .updateStrategy(strategy)
                .build())
        .status(status)
        .build();
  }

  private static StatefulSetStatus status(int replicas, int current, int updated) {
    return status(1, replicas, replicas, current, updated, replicas, R1, R2, 0);
  }

  private static ImmutableObservedPod pod(StatefulSet set, int ordinal, String revision) {
    String name = PodNames.podName(set.name(), ordinal);
    return ImmutableObservedPod.builder()
        .name(name)
        .uid("uid-" + name)
        .labels(
            Map.of(
                "app",
                "web",
                ObservedPod.POD_NAME_LABEL,
                name,
                ObservedPod.REVISION_LABEL,
                revision))
        .ownerReferences(
            List.of(
                OwnerReference.controllerRef(
                    OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid())))
        .phase(PodPhase.RUNNING)
        .ready(true)
        .readyTransitionTime(NOW.minusSeconds(60))
        .build();
  }

  private static Observation observe(StatefulSet set, ObservedPod... pods) {
    return Observation.builder().set(set).pods(List.of(pods)).now(NOW).build();
  }

  private static ReconcilePlan plan(StatefulSetStatus status, Action... actions) {
    return new ReconcilePlan(List.of(actions), status, null, null, null, List.of(), List.of());
  }

  private static StatefulSet rolling(int replicas, int current, int updated) {
    return web(
        replicas, UpdateStrategy.rollingUpdateWithoutBlock(), status(replicas, current, updated));
  }

  private static List<String> messages(List<InvariantViolation> violations) {
    List<String> out = new ArrayList<>();
    for (InvariantViolation v : violations) {
      out.add(v.invariant() + ": " + v.message());
    }
    return out;
  }

  // writtenStatusValid and statusValid

  @Test
  void writtenStatusValid_acceptsAPlanThatWritesNothingOrItsOwnValidStatus() {
    StatefulSet set = rolling(2, 2, 0);
    Observation obs = observe(set, pod(set, 0, R1), pod(set, 1, R1));
    StatefulSetStatus next = status(2, 1, 1);
    assertThat(StatefulSetInvariants.writtenStatusValid(obs, plan(next))).isEmpty();
    assertThat(
            StatefulSetInvariants.writtenStatusValid(obs, plan(next, new Action.WriteStatus(next))))
        .isEmpty();
  }

  @Test
  void writtenStatusValid_reportsTwoWritesAndAWriteThatIsNotThePlansStatus() {
    StatefulSet set = rolling(2, 2, 0);
    Observation obs = observe(set, pod(set, 0, R1), pod(set, 1, R1));
    StatefulSetStatus next = status(2, 1, 1);
    StatefulSetStatus other = status(2, 2, 0);
    assertThat(
            messages(
                StatefulSetInvariants.writtenStatusValid(
                    obs, plan(next, new Action.WriteStatus(next), new Action.WriteStatus(next)))))
        .containsExactly("writtenStatusValid: 2 status writes in one plan");
    ReconcilePlan wrong = plan(next, new Action.WriteStatus(other));
    assertThat(StatefulSetInvariants.writtenStatusValid(obs, wrong))
        .extracting(InvariantViolation::message)
        .singleElement()
        .asString()
        .startsWith("writes StatefulSetStatus");
  }

  @Test
  void writtenStatusValid_undoesTheDecrementOfAnUncountedPodThatStatusValidReports() {
    // web-0 carries no revision the status counts; upstream's rolling update deletes it and still
    // decrements currentReplicas from 0.
    StatefulSet set = rolling(1, 0, 0);
    Observation obs = observe(set, pod(set, 0, "web-r0"));
    StatefulSetStatus negative = status(1, 1, 1, -1, 0, 1, R1, R2, 0);
    ReconcilePlan plan =
        plan(
            negative,
            new Action.DeletePod("web-0", "uid-web-0", DeleteReason.UPDATE),
            new Action.WriteStatus(negative));
    assertThat(messages(StatefulSetInvariants.statusValid(obs, plan)))
        .containsExactly(
            "statusValid: status.currentReplicas: Invalid value: -1: must be greater than or equal"
                + " to 0");
    assertThat(StatefulSetInvariants.writtenStatusValid(obs, plan)).isEmpty();
  }

  @Test
  void writtenStatusValid_reportsANegativeCountNoDeletionExplains() {
    StatefulSet set = rolling(1, 0, 0);
    Observation obs = observe(set, pod(set, 0, R1));
    StatefulSetStatus negative = status(1, 1, 1, -1, 0, 1, R1, R2, 0);
    assertThat(
            messages(
                StatefulSetInvariants.writtenStatusValid(
                    obs, plan(negative, new Action.WriteStatus(negative)))))
        .containsExactly(
            "writtenStatusValid: status.currentReplicas: Invalid value: -1: must be greater than or"
                + " equal to 0");
  }

  @Test
  void statusValid_reportsAvailableAboveReadyAndADecrementedCollisionCount() {
    StatefulSet set =
        web(
            2,
            UpdateStrategy.rollingUpdateWithoutBlock(),
            status(1, 2, 2, 2, 0, 2, R1, R1, 3));
    Observation obs = observe(set);
    StatefulSetStatus bad = status(1, 2, 1, 2, 0, 2, R1, R1, 2);
    assertThat(StatefulSetInvariants.statusValid(obs, plan(bad)))
        .extracting(InvariantViolation::message)
        .containsExactly(
            "status.availableReplicas: Invalid value: 2: cannot be greater than"
                + " status.readyReplicas",
            "status.collisionCount: Invalid value: 2: cannot be decremented");
  }

  // updateOverTwoRevisions

  @Test
  void updateOverTwoRevisions_agreesWithUpdateWhileEveryPodIsAtOneOfTheTwoRevisions() {
    StatefulSet set = rolling(3, 2, 1);
    Observation ok = observe(set, pod(set, 0, R1), pod(set, 1, R1), pod(set, 2, R2));
    assertThat(StatefulSetInvariants.update(ok)).isEmpty();
    assertThat(StatefulSetInvariants.updateOverTwoRevisions(ok, false)).isEmpty();
    Observation swapped = observe(set, pod(set, 0, R2), pod(set, 1, R1), pod(set, 2, R1));
    assertThat(StatefulSetInvariants.update(swapped)).hasSize(2);
    assertThat(messages(StatefulSetInvariants.updateOverTwoRevisions(swapped, false)))
        .containsExactly(
            "updateOverTwoRevisions: pod web-0 want current revision web-r1 got web-r2",
            "updateOverTwoRevisions: pod web-2 want update revision web-r2 got web-r1");
  }

  @Test
  void updateOverTwoRevisions_skipsTheOrderWhenAPodIsAtAThirdRevision() {
    StatefulSet set = rolling(3, 2, 1);
    Observation third = observe(set, pod(set, 0, R1), pod(set, 1, "web-r3"), pod(set, 2, R2));
    assertThat(StatefulSetInvariants.update(third)).hasSize(1);
    assertThat(StatefulSetInvariants.updateOverTwoRevisions(third, false)).isEmpty();
  }

  @Test
  void updateOverTwoRevisions_liveOnlyLeavesATerminatingPodOutOfTheOrder() {
    // Scaled down to 2 in mid-rollout: web-2 terminates at the old revision, and counts nowhere.
    StatefulSet set = rolling(2, 0, 2);
    Observation obs =
        observe(set, pod(set, 0, R2), pod(set, 1, R2), pod(set, 2, R1).withDeletionTimestamp(NOW));
    assertThat(messages(StatefulSetInvariants.updateOverTwoRevisions(obs, false)))
        .containsExactly(
            "updateOverTwoRevisions: pod web-2 want update revision web-r2 got web-r1");
    assertThat(StatefulSetInvariants.updateOverTwoRevisions(obs, true)).isEmpty();
  }

  @Test
  void updateOverTwoRevisions_checksNoOrderForOnDelete() {
    StatefulSet set = web(2, UpdateStrategy.ON_DELETE, status(2, 2, 0));
    Observation obs = observe(set, pod(set, 0, R2), pod(set, 1, R2));
    assertThat(StatefulSetInvariants.updateOverTwoRevisions(obs, false)).isEmpty();
  }

  // Shared rule helpers

  @Test
  void maxUnavailable_isOneUnsetAndRoundsPercentagesDownToAtLeastOne() {
    assertThat(StatefulSetInvariants.maxUnavailable(withMaxUnavailable(5, null))).isEqualTo(1);
    assertThat(StatefulSetInvariants.maxUnavailable(withMaxUnavailable(5, IntOrString.of(3))))
        .isEqualTo(3);
    assertThat(StatefulSetInvariants.maxUnavailable(withMaxUnavailable(5, IntOrString.of("50%"))))
        .isEqualTo(2);
    assertThat(StatefulSetInvariants.maxUnavailable(withMaxUnavailable(5, IntOrString.of("10%"))))
        .isEqualTo(1);
  }

  private static StatefulSet withMaxUnavailable(int replicas, @Nullable IntOrString value) {
    UpdateStrategy strategy =
        value == null
            ? UpdateStrategy.rollingUpdateWithoutBlock()
            : UpdateStrategy.rollingUpdateWith(new RollingUpdate(0, value));
    return web(replicas, strategy, status(replicas, replicas, 0));
  }

  @Test
  void selectedPods_listsTheSelectedPodsOfTheNamespaceByOrdinal() {
    StatefulSet set = rolling(3, 3, 0);
    ObservedPod foreign = pod(set, 1, R1).withNamespace("other");
    ObservedPod unselected =
        pod(set, 3, R1).withLabels(Map.of("app", "db", ObservedPod.POD_NAME_LABEL, "web-3"));
    Observation obs =
        observe(set, pod(set, 2, R1), foreign, unselected, pod(set, 0, R1), pod(set, 1, R1));
    assertThat(StatefulSetInvariants.selectedPods(obs))
        .extracting(ObservedPod::name)
        .containsExactly("web-0", "web-1", "web-2");
  }

  @Test
  void assertNone_throwsListingEveryViolation() {
    StatefulSetInvariants.assertNone(List.of());
    List<InvariantViolation> two =
        List.of(new InvariantViolation("a", "one"), new InvariantViolation("b", "two"));
    assertThatThrownBy(() -> StatefulSetInvariants.assertNone(two))
        .isInstanceOf(AssertionError.class)
        .hasMessage("2 invariant violation(s):\n  a: one\n  b: two");
  }

  @Test
  void observationText_describesTheSetAndEachPod() {
    StatefulSet set = rolling(1, 1, 0);
    String text = ObservationText.describe(observe(set, pod(set, 0, R1)));
    assertThat(text)
        .startsWith("sts ")
        .contains(" replicas=1 ")
        .contains("  pod web-0 uid=uid-web-0 Running ready rev=web-r1 owner=web\n");
  }

  private static StatefulSetStatus status(
      long generation, int replicas, int ready, int current, int updated, int available,
      String currentRevision, String updateRevision, int collisionCount) {
    return StatefulSetStatus.builder()
        .observedGeneration(generation)
        .replicas(replicas)
        .readyReplicas(ready)
        .currentReplicas(current)
        .updatedReplicas(updated)
        .availableReplicas(available)
        .currentRevision(currentRevision)
        .updateRevision(updateRevision)
        .collisionCount(collisionCount)
        .build();
  }
}
