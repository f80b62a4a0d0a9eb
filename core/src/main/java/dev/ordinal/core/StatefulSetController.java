package dev.ordinal.core;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.port.ClusterPort;
import dev.ordinal.api.port.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The thin shell around the planner: observes a set through a {@link ClusterPort}, plans one sync
 * with a {@link StatefulSetReconciler} and applies it, handling API errors as upstream's
 * controller does. The reconciler plans and writes nothing; this class is the one that writes.
 *
 * <p>{@link #apply} walks the plan's {@link Action.Phase phases} in upstream's order:
 *
 * <ul>
 *   <li>Adoption and revision writes come first; if one fails the sync stops (R-SYNC-1).
 *   <li>Pod and claim actions stop at the first failure, after what upstream's step for that pod
 *       still does (a pod whose claim failed is not created, R-PVC-4); for Parallel sets the other
 *       steps of the current slow-start batch still run (R-SYNC-5).
 *   <li>{@code NOT_FOUND} on a rolling-update deletion is not an error (upstream sinks it); every
 *       other failure is, including {@code ALREADY_EXISTS} on a pod (R-ORDER-10).
 *   <li>The status is written even when the sync failed (R-SYNC-4), without the decrements of
 *       update deletions that did not happen; surplus history is deleted afterwards.
 *   <li>A plan that {@linkplain ReconcilePlan#fails() fails} on what it observed (a claim being
 *       deleted, say) makes the sync fail with that error once its actions are applied, as
 *       upstream's does, unless an API call failed first.
 * </ul>
 *
 * <p>The result carries the events upstream's recorder gets for what actually happened: the
 * plan's own when every call succeeds, else a {@code Failed<Verb>} warning for each call that
 * failed in place of its {@code Successful<Verb>} event, and none for calls never made (R-EVENT-1).
 *
 * <p>It holds no state between syncs; the caller requeues on error or after {@link
 * SyncResult#requeueAfter()}.
 *
 * @since 0.1.0
 */
public final class StatefulSetController {

  private final ClusterPort port;
  private final StatefulSetReconciler reconciler;

  /** Returns a controller over this port with v1.35 behaviour. */
  public StatefulSetController(ClusterPort port) {
    this(port, new StatefulSetReconciler());
  }

  /** Returns a controller over this port that plans with this reconciler. */
  public StatefulSetController(ClusterPort port, StatefulSetReconciler reconciler) {
    this.port = requireNonNull(port, "port");
    this.reconciler = requireNonNull(reconciler, "reconciler");
  }

  /** Reads what one sync of a set needs through the port; null if the set does not exist. */
  public @Nullable Observation observe(String namespace, String name) {
    StatefulSet set = port.statefulSet(namespace, name);
    if (set == null) {
      return null;
    }
    Instant now = port.now();
    return Observation.builder()
        .set(set)
        .pods(port.pods(namespace))
        .claims(port.claims(namespace))
        .revisions(port.revisions(namespace))
        .now(now)
        .build();
  }

  /**
   * Runs one sync of the set: observe, plan, apply.
   *
   * @throws dev.ordinal.core.validation.InvalidStatefulSetException if the set is invalid or not
   *     defaulted
   */
  public SyncResult sync(String namespace, String name) {
    Observation observation = observe(namespace, name);
    if (observation == null) {
      return new SyncResult(null, List.of(), null, null);
    }
    ReconcilePlan plan = reconciler.plan(observation);
    return apply(observation.set(), plan);
  }

  /**
   * Applies a plan through the port, phase by phase as upstream's sync runs them ({@link
   * Action.Phase}), stopping where upstream stops on an error.
   */
  public SyncResult apply(StatefulSet set, ReconcilePlan plan) {
    Run run = new Run(set, plan);
    if (run.setup()) {
      boolean stepsOk = run.podSteps();
      run.updateDeletions(stepsOk);
      run.status();
      run.history();
    }
    return run.result();
  }

  /** One application of a plan: a cursor over its actions, what was applied, the first error. */
  private final class Run {
    private final StatefulSet set;
    private final ReconcilePlan plan;
    private final List<Action> actions;
    private final List<SyncResult.Applied> applied = new ArrayList<>();
    private @Nullable String error;
    private int next;
    /** Rolling-update deletions that did not happen: the status must not count them. */
    private int missedUpdateDeletions;

    Run(StatefulSet set, ReconcilePlan plan) {
      this.set = set;
      this.plan = plan;
      this.actions = plan.actions();
    }

    private boolean inPhase(Action.Phase last) {
      return next < actions.size() && actions.get(next).phase().compareTo(last) <= 0;
    }

    private Outcome call(Action a) {
      Outcome outcome = port.apply(set, a);
      applied.add(new SyncResult.Applied(a, outcome));
      if (!outcome.isOk() && !sunk(a, outcome) && error == null) {
        error = describe(a, outcome);
      }
      return outcome;
    }

    private boolean failed(Action a, Outcome outcome) {
      return !outcome.isOk() && !sunk(a, outcome);
    }

    /**
     * Adoption and the revision writes (R-SYNC-1). Returns false if one failed: upstream's sync
     * returns before it computes a status, so nothing else happens.
     */
    boolean setup() {
      while (inPhase(Action.Phase.REVISIONS)) {
        Action a = actions.get(next++);
        if (failed(a, call(a))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Each pod's step, replicas then condemned, as {@code runForAll} runs them: under OrderedReady
     * the sync ends with the step that failed; in Parallel mode the failing slow-start batch
     * finishes and no other starts (R-SYNC-5). Within a failed step only what upstream still does
     * after the error runs (R-PVC-4). Returns false if a step failed.
     */
    boolean podSteps() {
      Map<String, SyncResult.Applied> failedSteps = new HashMap<>(0);
      String lastStep = null;
      int batchEnd = Integer.MAX_VALUE;
      for (; inPhase(Action.Phase.CONDEMNED) && next < batchEnd; next++) {
        Action a = actions.get(next);
        String pod = requireNonNull(a.podName(), "bug: a pod-phase action without a pod");
        if (lastStep != null && !lastStep.equals(pod)) {
          break;
        }
        SyncResult.Applied failed = failedSteps.get(pod);
        if (failed != null && !continuesAfter(failed, a)) {
          continue;
        }
        Outcome outcome = call(a);
        if (!failed(a, outcome)) {
          continue;
        }
        failedSteps.putIfAbsent(pod, new SyncResult.Applied(a, outcome));
        int end = endOfBatch(plan, next);
        if (end < 0) {
          lastStep = pod; // OrderedReady: the failed pod's step ends, and with it the sync
        } else {
          batchEnd = end; // Parallel: the batch's other steps still run
        }
      }
      while (inPhase(Action.Phase.CONDEMNED)) {
        next++;
      }
      return failedSteps.isEmpty();
    }

    /**
     * Rolling-update deletions, reached only if every pod step succeeded; upstream returns at the
     * first that fails, and {@code NotFound} is no failure (R-UPDATE-3).
     */
    void updateDeletions(boolean reached) {
      for (; inPhase(Action.Phase.UPDATE); next++) {
        Action a = actions.get(next);
        if (!reached) {
          missedUpdateDeletions++;
        } else if (failed(a, call(a))) {
          missedUpdateDeletions++;
          reached = false;
        }
      }
    }

    /**
     * The status write (R-SYNC-4): even after a failure. Upstream returns before decrementing for
     * a deletion that failed or never ran, then writes the status only if it differs from the
     * set's (updateStatefulSetStatus): the decision is made on that status.
     */
    void status() {
      Action.WriteStatus write = null;
      for (; inPhase(Action.Phase.STATUS); next++) {
        write = (Action.WriteStatus) actions.get(next);
      }
      if (missedUpdateDeletions > 0 && error != null) {
        StatefulSetStatus s = plan.status();
        s = s.withCurrentReplicas(s.currentReplicas() + missedUpdateDeletions);
        write = Sync.inconsistentStatus(set.status(), s) ? new Action.WriteStatus(s) : null;
      }
      if (write != null) {
        call(write);
      }
    }

    /** truncateHistory: returns DeleteControllerRevision's error as is, NotFound included. */
    void history() {
      for (; inPhase(Action.Phase.HISTORY); next++) {
        if (!call(actions.get(next)).isOk()) {
          break;
        }
      }
    }

    SyncResult result() {
      String e = error;
      if (e == null && plan.syncError() != null) {
        // What upstream's sync fails on in the observation itself (a claim being deleted, say):
        // the sync returns that error even though every call the plan makes succeeded.
        e = plan.syncError().message();
      }
      return new SyncResult(
          plan,
          applied,
          e,
          e == null ? plan.requeueAfter() : null,
          Events.ofRun(set, reconciler.options(), plan, applied));
    }
  }

  /**
   * Returns true if upstream treats this outcome as success: NotFound on a pod gone already, on
   * the update path, or from 1.36 on any pod delete ({@link
   * ReconcilerOptions#deleteNotFoundSucceeds()}).
   */
  private boolean sunk(Action a, Outcome outcome) {
    return outcome.kind() == Outcome.Kind.NOT_FOUND
        && (a.phase() == Action.Phase.UPDATE
            || a instanceof Action.ReleasePod
            || a instanceof Action.AdoptPod
            || (a instanceof Action.DeletePod && reconciler.options().deleteNotFoundSucceeds()));
  }

  /**
   * Returns true if upstream still takes action {@code a} in a pod's step after an earlier action
   * of that step failed: createPersistentVolumeClaims tries every claim before it fails (so the
   * pod is not created, R-PVC-4), and CreateStatefulPod sets claim owners even after a failed pod
   * creation, unless it failed with AlreadyExists.
   */
  private static boolean continuesAfter(SyncResult.Applied failed, Action a) {
    if (failed.action() instanceof Action.CreateClaim) {
      return a instanceof Action.CreateClaim;
    }
    return failed.action() instanceof Action.CreatePod
        && failed.outcome().kind() != Outcome.Kind.ALREADY_EXISTS
        && a instanceof Action.UpdateClaimOwners;
  }

  /** Returns the index where the burst batch holding action {@code i} ends, or -1 if none. */
  private static int endOfBatch(ReconcilePlan plan, int i) {
    List<Integer> starts = plan.burstBatches();
    for (int b = 0; b < starts.size(); b++) {
      if (starts.get(b) > i) {
        return starts.get(b);
      }
    }
    return starts.isEmpty() || starts.get(0) > i ? -1 : Integer.MAX_VALUE;
  }

  private static String describe(Action a, Outcome outcome) {
    String verb = a.getClass().getSimpleName();
    return verb + " " + a.target() + " failed: " + outcome.kind()
        + (outcome.message().isEmpty() ? "" : " " + outcome.message());
  }
}
