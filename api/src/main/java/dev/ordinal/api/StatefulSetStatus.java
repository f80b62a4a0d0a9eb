package dev.ordinal.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code status} of a StatefulSet, every upstream field.
 *
 * @param observedGeneration the generation the controller last acted on
 * @param replicas pods created (terminating included)
 * @param readyReplicas pods Running and Ready (terminating included)
 * @param currentReplicas live pods at {@code currentRevision}
 * @param updatedReplicas live pods at {@code updateRevision}
 * @param availableReplicas Ready pods that have been Ready for {@code minReadySeconds}
 * @param currentRevision the revision of the pods below the update front
 * @param updateRevision the revision pods are being updated to
 * @param collisionCount how many revision name collisions were resolved; null before the first sync
 * @param conditions conditions; the controller never writes any
 * @since 0.1.0
 */
public record StatefulSetStatus(
    long observedGeneration,
    int replicas,
    int readyReplicas,
    int currentReplicas,
    int updatedReplicas,
    int availableReplicas,
    String currentRevision,
    String updateRevision,
    @Nullable Integer collisionCount,
    List<StatefulSetCondition> conditions) {

  /** The status of a StatefulSet nobody has reconciled yet. */
  public static final StatefulSetStatus EMPTY =
      new StatefulSetStatus(0, 0, 0, 0, 0, 0, "", "", null, List.of());

  public StatefulSetStatus {
    conditions = List.copyOf(conditions);
  }

  /** Returns {@code collisionCount}, or 0 when unset. */
  public int effectiveCollisionCount() {
    return collisionCount == null ? 0 : collisionCount;
  }
}
