package dev.ordinal.api;

import java.util.List;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * {@code status} of a StatefulSet, every upstream field. Build one with {@link #builder()} (unset
 * fields are what the apiserver stores for a set nobody has reconciled: zero, empty, no {@code
 * collisionCount}) and derive one from another with its {@code with*} methods.
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class StatefulSetStatus implements WithStatefulSetStatus {

  /** The status of a StatefulSet nobody has reconciled yet. */
  public static final StatefulSetStatus EMPTY = builder().build();

  /** Returns a new builder; every field starts as in {@link #EMPTY}. */
  public static ImmutableStatefulSetStatus.Builder builder() {
    return ImmutableStatefulSetStatus.builder();
  }

  /** {@code observedGeneration}: the generation the controller last acted on. */
  @Value.Default
  public long observedGeneration() {
    return 0;
  }

  /** {@code replicas}: pods created (terminating included). */
  @Value.Default
  public int replicas() {
    return 0;
  }

  /** {@code readyReplicas}: pods Running and Ready (terminating included). */
  @Value.Default
  public int readyReplicas() {
    return 0;
  }

  /** {@code currentReplicas}: live pods at {@code currentRevision}. */
  @Value.Default
  public int currentReplicas() {
    return 0;
  }

  /** {@code updatedReplicas}: live pods at {@code updateRevision}. */
  @Value.Default
  public int updatedReplicas() {
    return 0;
  }

  /** {@code availableReplicas}: Ready pods that have been Ready for {@code minReadySeconds}. */
  @Value.Default
  public int availableReplicas() {
    return 0;
  }

  /** {@code currentRevision}: the revision of the pods below the update front. */
  @Value.Default
  public String currentRevision() {
    return "";
  }

  /** {@code updateRevision}: the revision pods are being updated to. */
  @Value.Default
  public String updateRevision() {
    return "";
  }

  /** {@code collisionCount}: revision name collisions resolved; null before the first sync. */
  public abstract @Nullable Integer collisionCount();

  /** {@code conditions}; the controller never writes any. */
  public abstract List<StatefulSetCondition> conditions();

  /** Returns {@code collisionCount}, or 0 when unset. */
  public final int effectiveCollisionCount() {
    Integer c = collisionCount();
    return c == null ? 0 : c;
  }

  /**
   * Returns the status as {@code name=value} pairs, the counters first, as plans and the {@code
   * ordinal plan} command print it: {@code replicas=3 ready=3 current=3 ... collisionCount=0}.
   */
  public final String summary() {
    StringBuilder out =
        new StringBuilder()
            .append("replicas=")
            .append(replicas())
            .append(" ready=")
            .append(readyReplicas())
            .append(" current=")
            .append(currentReplicas())
            .append(" updated=")
            .append(updatedReplicas())
            .append(" available=")
            .append(availableReplicas())
            .append(" currentRevision=")
            .append(currentRevision())
            .append(" updateRevision=")
            .append(updateRevision())
            .append(" observedGeneration=")
            .append(observedGeneration());
    if (collisionCount() != null) {
      out.append(" collisionCount=").append(collisionCount());
    }
    return out.toString();
  }
}
