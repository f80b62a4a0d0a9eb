package dev.ordinal.core;

import static dev.ordinal.core.PodPredicates.isAvailable;
import static dev.ordinal.core.PodPredicates.isCreated;
import static dev.ordinal.core.PodPredicates.isFinished;
import static dev.ordinal.core.PodPredicates.isHealthy;
import static dev.ordinal.core.PodPredicates.isPending;
import static dev.ordinal.core.PodPredicates.isRunningAndReady;
import static dev.ordinal.core.PodPredicates.isTerminating;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.Observation;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import dev.ordinal.api.plan.SyncError;
import dev.ordinal.core.revision.Revisions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One sync of the StatefulSet controller: upstream's {@code sync} → {@code UpdateStatefulSet} →
 * {@code updateStatefulSet} → status → {@code truncateHistory}, with every API call recorded as an
 * action instead of made. A new instance serves one plan; it is not thread-safe and not reused.
 *
 * <p>The plan assumes every action succeeds. Where upstream fails deterministically on what it
 * reads (a claim being deleted, a pod that cannot be renamed) the plan stops there, as upstream's
 * sync returns the error.
 */
final class Sync {

  /** Upstream's {@code MaxBatchSize}: the largest slow-start batch in Parallel mode. */
  static final int MAX_BATCH_SIZE = 500;

  private final Observation obs;
  private final StatefulSet set;
  private final StatefulSetSpec spec;
  private final ReconcilerOptions options;
  private final Instant now;
  private final int minReadySeconds;
  private final boolean monotonic;
  private final int start;
  private final int replicaCount;

  private final List<Action> actions = new ArrayList<>();
  private @Nullable List<Anomaly> anomalies;
  private @Nullable List<Integer> batches;
  private @Nullable StopReason stop;
  /** Claims whose owner references this plan already rewrote: the cache still shows them old. */
  private @Nullable Set<String> fixedClaims;

  private ControllerRevision currentRevision;
  private ControllerRevision updateRevision;
  private int collisionCount;
  private @Nullable PodFactory factory;

  /** Pods in the replica range by index; null where none exists (a placeholder in upstream). */
  private ObservedPod[] replicas = new ObservedPod[0];
  /** Pods above or below the range, highest ordinal first once sorted. */
  private final List<ObservedPod> condemned = new ArrayList<>(0);
  /** Claimed pods that neither fill a slot nor are condemned (duplicates, unparsable ordinals). */
  private int droppedPods;

  // What the update phase and scale-down need to know about the slots, gathered while the pods are
  // claimed so that the slots are not scanned again. Exact only while no pod lost its slot to a
  // duplicate (droppedPods == 0); otherwise the slots are scanned.
  /** The lowest partition index: rolling-update deletions stop there. */
  private final int updateMin;
  private int filledSlots;
  private int unavailableSlots;
  private int firstUnavailableSlot = Integer.MAX_VALUE;
  /** Live slots at or above updateMin whose revision is not the update revision. */
  private int outdatedSlots;

  // Status counters (R-STATUS-1..4).
  private int statusReplicas;
  private int statusReady;
  private int statusAvailable;
  private int statusCurrent;
  private int statusUpdated;

  Sync(Observation obs, ReconcilerOptions options) {
    this.obs = obs;
    this.set = obs.set();
    this.spec = set.spec();
    this.options = options;
    this.now = obs.now();
    this.minReadySeconds = spec.minReadySeconds();
    this.monotonic = spec.effectivePodManagementPolicy() != PodManagementPolicy.PARALLEL;
    this.start = spec.startOrdinal();
    this.replicaCount = spec.effectiveReplicas();
    RollingUpdate ru = spec.updateStrategy().rollingUpdate();
    this.updateMin = ru == null ? 0 : ru.effectivePartition();
  }

  ReconcilePlan run() {
    List<ControllerRevision> history = listHistory();
    if (history == null) {
      return finish(null, List.of());
    }
    // Revisions are chosen before pods are claimed so that one pass over the pods can count them,
    // but their writes follow the pod adoptions, in upstream's order.
    List<Action> revisionActions = new ArrayList<>(0);
    RevisionPlanner.Choice choice =
        RevisionPlanner.choose(
            set, history, obs.revisions(), options.semanticRevisionComparison(), revisionActions);
    currentRevision = choice.current();
    updateRevision = choice.update();
    collisionCount = choice.collisionCount();
    claimPods();
    actions.addAll(revisionActions);

    slotPods();
    updateStatefulSet();
    StatefulSetStatus status = status();
    return finish(status, history);
  }

  // ---------------------------------------------------------------------------------------------
  // Adoption (stateful_set.go: adoptOrphanRevisions, getPodsForStatefulSet)

