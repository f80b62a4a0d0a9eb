package dev.ordinal.core.validation;

import static dev.ordinal.core.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.StatefulSetStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class StatusValidationTest {

  private static StatefulSetStatus status(
      int replicas,
      int ready,
      int current,
      int updated,
      int available,
      @Nullable Integer collisions) {
    return StatefulSetStatus.builder()
        .observedGeneration(1)
        .replicas(replicas)
        .readyReplicas(ready)
        .currentReplicas(current)
        .updatedReplicas(updated)
        .availableReplicas(available)
        .currentRevision("web-1")
        .updateRevision("web-1")
        .collisionCount(collisions)
        .build();
  }

  @Test
  @Tag("R-STATUS-11")
  void consistentStatus_isValid() {
    assertThat(SpecValidator.validateStatus(status(3, 3, 2, 1, 2, 0), null)).isEmpty();
    assertThat(SpecValidator.validateStatus(StatefulSetStatus.EMPTY, null)).isEmpty();
  }

  @Test
  @Tag("R-STATUS-11")
  void counters_mustNotBeNegative() {
    StatefulSetStatus negative =
        StatefulSetStatus.builder()
            .observedGeneration(-1)
            .replicas(-1)
            .readyReplicas(-1)
            .currentReplicas(-1)
            .updatedReplicas(-1)
            .availableReplicas(-1)
            .collisionCount(-1)
            .build();
    assertThat(messages(SpecValidator.validateStatus(negative, null)))
        .containsExactly(
            "status.replicas: Invalid value: -1: must be greater than or equal to 0",
            "status.readyReplicas: Invalid value: -1: must be greater than or equal to 0",
            "status.currentReplicas: Invalid value: -1: must be greater than or equal to 0",
            "status.updatedReplicas: Invalid value: -1: must be greater than or equal to 0",
            "status.availableReplicas: Invalid value: -1: must be greater than or equal to 0",
            "status.observedGeneration: Invalid value: -1: must be greater than or equal to 0",
            "status.collisionCount: Invalid value: -1: must be greater than or equal to 0");
  }

  @Test
  @Tag("R-STATUS-11")
  void counters_mustNotExceedReplicas() {
    assertThat(messages(SpecValidator.validateStatus(status(2, 3, 3, 3, 3, null), null)))
        .containsExactly(
            "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas",
            "status.currentReplicas: Invalid value: 3: cannot be greater than status.replicas",
            "status.updatedReplicas: Invalid value: 3: cannot be greater than status.replicas",
            "status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas");
  }

  @Test
  @Tag("R-STATUS-11")
  void available_mustNotExceedReady() {
    assertThat(messages(SpecValidator.validateStatus(status(3, 2, 3, 3, 3, null), null)))
        .containsExactly(
            "status.availableReplicas: Invalid value: 3: cannot be greater than"
                + " status.readyReplicas");
  }

  @Test
  @Tag("R-STATUS-11")
  void collisionCount_cannotBeDecremented() {
    StatefulSetStatus previous = status(3, 3, 3, 3, 3, 2);
    assertThat(messages(SpecValidator.validateStatus(status(3, 3, 3, 3, 3, 1), previous)))
        .containsExactly("status.collisionCount: Invalid value: 1: cannot be decremented");
    assertThat(messages(SpecValidator.validateStatus(status(3, 3, 3, 3, 3, null), previous)))
        .containsExactly("status.collisionCount: Invalid value: 0: cannot be decremented");
    assertThat(SpecValidator.validateStatus(status(3, 3, 3, 3, 3, 3), previous)).isEmpty();
    assertThat(SpecValidator.validateStatus(status(3, 3, 3, 3, 3, 0), status(3, 3, 3, 3, 3, null)))
        .isEmpty();
  }
}
