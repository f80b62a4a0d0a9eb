package dev.ordinal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * A PersistentVolumeClaim as observed in the cluster: what the StatefulSet controller reads of it.
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class ObservedClaim implements WithObservedClaim {

  /** Returns a new builder. */
  public static ImmutableObservedClaim.Builder builder() {
    return ImmutableObservedClaim.builder();
  }

  /** {@code metadata.name}. */
  public abstract String name();

  /** {@code metadata.namespace}. */
  @Value.Default
  public String namespace() {
    return "default";
  }

  /** {@code metadata.uid}. */
  @Value.Default
  public String uid() {
    return "";
  }

  /** {@code metadata.labels}. */
  public abstract Map<String, String> labels();

  /** {@code metadata.ownerReferences}. */
  public abstract List<OwnerReference> ownerReferences();

  /** {@code metadata.deletionTimestamp}. */
  public abstract @Nullable Instant deletionTimestamp();
}