  /** Returns the set's sorted history, adopting orphans; null if the sync must stop. */
  private @Nullable List<ControllerRevision> listHistory() {
    List<ControllerRevision> history = new ArrayList<>(obs.revisions().size());
    boolean orphans = false;
    for (ControllerRevision r : obs.revisions()) {
      if (Adoption.isHistory(set, r)) {
        history.add(r);
        orphans |= r.controllerRef() == null;
      }
    }
    if (orphans) {
      if (set.isBeingDeleted()) {
        // canAdopt fails on a set being deleted, and the whole sync returns that error.
        fail(null, set.name(), "R-ADOPT-5", set.name() + " is being deleted; its orphan revisions"
            + " cannot be adopted, so the sync fails before it reaches the pods",
            "can't adopt ControllerRevisions: " + set.namespace() + "/" + set.name()
                + " has just been deleted at " + goTime(set.deletionTimestamp()));
        return null;
      }
      for (ControllerRevision r : history) {
        if (r.controllerRef() == null) {
          actions.add(new Action.AdoptRevision(r.name(), r.uid()));
        }
      }
    }
    return Revisions.sort(history);
  }

  /**
   * Decides, pod by pod, which pods the set manages (R-ADOPT-1..4), counts the status over them
   * and files them into slots.
   */
  private void claimPods() {
    List<ObservedPod> pods = obs.pods();
    replicas = new ObservedPod[replicaCount];
    for (int i = 0; i < pods.size(); i++) {
      ObservedPod pod = pods.get(i);
      switch (Adoption.claimPod(set, pod)) {
        case KEEP:
          break;
        case ADOPT:
          actions.add(
              new Action.AdoptPod(
                  pod.name(),
                  pod.uid(),
                  OwnerReference.controllerRef(
                      OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid())));
          break;
        case RELEASE:
          actions.add(new Action.ReleasePod(pod.name(), pod.uid()));
          unmanaged(pod);
          continue;
        case IGNORE:
          unmanaged(pod);
          if (pod.namespace().equals(set.namespace())
              && pod.parentName().equals(set.name())
              && pod.controllerRef() != null
              && !pod.controllerRef().uid().equals(set.uid())) {
            anomaly(pod.name(), "R-ADOPT-3", "controlled by another owner ("
                + pod.controllerRef().kind() + " " + pod.controllerRef().name()
                + "); left alone");
          }
          continue;
        default:
          throw new AssertionError();
      }
      claimed(pod);
    }
  }

  /** Names of pods in the set's namespace that the set does not manage; null while none. */
  private @Nullable Set<String> unmanagedNames;

  /** Remembers a pod the set leaves alone: a pod of its name cannot be created (R-ORDER-10). */
  private void unmanaged(ObservedPod pod) {
    if (pod.namespace().equals(set.namespace())) {
      Set<String> names = unmanagedNames;
      if (names == null) {
        names = new HashSet<>();
        unmanagedNames = names;
      }
      names.add(pod.name());
    }
  }

  /** Counts a managed pod into the status and files it into its slot (R-SPLIT-1, R-NAME-5). */
  private void claimed(ObservedPod pod) {
    count(pod);
    int ordinal = pod.ordinal();
    if (ordinal >= start && ordinal - start < replicaCount && ordinal >= 0) {
      int slot = ordinal - start;
      ObservedPod previous = replicas[slot];
      if (previous == null) {
        filledSlots++;
        noteSlot(slot, pod);
      } else {
        droppedPods++;
        anomaly(previous.name(), "R-NAME-5", "shares ordinal " + ordinal + " with " + pod.name()
            + ", which comes later and takes the slot; " + previous.name() + " is neither a"
            + " replica nor condemned");
      }
      replicas[slot] = pod;
    } else if (ordinal >= 0) {
      condemned.add(pod);
    } else {
      droppedPods++;
      anomaly(pod.name(), "R-SPLIT-1", "its ordinal does not parse as a 32-bit number; ignored");
    }
  }

  /** Gathers a slot's availability and revision for the update phase and scale-down. */
  private void noteSlot(int slot, ObservedPod pod) {
    if (unavailable(pod)) {
      unavailableSlots++;
      if (slot < firstUnavailableSlot) {
        firstUnavailableSlot = slot;
      }
    }
    if (slot >= updateMin && isOutdated(pod)) {
      outdatedSlots++;
    }
  }

  private boolean isOutdated(ObservedPod pod) {
    return !isTerminating(pod) && !pod.revision().equals(updateRevision.name());
  }

