package dev.ordinal.core.render;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;

/**
 * One plan and what it was made from, as {@link PlanText} and {@link PlanJson} write it. The
 * constructor throws {@link NullPointerException} if an argument is null.
 *
 * @param set the defaulted StatefulSet the plan is for
 * @param now the time of the sync
 * @param kubernetes the Kubernetes release whose controller the plan reproduces, such as {@code
 *     1.35}
 * @param onDeleteCompletesRollout whether OnDelete advances currentRevision (PR #136833)
 * @param plan the plan
 * @since 0.1.0
 */
public record PlanReport(
    StatefulSet set,
    Instant now,
    String kubernetes,
    boolean onDeleteCompletesRollout,
    ReconcilePlan plan) {

  public PlanReport {
    requireNonNull(set, "set");
    requireNonNull(now, "now");
    requireNonNull(kubernetes, "kubernetes");
    requireNonNull(plan, "plan");
  }
}
