package dev.ordinal.sim;

import dev.ordinal.api.StatefulSet;
import java.util.List;

/**
 * A StatefulSet of the simulated cluster as a client reads it: the api value (defaulted, with uid,
 * generation and status) and the metadata the api value does not carry.
 *
 * @param set the StatefulSet
 * @param resourceVersion {@code metadata.resourceVersion}
 * @param finalizers {@code metadata.finalizers}, for example {@code foregroundDeletion} while a
 *     foreground delete waits for the pods
 * @since 0.1.0
 */
public record SimStatefulSet(StatefulSet set, String resourceVersion, List<String> finalizers) {

  /** Returns {@code metadata.name}. */
  public String name() {
    return set.name();
  }

  /** Returns {@code metadata.namespace}. */
  public String namespace() {
    return set.namespace();
  }

  /** Returns the READY column of {@code kubectl get statefulset}, for example {@code 2/2}. */
  public String readyColumn() {
    return set.status().readyReplicas() + "/" + set.spec().effectiveReplicas();
  }
}
