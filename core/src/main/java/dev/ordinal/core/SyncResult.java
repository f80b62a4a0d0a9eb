package dev.ordinal.core;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Event;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.port.Outcome;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link StatefulSetController#sync} did: the plan, each action it applied with its
 * outcome, and the error upstream's sync would return, if any.
 *
 * @param plan the plan of the sync; null when the set does not exist
 * @param applied the actions applied, in order, with their outcomes
 * @param error the sync's error, or null if it succeeded; a failed sync is retried with backoff
 * @param requeueAfter when to sync again regardless of events, or null
 * @param events the events upstream's recorder gets for what the sync did, in order: the plan's
 *     own when every call succeeded, else those of the calls' outcomes (R-EVENT-1)
 * @since 0.1.0
 */
public record SyncResult(
    @Nullable ReconcilePlan plan,
    List<Applied> applied,
    @Nullable String error,
    @Nullable Duration requeueAfter,
    List<Event> events) {

  /** Returns a result without events. */
  public SyncResult(
      @Nullable ReconcilePlan plan,
      List<Applied> applied,
      @Nullable String error,
      @Nullable Duration requeueAfter) {
    this(plan, applied, error, requeueAfter, List.of());
  }

  /** One action and what became of it. */
  public record Applied(Action action, Outcome outcome) {
    public Applied {
      requireNonNull(action, "action");
      requireNonNull(outcome, "outcome");
    }
  }

  public SyncResult {
    applied = List.copyOf(applied);
    events = List.copyOf(events);
  }

  /** Returns true if the sync returned no error. */
  public boolean ok() {
    return error == null;
  }
}
