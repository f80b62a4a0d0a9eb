package dev.ordinal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * A ControllerRevision ({@code apps/v1}) of a StatefulSet: a numbered snapshot of the pod template.
 *
 * <p>{@link #data()} is the raw JSON exactly as stored (it decides equality and the hash), and
 * {@link #template()} is the same template decoded, from which pods at this revision are built.
 * An adapter that reads revisions from a real cluster decodes {@code data.spec.template} into the
 * template; revisions the planner creates carry both.
 *
 * @since 0.1.0
 */
@Value.Immutable
public abstract class ControllerRevision implements WithControllerRevision {

  /** The label holding the revision's hash (R-REV-3). */
  public static final String HASH_LABEL = "controller.kubernetes.io/hash";

  /** Returns a new builder. */
  public static ImmutableControllerRevision.Builder builder() {
    return ImmutableControllerRevision.builder();
  }

  /** {@code metadata.name}: {@code <set>-<hash>}. */
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

  /** {@code metadata.annotations}. */
  public abstract Map<String, String> annotations();

  /** {@code metadata.ownerReferences}. */
  public abstract List<OwnerReference> ownerReferences();

  /** {@code metadata.creationTimestamp}. */
  public abstract @Nullable Instant creationTimestamp();

  /** {@code revision}: the revision number, higher is newer. */
  public abstract long revision();

  /** {@code data}, raw, as stored. */
  public abstract String data();

  /** The pod template {@link #data()} records. */
  public abstract PodTemplate template();

  /** The owner reference with {@code controller: true}, if any. */
  @Value.Derived
  public @Nullable OwnerReference controllerRef() {
    for (OwnerReference ref : ownerReferences()) {
      if (ref.controller()) {
        return ref;
      }
    }
    return null;
  }
}
