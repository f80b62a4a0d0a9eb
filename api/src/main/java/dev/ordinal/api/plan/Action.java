package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSetStatus;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step the StatefulSet controller takes against the API server. The set of actions is closed:
 * an operator applies them with an {@code instanceof} chain or a {@link Visitor}.
 *
 * <p>Each action prints as one line of words, for logs and test failures: {@code create pod web-1
 * (revision web-7c8fc9b8d5)}, {@code delete pod web-2 (scale down)}, {@code update claim owners
 * www-web-0: StatefulSet web}, {@code write status replicas=3 ready=3 ...}.
 *
 * <p>Each action knows the {@link Phase} of upstream's sync it belongs to, and a plan lists its
 * actions phase by phase; an applier that handles errors as upstream does needs nothing else.
 *
 * @since 0.1.0
 */
public sealed interface Action {

  /** Returns the result of the visitor's method for this kind of action. */
  <R> R accept(Visitor<R> visitor);

  /** The name of the object this action touches. */
  String target();

  /** Returns the phase of upstream's sync this action belongs to. */
  Phase phase();

  /**
   * Returns the pod whose step this action is part of (upstream's per-pod functions: {@code
   * processReplica}, the condemned pods' claim fix, {@code processCondemned}, an update deletion),
   * or null for an action of the set as a whole.
   */
  default @Nullable String podName() {
    return null;
  }

  /**
   * The phases of one sync, in upstream's order: a plan's actions never go back to an earlier
   * phase. Upstream returns from the sync at a failed call of {@link #ADOPTION} or {@link
   * #REVISIONS} before any status is computed; a failure in a later phase still lets {@link
   * #STATUS} and {@link #HISTORY} run.
   */
  enum Phase {
    /** {@code adoptOrphanRevisions} and {@code ClaimPods}: adopt and release (R-ADOPT). */
    ADOPTION,
    /** {@code getStatefulSetRevisions}: create or renumber the update revision (R-REV). */
    REVISIONS,
    /** {@code processReplica} for each replica slot: its claims and its pod (R-ORDER, R-PVC). */
    REPLICAS,
    /** The condemned pods: their claims' owner references (R-PVC-9), then deletion (R-ORDER-8). */
    CONDEMNED,
    /** Rolling-update deletions (R-UPDATE). */
    UPDATE,
    /** {@code updateStatefulSetStatus} (R-STATUS-9). */
    STATUS,
    /** {@code truncateHistory} (R-REV-7). */
    HISTORY
  }

  /** A visitor with one method per kind of action. */
  interface Visitor<R> {
    R adoptRevision(AdoptRevision a);

    R createRevision(CreateRevision a);

    R renumberRevision(RenumberRevision a);

    R deleteRevision(DeleteRevision a);

    R adoptPod(AdoptPod a);

    R releasePod(ReleasePod a);

    R createClaim(CreateClaim a);

    R createPod(CreatePod a);

    R deletePod(DeletePod a);

    R updatePod(UpdatePod a);

    R updateClaimOwners(UpdateClaimOwners a);

    R writeStatus(WriteStatus a);
  }

  /** Adopt an orphan ControllerRevision: add a controller reference to the set (R-ADOPT-5). */
  record AdoptRevision(String name, String uid) implements Action {
    public AdoptRevision {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.adoptRevision(this);
    }

    @Override
    public Phase phase() {
      return Phase.ADOPTION;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "adopt revision " + name;
    }
  }

  /** Create a ControllerRevision for the current template (R-REV-3). */
  record CreateRevision(ControllerRevision revision) implements Action {
    public CreateRevision {
      requireNonNull(revision, "revision");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.createRevision(this);
    }

    @Override
    public Phase phase() {
      return Phase.REVISIONS;
    }

    @Override
    public String target() {
      return revision.name();
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "create revision " + revision.name() + " (number " + revision.revision() + ")";
    }
  }

  /** Give an existing revision a new, higher number: a rollback to it (R-REV-4). */
  record RenumberRevision(String name, String uid, long revision) implements Action {
    public RenumberRevision {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.renumberRevision(this);
    }

    @Override
    public Phase phase() {
      return Phase.REVISIONS;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "renumber revision " + name + " to " + revision;
    }
  }

  /** Delete a revision beyond {@code revisionHistoryLimit} (R-REV-7). */
  record DeleteRevision(String name, String uid) implements Action {
    public DeleteRevision {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.deleteRevision(this);
    }

    @Override
    public Phase phase() {
      return Phase.HISTORY;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "delete revision " + name;
    }
  }

  /** Adopt an orphan pod: add a controller reference to the set (R-ADOPT-4). */
  record AdoptPod(String name, String uid, OwnerReference controllerRef) implements Action {
    public AdoptPod {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
      requireNonNull(controllerRef, "controllerRef");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.adoptPod(this);
    }

