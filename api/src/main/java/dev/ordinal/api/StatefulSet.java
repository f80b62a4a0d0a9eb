package dev.ordinal.api;

import java.time.Instant;
import java.util.Map;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * A StatefulSet object: the metadata the controller reads, the {@link StatefulSetSpec spec} and
 * the {@link StatefulSetStatus status}.
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class StatefulSet implements WithStatefulSet {

  /** Returns a new builder. */
  public static ImmutableStatefulSet.Builder builder() {
    return ImmutableStatefulSet.builder();
  }

  /** {@code metadata.name}. */
  public abstract String name();

  /**
   * {@code metadata.namespace}: required, as the namespace of every pod, claim and revision the set
   * owns comes from it (a builder without one throws {@code IllegalStateException}; a manifest
   * reader puts an object without one in kubectl's {@code default}).
   */
  public abstract String namespace();

  /**
   * {@code metadata.uid}; owner references to the set carry it. The planner rejects an empty uid,
   * the default, which only a set not yet created has.
   */
  @Value.Default
  public String uid() {
    return "";
  }

  /** {@code metadata.generation}: bumped by the apiserver on every spec change. */
  @Value.Default
  public long generation() {
    return 1;
  }

  /** {@code metadata.labels}. */
  public abstract Map<String, String> labels();

  /** {@code metadata.annotations}; copied onto new ControllerRevisions (R-REV-3). */
  public abstract Map<String, String> annotations();

  /** {@code metadata.creationTimestamp}. */
  public abstract @Nullable Instant creationTimestamp();

  /** {@code metadata.deletionTimestamp}: set while the set is being deleted. */
  public abstract @Nullable Instant deletionTimestamp();

  /** {@code spec}. */
  public abstract StatefulSetSpec spec();

  /** {@code status}. */
  @Value.Default
  public StatefulSetStatus status() {
    return StatefulSetStatus.EMPTY;
  }

  /** Returns true if {@link #deletionTimestamp()} is set. */
  public final boolean isBeingDeleted() {
    return deletionTimestamp() != null;
  }

  /** Returns {@code namespace/name}. */
  public final String key() {
    return namespace() + "/" + name();
  }
}
