package dev.ordinal.api.port;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an embedding operator implements so that the controller loop can read its cluster and
 * apply actions. It is the only way I/O and time enter: the planner itself is pure.
 *
 * <p>Reads may come from a cache (as upstream's listers do); writes go to the API server. An
 * implementation returns failures as {@link Outcome}s and never throws for API errors.
 *
 * @since 0.1.0
 */
public interface ClusterPort {

  /** Returns the time now, by the cluster's clock. */
  Instant now();

  /** Returns the StatefulSet, or null if it does not exist. */
  @Nullable StatefulSet statefulSet(String namespace, String name);

  /** Returns the pods of a namespace. */
  List<ObservedPod> pods(String namespace);

  /** Returns the PersistentVolumeClaims of a namespace. */
  List<ObservedClaim> claims(String namespace);

  /** Returns the ControllerRevisions of a namespace. */
  List<ControllerRevision> revisions(String namespace);

  /**
   * Applies one action on behalf of a set.
   *
   * @param set the set the action is for
   * @param action the action
   * @return what happened
   */
  Outcome apply(StatefulSet set, Action action);
}
