package dev.ordinal.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.core.rollout.RolloutStatus.Result;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RolloutStatusTest {

  private static final PodTemplate TEMPLATE = PodTemplate.of(Map.of("a", "b"), "test", "image");

  // --- R-ROLLOUT-1: only RollingUpdate ---

  @Test
  @Tag("R-ROLLOUT-1")
  void onDelete_isAnErrorThatEndsTheWait() {
    Result result = RolloutStatus.status(set(UpdateStrategy.ON_DELETE, 3, 1, status(1, 3, 3)));

    assertThat(result)
        .isEqualTo(
            new Result(
                "rollout status is only available for RollingUpdate strategy type", true, true));
  }

  @Test
  @Tag("R-ROLLOUT-1")
  void strategy_isCheckedBeforeAnythingElse() {
    Result result =
        RolloutStatus.status(set(UpdateStrategy.ON_DELETE, 3, 5, StatefulSetStatus.EMPTY));

    assertThat(result.error()).isTrue();
    assertThat(result.message()).isEqualTo(RolloutStatus.ONLY_ROLLING_UPDATE);
  }

  // --- R-ROLLOUT-2: spec observed ---

  @Test
  @Tag("R-ROLLOUT-2")
  void neverObserved_isWaiting() {
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, StatefulSetStatus.EMPTY));

    assertThat(result)
        .isEqualTo(
            new Result("Waiting for statefulset spec update to be observed...\n", false, false));
  }

  @Test
  @Tag("R-ROLLOUT-2")
  void generationAheadOfObserved_isWaiting() {
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 2, status(1, 3, 3)));

    assertThat(result.message())
        .isEqualTo("Waiting for statefulset spec update to be observed...\n");
    assertThat(result.done()).isFalse();
  }

  @Test
  @Tag("R-ROLLOUT-2")
  void observedAheadOfGeneration_countsAsObserved() {
    // upstream TestStatefulSetStatusViewerStatus uses generation 1 with observedGeneration 2
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, status(2, 3, 3, "foo", "foo")));

    assertThat(result.done()).isTrue();
  }

  // --- R-ROLLOUT-3: readiness ---

  @Test
  @Tag("R-ROLLOUT-3")
  void missingReadyPods_keepTheRolloutWaiting() {
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, status(2, 2, 0)));

    assertThat(result).isEqualTo(new Result("Waiting for 1 pods to be ready...\n", false, false));
  }

  @Test
  @Tag("R-ROLLOUT-3")
  void readiness_isCheckedBeforeThePartition() {
    // partition 3 of 3 would be complete at once, but pods are not ready
    Result result = RolloutStatus.status(set(UpdateStrategy.partitioned(3), 3, 1, status(1, 0, 0)));

    assertThat(result.message()).isEqualTo("Waiting for 3 pods to be ready...\n");
    assertThat(result.done()).isFalse();
  }

  @Test
  @Tag("R-ROLLOUT-3")
  void unsetReplicas_isTheDefaultOne() {
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), null, 1, status(1, 0, 0)));

    assertThat(result.message()).isEqualTo("Waiting for 1 pods to be ready...\n");
  }

  @Test
  @Tag("R-ROLLOUT-3")
  void zeroReplicas_isReadyAtOnce() {
    Result result = RolloutStatus.status(set(UpdateStrategy.partitioned(0), 0, 1, status(1, 0, 0)));

    assertThat(result)
        .isEqualTo(
            new Result(
                "partitioned roll out complete: 0 new pods have been updated...\n", true, false));
  }

  // --- R-ROLLOUT-4: rollingUpdate block present ---

  @Test
  @Tag("R-ROLLOUT-4")
  void partitionedRollout_isInProgress() {
    Result result = RolloutStatus.status(set(UpdateStrategy.partitioned(2), 3, 1, status(2, 3, 0)));

    assertThat(result)
        .isEqualTo(
            new Result(
                "Waiting for partitioned roll out to finish: 0 out of 1 new pods have been"
                    + " updated...\n",
                false,
                false));
  }

  @Test
  @Tag("R-ROLLOUT-4")
  void partitionedRollout_isComplete() {
    Result result = RolloutStatus.status(set(UpdateStrategy.partitioned(2), 3, 1, status(2, 3, 1)));

    assertThat(result)
        .isEqualTo(
            new Result(
                "partitioned roll out complete: 1 new pods have been updated...\n", true, false));
  }

  @Test
  @Tag("R-ROLLOUT-4")
  void emptyBlock_meansPartitionZero() {
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWith(RollingUpdate.EMPTY), 3, 1, status(1, 3, 2)));

    assertThat(result.message())
        .isEqualTo(
            "Waiting for partitioned roll out to finish: 2 out of 3 new pods have been"
                + " updated...\n");
  }

  @Test
  @Tag("R-ROLLOUT-4")
  void unsetStrategy_isDefaultedToAnEmptyBlock() {
    // R-DEF-2: the apiserver turns an unset strategy into RollingUpdate + rollingUpdate: {}
    Result result =
        RolloutStatus.status(set(UpdateStrategy.UNSET, 3, 1, status(1, 3, 3, "web-1", "web-2")));

    assertThat(result)
        .isEqualTo(
            new Result(
                "partitioned roll out complete: 3 new pods have been updated...\n", true, false));
  }

  @Test
  @Tag("R-ROLLOUT-4")
  void partitionedBranch_ignoresRevisions() {
    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.partitioned(0), 3, 1, status(1, 3, 3, "web-old", "web-new")));

    assertThat(result.done()).isTrue();
    assertThat(result.message()).doesNotContain("revision");
  }

  // --- R-ROLLOUT-5: no rollingUpdate block ---

  @Test
  @Tag("R-ROLLOUT-5")
  void currentRevisionBehind_keepsTheRolloutWaiting() {
    Result result =
        RolloutStatus.status(
            set(
                UpdateStrategy.rollingUpdateWithoutBlock(),
                3,
                1,
                status(1, 3, 3, "web-6c8f7d9b4", "web-7d5b9c6f8")));

    assertThat(result)
        .isEqualTo(
            new Result(
                "waiting for statefulset rolling update to complete 3 pods at revision"
                    + " web-7d5b9c6f8...\n",
                false,
                false));
  }

  @Test
  @Tag("R-ROLLOUT-5")
  void completeRollout_reportsCurrentReplicasAndRevision() {
    StatefulSetStatus status = StatefulSetStatus.builder()
        .observedGeneration(2)
        .replicas(3)
        .readyReplicas(3)
        .currentReplicas(3)
        .updatedReplicas(3)
        .availableReplicas(3)
        .currentRevision("foo")
        .updateRevision("foo")
        .collisionCount(0)
        .build();

    Result result =
        RolloutStatus.status(set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, status));

    assertThat(result)
        .isEqualTo(
            new Result(
                "statefulset rolling update complete 3 pods at revision foo...\n", true, false));
  }

  // --- R-ROLLOUT-6: what the viewer ignores ---

  @Test
  @Tag("R-ROLLOUT-6")
  void partitionAboveReplicas_isCompleteAtOnce() {
    Result result = RolloutStatus.status(set(UpdateStrategy.partitioned(5), 3, 1, status(1, 3, 0)));

    assertThat(result)
        .isEqualTo(
            new Result(
                "partitioned roll out complete: 0 new pods have been updated...\n", true, false));
  }

  @Test
  @Tag("R-ROLLOUT-6")
  void availability_isIgnored() {
    StatefulSetStatus readyButUnavailable =
        StatefulSetStatus.builder()
            .observedGeneration(1)
            .replicas(3)
            .readyReplicas(3)
            .currentReplicas(3)
            .updatedReplicas(3)
            .currentRevision("web-1")
            .updateRevision("web-1")
            .collisionCount(0)
            .build();

    Result result =
        RolloutStatus.status(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, readyButUnavailable));

    assertThat(result.done()).isTrue();
    assertThat(result.error()).isFalse();
  }

  @Test
  @Tag("R-ROLLOUT-1")
  @Tag("R-ROLLOUT-2")
  @Tag("R-ROLLOUT-3")
  @Tag("R-ROLLOUT-4")
  @Tag("R-ROLLOUT-5")
  void statusMessages_endWithNewline_errorTextDoesNot() {
    List<StatefulSet> sets =
        List.of(
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 2, status(1, 3, 3)),
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, status(1, 1, 1)),
            set(UpdateStrategy.partitioned(1), 3, 1, status(1, 3, 0)),
            set(UpdateStrategy.partitioned(1), 3, 1, status(1, 3, 2)),
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, status(1, 3, 3, "a", "b")),
            set(UpdateStrategy.rollingUpdateWithoutBlock(), 3, 1, status(1, 3, 3, "a", "a")));
    for (StatefulSet set : sets) {
      assertThat(RolloutStatus.status(set).message()).endsWith("...\n");
    }
    assertThat(RolloutStatus.status(set(UpdateStrategy.ON_DELETE, 3, 1, status(1, 3, 3))).message())
        .doesNotEndWith("\n");
  }

  @Test
  void null_isRejected() {
    assertThatNullPointerException().isThrownBy(() -> new Result(nullString(), true, false));
    assertThatNullPointerException().isThrownBy(() -> RolloutStatus.status(nullSet()));
  }

  private static StatefulSet set(
      UpdateStrategy strategy,
      @Nullable Integer replicas,
      long generation,
      StatefulSetStatus status) {
    return StatefulSet.builder()
        .name("foo")
        .namespace("default")
        .generation(generation)
        .spec(
            StatefulSetSpec.builder()
                .replicas(replicas)
                .template(TEMPLATE)
                .updateStrategy(strategy)
                .build())
        .status(status)
        .build();
  }

  private static StatefulSetStatus status(long observedGeneration, int ready, int updated) {
    return status(observedGeneration, ready, updated, "", "");
  }

  private static StatefulSetStatus status(
      long observedGeneration, int ready, int updated, String current, String update) {
    return StatefulSetStatus.builder()
        .observedGeneration(observedGeneration)
        .replicas(3)
        .readyReplicas(ready)
        .currentReplicas(3 - updated)
        .updatedReplicas(updated)
        .availableReplicas(ready)
        .currentRevision(current)
        .updateRevision(update)
        .collisionCount(0)
        .build();
  }

  /** Returns null typed as a String, to pass where the signature forbids it. */
  private static String nullString() {
    return null;
  }

  /** Returns null typed as a StatefulSet, to pass where the signature forbids it. */
  private static StatefulSet nullSet() {
    return null;
  }
}
