package dev.ordinal.cli;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;

/**
 * One plan and what it was made from, as {@code plan} prints it in either format.
 *
 * @param set the defaulted StatefulSet the plan is for
 * @param now the time of the sync
 * @param kubernetes the release reproduced
 * @param onDeleteCompletesRollout whether OnDelete advances currentRevision (PR #136833)
 * @param plan the plan
 */
record PlanReport(
    StatefulSet set,
    Instant now,
    Options.KubernetesVersion kubernetes,
    boolean onDeleteCompletesRollout,
    ReconcilePlan plan) {

  PlanReport {
    requireNonNull(set, "set");
    requireNonNull(now, "now");
    requireNonNull(kubernetes, "kubernetes");
    requireNonNull(plan, "plan");
  }

  /** Returns the report as core's renderers take it. */
  dev.ordinal.core.render.PlanReport rendered() {
    return new dev.ordinal.core.render.PlanReport(
        set, now, kubernetes.wireName(), onDeleteCompletesRollout, plan);
  }
}
