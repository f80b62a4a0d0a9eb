package dev.ordinal.invariants;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.plan.ReconcilePlan;
import org.jspecify.annotations.Nullable;

/**
 * One step of a cluster's life, as invariants see it: what a controller would observe before, the
 * plan of the sync if the step was one, and what it would observe after.
 *
 * @param before the observation before the step
 * @param plan the sync's plan, or null when the step was not a sync (a kubelet step, the garbage
 *     collector, a user's edit)
 * @param after the observation after the step: for a sync, after its actions were applied
 * @since 0.1.0
 */
public record SyncStep(Observation before, @Nullable ReconcilePlan plan, Observation after) {

  /** Checks for nulls. */
  public SyncStep {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
  }

  /** Returns a step that was a sync. */
  public static SyncStep sync(Observation before, ReconcilePlan plan, Observation after) {
    return new SyncStep(before, requireNonNull(plan, "plan"), after);
  }

  /** Returns a step that was not a sync. */
  public static SyncStep other(Observation before, Observation after) {
    return new SyncStep(before, null, after);
  }
}
