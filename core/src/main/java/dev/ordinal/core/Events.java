package dev.ordinal.core;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Event;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.port.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The events upstream's recorder gets in one sync (R-EVENT-1, R-EVENT-2), worded as the release
 * words them: the one place that knows their reasons and messages. The planner records through it
 * as it plans (every call succeeds); {@link #ofRun} derives the events of a run whose calls did
 * not all succeed from what each call returned.
 *
 * <p>All of them are recorded on the set. Reasons are {@code Successful<Verb>} and {@code
 * Failed<Verb>} for the verbs create, update and delete, and {@code ConflictingController}.
 */
final class Events {

  private final String namespace;
  private final String setName;
  private final boolean capitalised;
  private final boolean deleteNotFoundSucceeds;
  private final List<Event> recorded = new ArrayList<>();

  Events(StatefulSet set, ReconcilerOptions options) {
    this.namespace = set.namespace();
    this.setName = set.name();
    this.capitalised = options.capitalisedEventVerbs();
    this.deleteNotFoundSucceeds = options.deleteNotFoundSucceeds();
  }

  /** The events recorded so far, in order. */
  List<Event> recorded() {
    return List.copyOf(recorded);
  }

  /** A pod create, update or delete that succeeded (recordPodEvent without error). */
  void podSucceeded(String verb, String pod) {
    add(Event.Type.NORMAL, "Successful" + title(verb), pod,
        word(verb) + " Pod " + pod + " in StatefulSet " + setName + " successful");
  }

  /** A pod create, update or delete that failed with this error (recordPodEvent with error). */
  void podFailed(String verb, String pod, String error) {
    add(Event.Type.WARNING, "Failed" + title(verb), pod,
        word(verb) + " Pod " + pod + " in StatefulSet " + setName + " failed error: " + error);
  }

  /** A claim created for a pod (recordClaimEvent without error). */
  void claimCreated(String claim, String pod) {
    add(Event.Type.NORMAL, "SuccessfulCreate", pod,
        word("create") + " Claim " + claim + " Pod " + pod + " in StatefulSet " + setName
            + " success");
  }

  /** A claim create that failed, other than with AlreadyExists (recordClaimEvent with error). */
  void claimCreateFailed(String claim, String pod, String error) {
    add(Event.Type.WARNING, "FailedCreate", pod,
        word("create") + " Claim " + claim + " for Pod " + pod + " in StatefulSet " + setName
            + " failed error: " + error);
  }

  /**
   * A claim with a controller other than the set or the pod (R-PVC-8): upstream warns each time it
   * brings the claim's owners in line with the retention policy, whether or not they change. The
   * message is upstream's, misspelling included, so that it matches what a cluster shows.
   */
  void conflictingController(String claim, String pod) {
    add(Event.Type.WARNING, "ConflictingController", pod,
        "PersistentVolumeClaim " + claim + " has a conflicting OwnerReference that acts as a"
            + " manging controller, the retention policy is ignored for this claim");
  }

  private void add(Event.Type type, String reason, String pod, String message) {
    recorded.add(new Event(type, reason, message, namespace, setName, pod));
  }

  /** Upstream titles the verb in the reason in every release. */
  private static String title(String verb) {
    return Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
  }

  /** The verb as the message starts with it: lower case up to 1.34, titled from 1.35. */
  private String word(String verb) {
    return capitalised ? title(verb) : verb.toLowerCase(Locale.ROOT);
  }

  /** Returns upstream's aggregate of several errors: one as it is, more as {@code [a, b]}. */
  static String aggregate(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // The events of a run

  /**
   * Returns the events of an application of {@code plan}: the plan's own when every call it plans
   * was made and succeeded, else those that follow from what each call returned, step by step as
   * upstream's pod control records them. Warnings that come from the observation rather than a
   * call (a claim with a conflicting controller, a claim being deleted) are kept for the steps the
   * run reached.
   */
  static List<Event> ofRun(
      StatefulSet set,
      ReconcilerOptions options,
      ReconcilePlan plan,
      List<SyncResult.Applied> applied) {
    if (clean(plan, applied)) {
      return plan.events();
    }
    Events out = new Events(set, options);
    int i = 0;
    while (i < applied.size()) {
      Action a = applied.get(i).action();
      String pod = a.podName();
      if (pod == null) {
        i++;
        continue;
      }
      int end = i;
      while (end < applied.size() && pod.equals(applied.get(end).action().podName())) {
        end++;
      }
      out.step(plan, pod, applied.subList(i, end));
      i = end;
    }
    return out.recorded();
  }

  /** Returns true if every call the plan makes in pod steps was made and succeeded. */
  private static boolean clean(ReconcilePlan plan, List<SyncResult.Applied> applied) {
    List<Action> made = new ArrayList<>();
    for (SyncResult.Applied a : applied) {
      if (a.action().podName() != null) {
        if (!a.outcome().isOk()) {
          return false;
        }
        made.add(a.action());
      }
    }
    List<Action> planned = new ArrayList<>();
    for (Action a : plan.actions()) {
      if (a.podName() != null) {
        planned.add(a);
      }
    }
    return made.equals(planned);
  }

  /** Records the events of one pod's step from the calls made in it. */
  private void step(ReconcilePlan plan, String pod, List<SyncResult.Applied> calls) {
    String claimVerb = null;
    for (Action a : plan.actions()) {
      if (pod.equals(a.podName())) {
        if (a instanceof Action.CreatePod) {
          claimVerb = "create";
        } else if (a instanceof Action.UpdatePod && claimVerb == null) {
          claimVerb = "update";
        }
      }
    }
    List<String> claimErrors = new ArrayList<>();
    boolean warned = false;
    @Nullable Runnable podEvent = null;
    for (int k = 0; k < calls.size(); k++) {
      Action a = calls.get(k).action();
      Outcome o = calls.get(k).outcome();
      String error = error(o);
      if (a instanceof Action.CreateClaim) {
        String claim = ((Action.CreateClaim) a).claim().name();
        if (o.isOk()) {
          claimCreated(claim, pod);
        } else {
          claimErrors.add("failed to create PVC " + claim + ": " + error);
          if (o.kind() != Outcome.Kind.ALREADY_EXISTS) {
            claimCreateFailed(claim, pod, error);
          }
        }
        boolean runEnds = k + 1 == calls.size() || !(calls.get(k + 1).action() instanceof Action.CreateClaim);
        if (runEnds && !claimErrors.isEmpty() && claimVerb != null) {
          podFailed(claimVerb, pod, aggregate(claimErrors));
        }
        continue;
      }
      if (!warned && (a instanceof Action.UpdateClaimOwners || a instanceof Action.UpdatePod)) {
        warned = true;
        warnings(plan, pod);
      }
      if (a instanceof Action.CreatePod) {
        if (o.kind() == Outcome.Kind.ALREADY_EXISTS) {
          podEvent = null;
        } else if (o.isOk()) {
          podEvent = () -> podSucceeded("create", pod);
        } else {
          podEvent = () -> podFailed("create", pod, error);
        }
      } else if (a instanceof Action.UpdateClaimOwners) {
        if (!o.isOk() && !((Action.UpdateClaimOwners) a).condemned()) {
          podEvent = null;
          podFailed("update", pod, "could not update claim " + a.target()
              + " for delete policy ownerRefs: " + error);
        }
      } else if (a instanceof Action.UpdatePod) {
        if (o.isOk()) {
          podSucceeded("update", pod);
        } else {
          podFailed("update", pod, error);
        }
      } else if (a instanceof Action.DeletePod) {
        if (o.isOk() || (o.kind() == Outcome.Kind.NOT_FOUND && deleteNotFoundSucceeds)) {
          podSucceeded("delete", pod);
        } else {
          podFailed("delete", pod, error);
        }
      }
    }
    if (podEvent != null) {
      if (!warned) {
        warnings(plan, pod);
      }
      podEvent.run();
    }
  }

  /** Records the plan's conflicting-controller warnings of a pod's step. */
  private void warnings(ReconcilePlan plan, String pod) {
    for (Event e : plan.events()) {
      if (pod.equals(e.pod()) && e.reason().equals("ConflictingController")) {
        recorded.add(e);
      }
    }
  }

  /** Returns an outcome as the error text upstream's recorder would print. */
  private static String error(Outcome o) {
    return o.message().isEmpty() ? o.kind().toString() : o.message();
  }
}