    @Override
    public Phase phase() {
      return Phase.ADOPTION;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "adopt pod " + name;
    }
  }

  /** Release a pod the set owns but no longer selects: remove its owner reference (R-ADOPT-3). */
  record ReleasePod(String name, String uid) implements Action {
    public ReleasePod {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.releasePod(this);
    }

    @Override
    public Phase phase() {
      return Phase.ADOPTION;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "release pod " + name;
    }
  }

  /** Create a claim for a pod (R-PVC-2, R-PVC-3). */
  record CreateClaim(DesiredClaim claim, String podName) implements Action {
    public CreateClaim {
      requireNonNull(claim, "claim");
      requireNonNull(podName, "podName");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.createClaim(this);
    }

    @Override
    public Phase phase() {
      return Phase.REPLICAS;
    }

    @Override
    public String target() {
      return claim.name();
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "create claim " + claim.name() + " (for pod " + podName + ")";
    }
  }

  /** Create a pod (R-LABEL, R-ID-1, R-PVC-5). */
  record CreatePod(DesiredPod pod) implements Action {
    public CreatePod {
      requireNonNull(pod, "pod");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.createPod(this);
    }

    @Override
    public Phase phase() {
      return Phase.REPLICAS;
    }

    @Override
    public String podName() {
      return pod.name();
    }

    @Override
    public String target() {
      return pod.name();
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "create pod " + pod.name() + " (revision " + pod.revision() + ")";
    }
  }

  /**
   * Delete a pod. The uid is the one the plan was made for: an applier passes it as a delete
   * precondition so that a newer pod of the same name is never deleted by mistake.
   */
  record DeletePod(String name, String uid, DeleteReason reason) implements Action {
    public DeletePod {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
      requireNonNull(reason, "reason");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.deletePod(this);
    }

    @Override
    public Phase phase() {
      switch (reason) {
        case FINISHED:
          return Phase.REPLICAS;
        case SCALE_DOWN:
          return Phase.CONDEMNED;
        case UPDATE:
          return Phase.UPDATE;
        default:
          throw new AssertionError(reason);
      }
    }

    @Override
    public String podName() {
      return name;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "delete pod " + name + " (" + Words.reason(reason) + ")";
    }
  }

  /**
   * Repair a pod's identity and storage in place (R-ID-3): set its namespace and identity labels,
   * and point its claim volumes at the right claims. {@code labels} is the pod's complete desired
   * label set; {@code claimVolumes} maps volume name to claim name for every claim template, and
   * the pod's other volumes are kept. It also follows an {@link UpdateClaimOwners} for the pod's
   * claims even when nothing else changed, as upstream writes the pod then too (R-PVC-8).
   */
  record UpdatePod(
      String name,
      String uid,
      String namespace,
      Map<String, String> labels,
      Map<String, String> claimVolumes)
      implements Action {
    public UpdatePod {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
      requireNonNull(namespace, "namespace");
      labels = Map.copyOf(labels);
      claimVolumes = Map.copyOf(claimVolumes);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.updatePod(this);
    }

    @Override
    public Phase phase() {
      return Phase.REPLICAS;
    }

    @Override
    public String podName() {
      return name;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "update pod " + name;
    }
  }

  /**
   * Replace a claim's owner references so that they match the retention policy (R-PVC-8): the
   * claim's complete desired list. {@code condemned} says whether the claim's pod is condemned
   * (its ordinal is outside the replica range): the condemned pods' claims are fixed in their own
   * phase, before any of them is deleted (R-PVC-9).
   */
  record UpdateClaimOwners(
      String name,
      String uid,
      List<OwnerReference> ownerReferences,
      String podName,
      boolean condemned)
      implements Action {
    public UpdateClaimOwners {
      requireNonNull(name, "name");
      requireNonNull(uid, "uid");
      ownerReferences = List.copyOf(ownerReferences);
      requireNonNull(podName, "podName");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.updateClaimOwners(this);
    }

    @Override
    public Phase phase() {
      return condemned ? Phase.CONDEMNED : Phase.REPLICAS;
    }

    @Override
    public String target() {
      return name;
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "update claim owners " + name + ": " + Words.owners(ownerReferences);
    }
  }

  /** Write the set's status (R-STATUS-9). */
  record WriteStatus(StatefulSetStatus status) implements Action {
    public WriteStatus {
      requireNonNull(status, "status");
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.writeStatus(this);
    }

    @Override
    public Phase phase() {
      return Phase.STATUS;
    }

    @Override
    public String target() {
      return "status";
    }

    /** Returns the action as one line of words (see {@link Action}). */
    @Override
    public String toString() {
      return "write status " + Words.status(status);
    }
  }
}