  /** Counts one pod into the status (computeReplicaStatus). */
  private void count(ObservedPod pod) {
    if (!isCreated(pod)) {
      return;
    }
    statusReplicas++;
    if (isRunningAndReady(pod)) {
      statusReady++;
      if (isAvailable(pod, minReadySeconds, now)) {
        statusAvailable++;
      }
    }
    if (!isTerminating(pod)) {
      String r = pod.revision();
      if (r.equals(currentRevision.name())) {
        statusCurrent++;
      }
      if (r.equals(updateRevision.name())) {
        statusUpdated++;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // updateStatefulSet

  /** Notes the empty slots (upstream's placeholders, R-SPLIT-2); sorts the condemned (R-SPLIT-3). */
  private void slotPods() {
    if (filledSlots < replicaCount) {
      // Placeholders are built when processReplica reaches them: OrderedReady stops at the first.
      // Until then an empty slot is unavailable, at the revision R-UPDATE-1 gives it.
      for (int i = 0; i < replicaCount; i++) {
        if (replicas[i] == null) {
          unavailableSlots++;
          if (i < firstUnavailableSlot) {
            firstUnavailableSlot = i;
          }
          if (i >= updateMin && revisionForNewPod(start + i) != updateRevision) {
            outdatedSlots++;
          }
        }
      }
    }
    if (condemned.size() > 1) {
      condemned.sort((a, b) -> Integer.compare(b.ordinal(), a.ordinal()));
    }
  }

  /** Returns the placeholder for an empty slot, at the revision R-UPDATE-1 gives it. */
  private ObservedPod placeholder(int index) {
    int ordinal = start + index;
    ControllerRevision revision = revisionForNewPod(ordinal);
    return factory().placeholder(ordinal, templateOf(revision), revision.name());
  }

  /**
   * The revision a (re)created pod gets (R-UPDATE-1): the current one below the partition, or for
   * a RollingUpdate without a block below {@code status.currentReplicas}; otherwise the update
   * revision.
   */
  private ControllerRevision revisionForNewPod(int ordinal) {
    RollingUpdate ru = spec.updateStrategy().rollingUpdate();
    boolean current =
        (spec.updateStrategy().type() == UpdateStrategyType.ROLLING_UPDATE
                && ru == null
                && ordinal < start + set.status().currentReplicas())
            || (ru != null && ordinal < start + ru.effectivePartition());
    return current ? currentRevision : updateRevision;
  }

  private PodTemplate templateOf(ControllerRevision revision) {
    return revision == updateRevision && revision.data().equals(spec.template().revisionData())
        ? spec.template()
        : revision.template();
  }

  private PodFactory factory() {
    PodFactory f = factory;
    if (f == null) {
      f = new PodFactory(set, options.podIndexLabel());
      factory = f;
    }
    return f;
  }

  /** Runs the scaling and update phases, stopping where upstream's updateStatefulSet returns. */
  private void updateStatefulSet() {
    if (set.isBeingDeleted()) {
      stop(null, "R-SYNC-3", set.name() + " is being deleted; only its status is written");
      return;
    }
    if (!runReplicas()) {
      return;
    }
    if (!runCondemnedClaims()) {
      return;
    }
    if (!runCondemned()) {
      return;
    }
    if (spec.updateStrategy().isOnDelete()) {
      return;
    }
    if (!monotonic) {
      batchStart(); // the update phase is not a batch: a failure in the last batch ends the sync
    }
    if (options.maxUnavailableRollingUpdate()) {
      rollingUpdateWithMaxUnavailable();
    } else {
      rollingUpdateOneAtATime();
    }
  }

  /** Runs processReplica over the slots: in order, or in slow-start batches (R-SYNC-5). */
  private boolean runReplicas() {
    if (monotonic) {
      for (int i = 0; i < replicaCount; i++) {
        if (processReplica(i)) {
          return false;
        }
      }
      return true;
    }
    return runBatches(replicaCount, this::processReplica);
  }

  private interface SlotStep {
    /** Returns true if the step stopped on an error (burst) or asks to stop (monotonic). */
    boolean run(int i);
  }

  /**
   * Upstream's slowStartBatch: batches of 1, 2, 4, … capped at {@link #MAX_BATCH_SIZE}; a batch
   * always finishes, and no further batch starts after one that failed.
   */
  private boolean runBatches(int count, SlotStep step) {
    int next = 0;
    for (int size = Math.min(1, count);
        size > 0;
        size = Math.min(Math.min(2 * size, count - next), MAX_BATCH_SIZE)) {
      batchStart();
      boolean failed = false;
      for (int k = 0; k < size; k++) {
        failed |= step.run(next++) && failedStep;
        failedStep = false;
      }
      if (failed) {
        return false;
      }
    }
    return true;
  }

  /** Set by a step that failed with an error, as opposed to one that merely stops (monotonic). */
  private boolean failedStep;

  private void batchStart() {
    List<Integer> b = batches;
    if (b == null) {
      b = new ArrayList<>();
      batches = b;
    }
    int at = actions.size();
    if (b.isEmpty() || b.get(b.size() - 1) != at) {
      b.add(at);
    }
  }

  /**
   * Upstream's processReplica for slot {@code i}. Returns true if the sync should stop here
   * (monotonic) or, with {@link #failedStep}, if the step failed.
   */
  private boolean processReplica(int i) {
    ObservedPod pod = replicas[i];
    if (pod == null) {
      pod = placeholder(i);
      replicas[i] = pod;
    }
    if (isFinished(pod)) {
      if (!isTerminating(pod)) {
        actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.FINISHED));
      }
      halt(pod.name(), "R-ORDER-1", pod.name() + " is " + pod.phase().wireName()
          + "; it is deleted and created again on a later sync");
      return true;
    }
    if (!isCreated(pod)) {
      if (claimIsStale(pod)) {
        return true;
      }
      if (createClaims(pod)) {
        return true;
      }
      if (!pod.hasCanonicalName()) {
        // Upstream creates the very object in the slot, under its own name, and it exists: the
        // create fails with AlreadyExists. Building <set>-<ordinal> instead would create a pod
        // the slot's owner never asked for, beside a live one of that name (R-NAME-5).
        fail(pod.name(), pod.name(), "R-ORDER-10", pod.name() + " holds ordinal " + pod.ordinal()
            + " without a phase; creating it again fails with AlreadyExists",
            alreadyExists(pod.name()));
        return true;
      }
      actions.add(new Action.CreatePod(factory().pod(pod.ordinal(),
          templateOf(revisionForNewPod(pod.ordinal())), pod.revision())));
      Set<String> taken = unmanagedNames;
      if (taken != null && taken.contains(pod.name())) {
        // CreateStatefulPod returns AlreadyExists as the sync's error, before any claim update.
        fail(pod.name(), pod.name(), "R-ORDER-10", pod.name() + " already exists but is not"
            + " managed by " + set.name() + "; its creation fails with AlreadyExists until that pod"
            + " is gone", alreadyExists(pod.name()));
        return true;
      }
      fixClaimOwners(pod);
      if (monotonic) {
        stop(pod.name(), "R-ORDER-2", "created " + pod.name()
            + "; OrderedReady creates one pod per sync and waits for it to be Running and Ready");
        return true;
      }
    }
    if (isPending(pod)) {
      if (createClaims(pod)) {
        return true;
      }
      fixClaimOwners(pod);
    }
    if (monotonic) {
      if (isTerminating(pod)) {
        stop(pod.name(), "R-ORDER-4", pod.name() + " is terminating; OrderedReady waits for it to"
            + " be gone");
        return true;
      }
      if (!isRunningAndReady(pod)) {
        stop(pod.name(), "R-ORDER-5", pod.name() + " is not Running and Ready; OrderedReady waits");
        return true;
      }
      if (!isAvailable(pod, minReadySeconds, now)) {
        stop(pod.name(), "R-ORDER-6", pod.name() + " has not been Ready for minReadySeconds ("
            + minReadySeconds + "s); OrderedReady waits");
        return true;
      }
    }
    boolean identity = Identity.identityMatches(set, pod);
    boolean storage = Identity.storageMatches(set, pod);
    if (identity && storage && claimsMatchPolicy(pod, false)) {
      return false;
    }
    return updatePod(pod, identity, storage);
  }

  /** R-PVC-11: a claim still owned by an earlier pod of this name holds back creation. */
  private boolean claimIsStale(ObservedPod pod) {
    List<VolumeClaimTemplate> templates = spec.volumeClaimTemplates();
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim != null && ClaimOwnership.isStaleForNewPod(claim, set, pod.name())) {
        halt(pod.name(), "R-PVC-11", "claim " + claim.name() + " still belongs to an earlier "
            + pod.name() + "; " + pod.name() + " is created once the garbage collector removes it");
        return true;
      }
    }
    return false;
  }

  /**
   * Creates the pod's missing claims (R-PVC-3, R-PVC-4). Returns true, and marks the step failed,
   * if a claim is being deleted: upstream's create fails then.
   */
  private boolean createClaims(ObservedPod pod) {
    List<VolumeClaimTemplate> templates = spec.volumeClaimTemplates();
    boolean failed = false;
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim == null) {
        actions.add(
            new Action.CreateClaim(factory().claim(templates.get(t), pod.ordinal()), pod.name()));
      } else if (claim.deletionTimestamp() != null) {
        // Every template is tried; the errors are aggregated, as createPersistentVolumeClaims does.
        fail(pod.name(), claim.name(), "R-PVC-3", "pvc " + claim.name() + " is being deleted; "
            + pod.name() + " cannot get its storage until the claim is gone",
            "pvc " + claim.name() + " is being deleted");
        failed = true;
      }
    }
    return failed;
  }

  /**
   * Upstream's ClaimsMatchRetentionPolicy: true if every observed claim of the pod has the owner
   * references the policy wants (R-PVC-8). Missing claims are picked up on a later sync.
   */
  private boolean claimsMatchPolicy(ObservedPod pod, boolean condemned) {
    List<VolumeClaimTemplate> templates = spec.volumeClaimTemplates();
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim != null
          && !isFixed(claim)
          && !ClaimOwnership.isUpToDate(claim, set, pod.name(), pod.uid(), condemned)) {
        return false;
      }
    }
    return true;
  }

  /** Upstream's UpdatePodClaimForRetentionPolicy: rewrites the owner references that differ. */
  private void fixClaimOwners(ObservedPod pod) {
    boolean condemned = !inRange(pod.ordinal());
    List<VolumeClaimTemplate> templates = spec.volumeClaimTemplates();
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim == null || isFixed(claim)) {
        continue;
      }
      // Upstream warns before it checks whether the claim needs an update at all.
      if (ClaimOwnership.hasForeignController(claim, set, pod.name())) {
        anomaly(claim.name(), "R-PVC-8", "has another controller; the retention policy is ignored"
            + " for it: no reference to " + set.name() + " or " + pod.name()
            + " is kept or added (ConflictingController)");
      }
      if (ClaimOwnership.isUpToDate(claim, set, pod.name(), pod.uid(), condemned)) {
        continue;
      }
      actions.add(
          new Action.UpdateClaimOwners(
              claim.name(),
              claim.uid(),
              ClaimOwnership.desiredRefs(claim, set, pod.name(), pod.uid(), condemned),
              pod.name(),
              condemned));
      Set<String> fixed = fixedClaims;
      if (fixed == null) {
        fixed = new HashSet<>();
        fixedClaims = fixed;
      }
      fixed.add(claim.name());
    }
  }

  private boolean isFixed(ObservedClaim claim) {
    Set<String> fixed = fixedClaims;
    return fixed != null && fixed.contains(claim.name());
  }

  /**
   * Upstream's UpdateStatefulPod (R-ID-3): repairs identity and storage in place, creating missing
   * claims, and fixes claim owner references; any of these is followed by a pod update. A pod whose
   * name is not {@code <set>-<ordinal>} cannot be renamed: the update fails.
   */
  private boolean updatePod(ObservedPod pod, boolean identity, boolean storage) {
    if (!storage && createClaims(pod)) {
      return true;
    }
    boolean claimsFixed = !claimsMatchPolicy(pod, !inRange(pod.ordinal()));
    if (claimsFixed) {
      fixClaimOwners(pod);
    }
    if (!identity && !pod.hasCanonicalName()) {
      // The update would rename the pod: the API server rejects it, after the claims are done.
      String canonical = set.name() + "-" + pod.ordinal();
      fail(pod.name(), pod.name(), "R-ID-3", pod.name() + " does not have the identity of ordinal "
          + pod.ordinal() + "; renaming it in place fails at the API server",
          "pods \"" + canonical + "\" not found");
      return true;
    }
    // Fixing claim owners marks the pod dirty too: upstream then updates it, even unchanged.
    if (!identity || !storage || claimsFixed) {
      actions.add(
          new Action.UpdatePod(
              pod.name(),
              pod.uid(),
              set.namespace(),
              // updateIdentity runs only on a mismatch: a matching pod keeps its labels as they
              // are, even without the pod-index label (R-ID-4).
              identity
                  ? pod.labels()
                  : factory().identityLabels(pod.labels(), pod.name(), pod.ordinal()),
              factory().claimVolumes(pod.ordinal())));
    }
    return false;
  }

  /** Fixes the claims of condemned pods before any is deleted (R-PVC-9). */
  private boolean runCondemnedClaims() {
    SlotStep fix =
        i -> {
          ObservedPod pod = condemned.get(i);
          if (!claimsMatchPolicy(pod, true)) {
            fixClaimOwners(pod);
          }
          return false;
        };
    if (monotonic) {
      for (int i = 0; i < condemned.size(); i++) {
        fix.run(i);
      }
      return true;
    }
    return runBatches(condemned.size(), fix);
  }

  /** Upstream's processCondemned over the condemned, highest ordinal first (R-ORDER-8). */
  private boolean runCondemned() {
    if (condemned.isEmpty()) {
      return true;
    }
    ObservedPod firstUnavailable = firstUnavailablePod();
    SlotStep step =
        i -> {
          ObservedPod pod = condemned.get(i);
          if (isTerminating(pod)) {
            if (monotonic) {
              stop(pod.name(), "R-ORDER-8", pod.name() + " is terminating; OrderedReady waits for"
                  + " it to be gone before scaling down further");
              return true;
            }
            return false;
          }
          if (monotonic && pod != firstUnavailable) {
            if (!isRunningAndReady(pod) || !isAvailable(pod, minReadySeconds, now)) {
              String blame = firstUnavailable == null ? pod.name() : firstUnavailable.name();
              stop(blame, "R-ORDER-8", blame + " is not Running, Ready and available; OrderedReady"
                  + " waits before removing " + pod.name());
              return true;
            }
          }
          actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.SCALE_DOWN));
          if (monotonic) {
            stop(pod.name(), "R-ORDER-8", "deleting " + pod.name()
                + "; OrderedReady scales down one pod at a time, highest ordinal first");
          }
          return true;
        };
    if (monotonic) {
      for (int i = 0; i < condemned.size(); i++) {
        if (step.run(i)) {
          return false;
        }
      }
      return true;
    }
    return runBatches(condemned.size(), step);
  }

  /**
   * The first unavailable pod (R-SPLIT-4): the lowest-index unavailable replica, else the
   * lowest-ordinal unavailable condemned pod. Placeholders count as unavailable.
   */
  private @Nullable ObservedPod firstUnavailablePod() {
    if (droppedPods == 0) {
      if (firstUnavailableSlot < replicaCount) {
        return replicas[firstUnavailableSlot];
      }
      return firstUnavailableCondemned();
    }
    for (int i = 0; i < replicaCount; i++) {
      ObservedPod pod = replicas[i];
      if (unavailable(replicas[i])) {
        return replicas[i];
      }
    }
    return firstUnavailableCondemned();
  }

  private @Nullable ObservedPod firstUnavailableCondemned() {
    for (int i = condemned.size() - 1; i >= 0; i--) {
      if (unavailable(condemned.get(i))) {
        return condemned.get(i);
      }
    }
    return null;
  }

  private boolean unavailable(ObservedPod pod) {
    return PodPredicates.isUnavailable(
        pod, minReadySeconds, now, options.maxUnavailableRollingUpdate());
  }

  /** Count of status.currentReplicas decremented by rolling-update deletions (R-STATUS-4). */
  private int updateDeletions;

  /** R-UPDATE-5: delete up to maxUnavailable − unavailable outdated pods, highest first. */
  private void rollingUpdateWithMaxUnavailable() {
    if (!hasOutdated()) {
      return; // nothing to update: the loop below would delete nothing
    }
    RollingUpdate ru = spec.updateStrategy().rollingUpdate();
    int maxUnavailable = ru == null ? 1 : maxUnavailable(ru.maxUnavailable(), replicaCount);
    int unavailablePods = unavailableSlots;
    if (droppedPods > 0) {
      unavailablePods = 0;
      for (int i = replicaCount - 1; i >= 0; i--) {
        if (unavailable(replicas[i])) {
          unavailablePods++;
        }
      }
    }
    if (unavailablePods > maxUnavailable) {
      stop(null, "R-UPDATE-5", unavailablePods + " pods are unavailable, more than"
          + " maxUnavailable (" + maxUnavailable + "); the rolling update waits");
      return;
    }
    int toDelete = maxUnavailable - unavailablePods;
    int deleted = 0;
    for (int i = replicaCount - 1; i >= updateMin && deleted < toDelete; i--) {
      ObservedPod pod = replicas[i];
      if (isOutdated(pod)) {
        actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.UPDATE));
        deleted++;
        updateDeletions++;
      }
    }
    if (deleted == 0) {
      stop(null, "R-UPDATE-5", unavailablePods + " of maxUnavailable (" + maxUnavailable
          + ") pods are unavailable; the rolling update waits for them");
    } else if (deleted > 0) {
      stop(null, "R-UPDATE-5", "deleting " + deleted + " pod(s) for the update to "
          + updateRevision.name() + " (maxUnavailable " + maxUnavailable + ", " + unavailablePods
          + " unavailable)");
    }
  }

  /** R-UPDATE-3: the highest outdated pod is deleted, unless an unavailable pod comes first. */
  private void rollingUpdateOneAtATime() {
    if (!hasOutdated()) {
      return; // nothing to update: the walk below would only find pods to wait for
    }
    for (int i = replicaCount - 1; i >= updateMin; i--) {
      ObservedPod pod = replicas[i];
      if (isOutdated(pod)) {
        actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.UPDATE));
        updateDeletions++;
        stop(pod.name(), "R-UPDATE-3", "deleting " + pod.name() + " for the update to "
            + updateRevision.name() + "; one pod at a time, highest ordinal first");
        return;
      }
      if (unavailable(pod)) {
        stop(pod.name(), "R-UPDATE-3", pod.name() + " is not yet healthy; the rolling update"
            + " waits for it");
        return;
      }
    }
  }

  /** Returns true if a live slot at or above the partition is not at the update revision. */
  private boolean hasOutdated() {
    if (droppedPods == 0) {
      return outdatedSlots > 0;
    }
    for (int i = replicaCount - 1; i >= updateMin; i--) {
      if (isOutdated(replicas[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * maxUnavailable as a number (R-UPDATE-6): unset is 1, a percentage of replicas rounds down, and
   * the result is at least 1.
   */
  static int maxUnavailable(@Nullable IntOrString value, int replicas) {
    int n;
    if (value == null) {
      n = 1;
    } else if (value.isInt()) {
      n = value.intValue();
    } else {
      String s = value.stringValue();
      int percent = Integer.parseInt(s.substring(0, s.length() - 1));
      n = (int) Math.floor((double) percent * replicas / 100.0);
    }
    return Math.max(n, 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Status

  /**
   * The status of the sync (R-STATUS): counted over the pods in slots and the condemned as they
   * were observed, less the rolling-update deletions, completed (R-STATUS-8).
   */
  private StatefulSetStatus status() {
    if (!set.isBeingDeleted() && droppedPods > 0) {
      // Upstream recounts over replicas and condemned: pods that lost their slot drop out.
      recountOverSlots();
    }
    int current = statusCurrent - updateDeletions;
    String currentName = currentRevision.name();
    boolean completes =
        spec.updateStrategy().type() == UpdateStrategyType.ROLLING_UPDATE
            || (options.onDeleteCompletesRollout() && spec.updateStrategy().isOnDelete());
    int desired = replicaCount;
    if (completes
        && statusUpdated == desired
        && statusReady == desired
        && statusReplicas == desired) {
      current = statusUpdated;
      currentName = updateRevision.name();
    }
    return StatefulSetStatus.builder()
        .observedGeneration(set.generation())
        .replicas(statusReplicas)
        .readyReplicas(statusReady)
        .currentReplicas(current)
        .updatedReplicas(statusUpdated)
        .availableReplicas(statusAvailable)
        .currentRevision(currentName)
        .updateRevision(updateRevision.name())
        .collisionCount(collisionCount)
        .build();
  }

  private void recountOverSlots() {
    statusReplicas = 0;
    statusReady = 0;
    statusAvailable = 0;
    statusCurrent = 0;
    statusUpdated = 0;
    for (ObservedPod p : replicas) {
      if (p != null) {
        count(p);
      }
    }
    for (ObservedPod p : condemned) {
      count(p);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Finish: status write, history, requeue

  private ReconcilePlan finish(@Nullable StatefulSetStatus status, List<ControllerRevision> history) {
    if (status != null) {
      if (inconsistentStatus(set.status(), status)) {
        actions.add(new Action.WriteStatus(status));
      }
      truncateHistory(history);
    }
    StatefulSetStatus result = status == null ? set.status() : status;
    SyncError error = syncError();
    return new ReconcilePlan(
        actions,
        result,
        stop,
        error,
        status == null || error != null ? null : requeueAfter(status),
        anomalies == null ? List.of() : anomalies,
        batches == null ? List.of() : batches);
  }

  /**
   * Returns true if a computed status must be written over the set's (R-STATUS-9, upstream's
   * inconsistentStatus): a newer generation or any counter or revision differs; collisionCount
   * alone does not count.
   */
  static boolean inconsistentStatus(StatefulSetStatus old, StatefulSetStatus status) {
    return status.observedGeneration() > old.observedGeneration()
        || status.replicas() != old.replicas()
        || status.currentReplicas() != old.currentReplicas()
        || status.readyReplicas() != old.readyReplicas()
        || status.updatedReplicas() != old.updatedReplicas()
        || !status.currentRevision().equals(old.currentRevision())
        || status.availableReplicas() != old.availableReplicas()
        || !status.updateRevision().equals(old.updateRevision());
  }

  /**
   * R-REV-7: non-live revisions, oldest first, are deleted down to revisionHistoryLimit. Live are
   * the current and update revisions and every revision a managed pod carries.
   */
  private void truncateHistory(List<ControllerRevision> history) {
    Integer limitValue = spec.revisionHistoryLimit();
    int limit = limitValue == null ? 10 : limitValue;
    if (limit < 0 || history.size() <= limit) {
      return;
    }
    Set<String> live = new HashSet<>();
    live.add(currentRevision.name());
    live.add(updateRevision.name());
    for (ObservedPod pod : obs.pods()) {
      Adoption.PodClaim c = Adoption.claimPod(set, pod);
      if (c == Adoption.PodClaim.KEEP || c == Adoption.PodClaim.ADOPT) {
        live.add(pod.revision());
      }
    }
    List<ControllerRevision> old = new ArrayList<>();
    for (ControllerRevision r : history) {
      if (!live.contains(r.name())) {
        old.add(r);
      }
    }
    for (int i = 0; i < old.size() - limit; i++) {
      actions.add(new Action.DeleteRevision(old.get(i).name(), old.get(i).uid()));
    }
  }

  /**
   * R-SYNC-6: with minReadySeconds and fewer available pods than wanted, look again when the next
   * Ready pod becomes available, or after minReadySeconds when none is on its way.
   */
  private @Nullable Duration requeueAfter(StatefulSetStatus status) {
    if (minReadySeconds <= 0 || status.availableReplicas() == replicaCount) {
      return null;
    }
    Duration soonest = null;
    for (ObservedPod pod : replicas) {
      if (pod != null && isHealthy(pod) && !isAvailable(pod, minReadySeconds, now)) {
        Instant since = pod.readyTransitionTime();
        if (since != null) {
          Duration d = Duration.between(now, since.plusSeconds(minReadySeconds));
          if (soonest == null || d.compareTo(soonest) < 0) {
            soonest = d;
          }
        }
      }
    }
    return soonest != null && !soonest.isNegative()
        ? soonest
        : Duration.ofSeconds(minReadySeconds);
  }

  // ---------------------------------------------------------------------------------------------

  private boolean inRange(int ordinal) {
    return ordinal >= start && ordinal - start < replicaCount;
  }

  private void stop(@Nullable String pod, String rule, String message) {
    if (stop == null) {
      stop = new StopReason(pod, rule, message);
    }
  }

  /** Records a step that stops the sync in OrderedReady mode; Parallel mode carries on. */
  private void halt(@Nullable String pod, String rule, String message) {
    if (monotonic) {
      stop(pod, rule, message);
    }
  }

  /**
   * Records a step that fails as upstream's API call would: the sync stops and returns an error.
   *
   * @param pod the pod the stop names, or null
   * @param object the object the error is about
   * @param explanation why, in this project's words (the stop reason)
   * @param error the error upstream returns, in its words
   */
  private void fail(
      @Nullable String pod, String object, String rule, String explanation, String error) {
    failedStep = true;
    stop(pod, rule, explanation);
    if (errors == null) {
      errors = new ArrayList<>(1);
      errorObject = object;
      errorRule = rule;
    }
    if (!errors.contains(error)) {
      errors.add(error);
    }
  }

  /** Upstream's error messages of this sync, distinct, in the order they arise; null while none. */
  private @Nullable List<String> errors;

  private @Nullable String errorObject;
  private @Nullable String errorRule;

  /** The sync's error: one message, or several aggregated as upstream's errors package prints. */
  private @Nullable SyncError syncError() {
    List<String> e = errors;
    if (e == null || errorObject == null || errorRule == null) {
      return null;
    }
    String message = e.size() == 1 ? e.get(0) : "[" + String.join(", ", e) + "]";
    return new SyncError(errorObject, errorRule, message);
  }

  /**
   * Formats a timestamp as Go prints a {@code metav1.Time} with {@code %v} in a controller whose
   * local zone is UTC: {@code 2025-01-02 03:00:01 +0000 UTC}, a fraction only when there is one.
   */
  static String goTime(@Nullable Instant t) {
    if (t == null) {
      return "<nil>";
    }
    java.time.LocalDateTime at = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
    String fraction = "";
    if (at.getNano() != 0) {
      fraction = String.format("%09d", at.getNano()).replaceAll("0+$", "");
      fraction = "." + fraction;
    }
    return String.format(
        "%04d-%02d-%02d %02d:%02d:%02d%s +0000 UTC",
        at.getYear(),
        at.getMonthValue(),
        at.getDayOfMonth(),
        at.getHour(),
        at.getMinute(),
        at.getSecond(),
        fraction);
  }

  private static String alreadyExists(String pod) {
    return "pods \"" + pod + "\" already exists";
  }

  private void anomaly(String subject, String rule, String message) {
    List<Anomaly> a = anomalies;
    if (a == null) {
      a = new ArrayList<>();
      anomalies = a;
    }
    a.add(new Anomaly(subject, rule, message));
  }
}
