package dev.ordinal.core;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
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
 * and applies it, handling API errors as upstream's controller does.
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
 * </ul>
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

  /** Applies a plan through the port, stopping as upstream stops on errors. */
  public SyncResult apply(StatefulSet set, ReconcilePlan plan) {
    List<SyncResult.Applied> applied = new ArrayList<>();
    List<Action> actions = plan.actions();
    String error = null;
    int missedUpdateDeletions = 0;
    int batchEnd = Integer.MAX_VALUE;
    // The first failed action of each pod: upstream returns from that pod's step at its error.
    Map<String, SyncResult.Applied> failedSteps = new HashMap<>();
    String lastStep = null;
    int i = 0;
    for (; i < actions.size(); i++) {
      Action a = actions.get(i);
      if (a instanceof Action.WriteStatus || a instanceof Action.DeleteRevision) {
        break;
      }
      if (i >= batchEnd) {
        break;
      }
      String pod = podOf(a);
      if (lastStep != null && !lastStep.equals(pod)) {
        break;
      }
      SyncResult.Applied failed = pod == null ? null : failedSteps.get(pod);
      if (failed != null && !continuesAfter(failed, a)) {
        missedUpdateDeletions += isUpdateDeletion(a) ? 1 : 0;
        continue;
      }
      Outcome outcome = port.apply(set, a);
      applied.add(new SyncResult.Applied(a, outcome));
      if (outcome.isOk() || sunk(a, outcome)) {
        continue;
      }
      if (error == null) {
        error = describe(a, outcome);
      }
      if (isUpdateDeletion(a)) {
        // Upstream returns at the first failed update deletion.
        missedUpdateDeletions++;
        i++;
        break;
      }
      if (isSetup(a) || pod == null) {
        i++;
        break;
      }
      failedSteps.putIfAbsent(pod, new SyncResult.Applied(a, outcome));
      int end = endOfBatch(plan, i);
      if (end < 0) {
        // OrderedReady: the failed pod's step ends, and with it the sync.
        lastStep = pod;
      } else {
        // Parallel: the batch's other steps still run; no further batch starts.
        batchEnd = end;
      }
    }
    // Update deletions never reached do not happen either.
    for (int k = i; k < actions.size(); k++) {
      if (isUpdateDeletion(actions.get(k))) {
        missedUpdateDeletions++;
      }
    }
    boolean setupFailed = error != null && applied.stream().anyMatch(x -> !x.outcome().isOk()
        && isSetup(x.action()));
    if (!setupFailed) {
      Action.WriteStatus write =
          plan.actionsOf(Action.WriteStatus.class).stream().findFirst().orElse(null);
      if (missedUpdateDeletions > 0 && error != null) {
        // Upstream returns before decrementing for a failed deletion, then writes the status
        // only if it differs from the set's (updateStatefulSetStatus): decide on that status.
        StatefulSetStatus s = plan.status();
        s = withCurrentReplicas(s, s.currentReplicas() + missedUpdateDeletions);
        write = Sync.inconsistentStatus(set.status(), s) ? new Action.WriteStatus(s) : null;
      }
      if (write != null) {
        Outcome outcome = port.apply(set, write);
        applied.add(new SyncResult.Applied(write, outcome));
        if (!outcome.isOk() && error == null) {
          error = describe(write, outcome);
        }
      }
      for (Action a : actions) {
        if (a instanceof Action.DeleteRevision) {
          Outcome outcome = port.apply(set, a);
          applied.add(new SyncResult.Applied(a, outcome));
          // truncateHistory returns DeleteControllerRevision's error as is, NotFound included.
          if (!outcome.isOk()) {
            if (error == null) {
              error = describe(a, outcome);
            }
            break;
          }
        }
      }
    }
    if (error == null && plan.syncError() != null) {
      // What upstream's sync fails on in the observation itself (a claim being deleted, say): the
      // sync returns that error even though every call the plan makes succeeded.
      error = plan.syncError().message();
    }
    return new SyncResult(plan, applied, error, error == null ? plan.requeueAfter() : null);
  }

  private static boolean sunk(Action a, Outcome outcome) {
    return outcome.kind() == Outcome.Kind.NOT_FOUND
        && (isUpdateDeletion(a) || a instanceof Action.ReleasePod || a instanceof Action.AdoptPod);
  }

  /** Returns the pod whose step an action belongs to, or null for set-level actions. */
  private static @Nullable String podOf(Action a) {
    if (a instanceof Action.CreateClaim) {
      return ((Action.CreateClaim) a).podName();
    } else if (a instanceof Action.CreatePod) {
      return ((Action.CreatePod) a).pod().name();
    } else if (a instanceof Action.DeletePod) {
      return ((Action.DeletePod) a).name();
    } else if (a instanceof Action.UpdatePod) {
      return ((Action.UpdatePod) a).name();
    } else if (a instanceof Action.UpdateClaimOwners) {
      return ((Action.UpdateClaimOwners) a).podName();
    }
    return null;
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

  private static boolean isUpdateDeletion(Action a) {
    return a instanceof Action.DeletePod && ((Action.DeletePod) a).reason() == DeleteReason.UPDATE;
  }

  /** Adoption and revision writes: upstream does them before touching pods. */
  private static boolean isSetup(Action a) {
    return a instanceof Action.AdoptRevision
        || a instanceof Action.AdoptPod
        || a instanceof Action.ReleasePod
        || a instanceof Action.CreateRevision
        || a instanceof Action.RenumberRevision;
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

  private static StatefulSetStatus withCurrentReplicas(StatefulSetStatus s, int current) {
    return new StatefulSetStatus(
        s.observedGeneration(),
        s.replicas(),
        s.readyReplicas(),
        current,
        s.updatedReplicas(),
        s.availableReplicas(),
        s.currentRevision(),
        s.updateRevision(),
        s.collisionCount(),
        s.conditions());
  }

  private static String describe(Action a, Outcome outcome) {
    String verb = a.getClass().getSimpleName();
    return verb + " " + a.target() + " failed: " + outcome.kind()
        + (outcome.message().isEmpty() ? "" : " " + outcome.message());
  }
}
