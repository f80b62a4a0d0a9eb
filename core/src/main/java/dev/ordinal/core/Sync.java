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
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import dev.ordinal.api.plan.SyncError;
import dev.ordinal.core.revision.Revisions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
 * reads (a claim being deleted, a pod that cannot be renamed) the plan stops there and carries the
 * error upstream's sync returns ({@link SyncError}).
 *
 * <p><b>How one pass counts.</b> Upstream walks the pods several times: to claim them, to file
 * them into slots, to count the status, to find the first unavailable pod, to count unavailable
 * and outdated replicas. Here the revisions are chosen first, so that the single pass that claims
 * the pods can also count each managed pod into the status ({@link StatusTally}) and file it into
 * its slot ({@link Slots}), which gathers on the way what scale-down and the update phase will ask.
 * Only odd input (two pods of one ordinal, an unparsable ordinal) sends the status and the slot
 * queries back over the slots, as upstream counts only the pods it filed.
 */
final class Sync {

  /** Upstream's {@code MaxBatchSize}: the largest slow-start batch in Parallel mode. */
  static final int MAX_BATCH_SIZE = 500;

  // The observation and what the sync reads of it often.
  private final Observation obs;
  private final StatefulSet set;
  private final StatefulSetSpec spec;
  private final ReconcilerOptions options;
  private final Instant now;
  private final int minReadySeconds;
  /** OrderedReady: one pod at a time; Parallel is not monotonic. */
  private final boolean monotonic;
  private final int start;
  private final int replicaCount;
  /** The lowest partition index: rolling-update deletions stop there. */
  private final int updateMin;

  // The revisions, chosen before the pods are claimed.
  private ControllerRevision currentRevision;
  private ControllerRevision updateRevision;
  private int collisionCount;

  // The pods, filed and counted in one pass (see the class comment).
  private @Nullable Slots slots;
  private @Nullable StatusTally tally;
  private final ClaimSteps claims;
  /** The events the sync records, as upstream's pod control would (R-EVENT-1). */
  private final Events events;
  /** Built when the sync first needs a pod or claim. */
  private @Nullable PodFactory factory;
  /** Names of pods in the set's namespace that the set does not manage; null while none. */
  private @Nullable Set<String> unmanagedNames;
  /** Pods this plan deletes; null while none. */
  private @Nullable Set<String> deletedPods;
  /** Count of status.currentReplicas decremented by rolling-update deletions (R-STATUS-4). */
  private int updateDeletions;

  // What the plan records.
  private final List<Action> actions = new ArrayList<>();
  private @Nullable List<Anomaly> anomalies;
  private @Nullable List<Integer> batches;
  private @Nullable StopReason stop;
  /** Set by a step that failed with an error, as opposed to one that merely stops (monotonic). */
  private boolean failedStep;
  /** Upstream's error messages of this sync, distinct, in the order they arise; null while none. */
  private @Nullable List<String> errors;
  private @Nullable String errorObject;
  private @Nullable String errorRule;

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
    this.claims = new ClaimSteps(this, obs);
    this.events = new Events(set, options);
  }

  /** The events of this sync: its steps record into it. */
  Events events() {
    return events;
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

    slots().seal(currentRevision == updateRevision ? 0 : newPodsAtCurrentBelow());
    updateStatefulSet();
    StatefulSetStatus status = status();
    return finish(status, history);
  }

  private Slots slots() {
    Slots s = slots;
    if (s == null) {
      throw new IllegalStateException("bug: the pods are not claimed yet");
    }
    return s;
  }

  private StatusTally tally() {
    StatusTally t = tally;
    if (t == null) {
      throw new IllegalStateException("bug: the pods are not claimed yet");
    }
    return t;
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
    Slots s =
        new Slots(
            start,
            replicaCount,
            updateMin,
            minReadySeconds,
            now,
            options.maxUnavailableRollingUpdate(),
            updateRevision.name());
    StatusTally t =
        new StatusTally(minReadySeconds, now, currentRevision.name(), updateRevision.name());
    slots = s;
    tally = t;
    List<ObservedPod> pods = obs.pods();
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
      t.count(pod);
      file(s, pod);
    }
  }

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

  /** Files a managed pod into its slot (R-SPLIT-1), noting the pods that fit nowhere (R-NAME-5). */
  private void file(Slots s, ObservedPod pod) {
    switch (s.file(pod)) {
      case SLOT:
      case CONDEMNED:
        break;
      case DUPLICATE:
        ObservedPod previous = s.displaced();
        anomaly(previous.name(), "R-NAME-5", "shares ordinal " + pod.ordinal() + " with "
            + pod.name() + ", which comes later and takes the slot; " + previous.name()
            + " is neither a replica nor condemned");
        break;
      case UNPARSABLE:
        anomaly(pod.name(), "R-SPLIT-1", "its ordinal does not parse as a 32-bit number; ignored");
        break;
      default:
        throw new AssertionError();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // New pods (R-UPDATE-1)

  /**
   * The slots below which a (re)created pod gets the current revision (R-UPDATE-1): the partition,
   * or for a RollingUpdate without a block {@code status.currentReplicas}; none for OnDelete.
   */
  private int newPodsAtCurrentBelow() {
    RollingUpdate ru = spec.updateStrategy().rollingUpdate();
    if (ru != null) {
      return ru.effectivePartition();
    }
    return spec.updateStrategy().type() == UpdateStrategyType.ROLLING_UPDATE
        ? set.status().currentReplicas()
        : 0;
  }

  /** Returns the revision a (re)created pod of this ordinal gets (R-UPDATE-1). */
  private ControllerRevision revisionForNewPod(int ordinal) {
    return ordinal - start < newPodsAtCurrentBelow() ? currentRevision : updateRevision;
  }

  /** Returns the placeholder for an empty slot, at the revision R-UPDATE-1 gives it. */
  private ObservedPod placeholder(int index) {
    int ordinal = start + index;
    ControllerRevision revision = revisionForNewPod(ordinal);
    return factory().placeholder(ordinal, templateOf(revision), revision.name());
  }

  private PodTemplate templateOf(ControllerRevision revision) {
    return revision == updateRevision && revision.data().equals(spec.template().revisionData())
        ? spec.template()
        : revision.template();
  }

  PodFactory factory() {
    PodFactory f = factory;
    if (f == null) {
      f = new PodFactory(set, options.podIndexLabel());
      factory = f;
    }
    return f;
  }

  // ---------------------------------------------------------------------------------------------
  // updateStatefulSet

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

  private interface SlotStep {
    /** Returns true if the step stopped on an error (burst) or asks to stop (monotonic). */
    boolean run(int i);
  }

  /** Upstream's runForAll: in order under OrderedReady, else in slow-start batches (R-SYNC-5). */
  private boolean runForAll(int count, SlotStep step) {
    if (monotonic) {
      for (int i = 0; i < count; i++) {
        if (step.run(i)) {
          return false;
        }
      }
      return true;
    }
    return runBatches(count, step);
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

  /** Runs processReplica over the slots; the OrderedReady loop calls it directly, per pod. */
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

  /**
   * Upstream's processReplica for slot {@code i}. Returns true if the sync should stop here
   * (monotonic) or, with {@link #failedStep}, if the step failed.
   */
  private boolean processReplica(int i) {
    Slots s = slots();
    ObservedPod pod = s.replica(i);
    if (pod == null) {
      pod = placeholder(i);
      s.fill(i, pod);
    }
    if (isFinished(pod)) {
      if (!isTerminating(pod)) {
        actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.FINISHED));
        deleted(pod.name());
      }
      stopIfOrderedReady(pod.name(), "R-ORDER-1", pod.name() + " is " + pod.phase().wireName()
          + "; it is deleted and created again on a later sync");
      return true;
    }
    if (!isCreated(pod)) {
      if (claims.isStale(pod)) {
        return true;
      }
      if (claims.create(pod, "create")) {
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
      claims.fixOwners(pod, false);
      events.podSucceeded("create", pod.name());
      if (monotonic) {
        stop(pod.name(), "R-ORDER-2", "created " + pod.name()
            + "; OrderedReady creates one pod per sync and waits for it to be Running and Ready");
        return true;
      }
    }
    if (isPending(pod)) {
      // createMissingPersistentVolumeClaims records no pod event when a claim fails.
      if (claims.create(pod, null)) {
        return true;
      }
      claims.fixOwners(pod, false);
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
    if (identity && storage && claims.matchPolicy(pod, false)) {
      return false;
    }
    return updatePod(pod, identity, storage);
  }

  /**
   * Upstream's UpdateStatefulPod (R-ID-3): repairs identity and storage in place, creating missing
   * claims, and fixes claim owner references; any of these is followed by a pod update. A pod whose
   * name is not {@code <set>-<ordinal>} cannot be renamed: the update fails.
   */
  private boolean updatePod(ObservedPod pod, boolean identity, boolean storage) {
    if (!storage && claims.create(pod, "update")) {
      return true;
    }
    boolean claimsFixed = !claims.matchPolicy(pod, false);
    if (claimsFixed) {
      claims.fixOwners(pod, false);
    }
    if (!identity && !pod.hasCanonicalName()) {
      // The update would rename the pod: the API server rejects it, after the claims are done.
      String canonical = set.name() + "-" + pod.ordinal();
      // The update was attempted on the renamed copy: the warning names the new name.
      events.podFailed("update", canonical, "pods \"" + canonical + "\" not found");
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
      events.podSucceeded("update", pod.name());
    }
    return false;
  }

  /** Fixes the claims of condemned pods before any is deleted (R-PVC-9). */
  private boolean runCondemnedClaims() {
    Slots s = slots();
    return runForAll(
        s.condemnedCount(),
        i -> {
          ObservedPod pod = s.condemned(i);
          if (!claims.matchPolicy(pod, true)) {
            claims.fixOwners(pod, true);
          }
          return false;
        });
  }

  /** Upstream's processCondemned over the condemned, highest ordinal first (R-ORDER-8). */
  private boolean runCondemned() {
    Slots s = slots();
    if (s.condemnedCount() == 0) {
      return true;
    }
    ObservedPod firstUnavailable = s.firstUnavailable();
    return runForAll(
        s.condemnedCount(),
        i -> {
          ObservedPod pod = s.condemned(i);
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
          deleted(pod.name());
          if (monotonic) {
            stop(pod.name(), "R-ORDER-8", "deleting " + pod.name()
                + "; OrderedReady scales down one pod at a time, highest ordinal first");
          }
          return true;
        });
  }

  /** R-UPDATE-5: delete up to maxUnavailable − unavailable outdated pods, highest first. */
  private void rollingUpdateWithMaxUnavailable() {
    Slots s = slots();
    if (!s.hasOutdated()) {
      return; // nothing to update: the loop below would delete nothing
    }
    RollingUpdate ru = spec.updateStrategy().rollingUpdate();
    int maxUnavailable = ru == null ? 1 : maxUnavailable(ru.maxUnavailable(), replicaCount);
    int unavailablePods = s.unavailableReplicas();
    if (unavailablePods > maxUnavailable) {
      stop(null, "R-UPDATE-5", unavailablePods + " pods are unavailable, more than"
          + " maxUnavailable (" + maxUnavailable + "); the rolling update waits");
      return;
    }
    int toDelete = maxUnavailable - unavailablePods;
    int deleted = 0;
    for (int i = replicaCount - 1; i >= updateMin && deleted < toDelete; i--) {
      ObservedPod pod = s.replica(i);
      if (s.isOutdated(pod)) {
        actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.UPDATE));
        deleted(pod.name());
        deleted++;
        updateDeletions++;
      }
    }
    if (deleted == 0) {
      stop(null, "R-UPDATE-5", unavailablePods + " of maxUnavailable (" + maxUnavailable
          + ") pods are unavailable; the rolling update waits for them");
    } else {
      stop(null, "R-UPDATE-5", "deleting " + deleted + " pod(s) for the update to "
          + updateRevision.name() + " (maxUnavailable " + maxUnavailable + ", " + unavailablePods
          + " unavailable)");
    }
  }

  /** R-UPDATE-3: the highest outdated pod is deleted, unless an unavailable pod comes first. */
  private void rollingUpdateOneAtATime() {
    Slots s = slots();
    if (!s.hasOutdated()) {
      return; // nothing to update: the walk below would only find pods to wait for
    }
    for (int i = replicaCount - 1; i >= updateMin; i--) {
      ObservedPod pod = s.replica(i);
      if (s.isOutdated(pod)) {
        actions.add(new Action.DeletePod(pod.name(), pod.uid(), DeleteReason.UPDATE));
        deleted(pod.name());
        updateDeletions++;
        stop(pod.name(), "R-UPDATE-3", "deleting " + pod.name() + " for the update to "
            + updateRevision.name() + "; one pod at a time, highest ordinal first");
        return;
      }
      if (s.unavailable(pod)) {
        stop(pod.name(), "R-UPDATE-3", pod.name() + " is not yet healthy; the rolling update"
            + " waits for it");
        return;
      }
    }
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
    StatusTally t = tally();
    if (!set.isBeingDeleted() && slots().droppedAny()) {
      // Upstream recounts over replicas and condemned: pods that lost their slot drop out.
      slots().recount(t);
    }
    int current = t.current - updateDeletions;
    String currentName = currentRevision.name();
    boolean completes =
        spec.updateStrategy().type() == UpdateStrategyType.ROLLING_UPDATE
            || (options.onDeleteCompletesRollout() && spec.updateStrategy().isOnDelete());
    int desired = replicaCount;
    if (completes && t.updated == desired && t.ready == desired && t.replicas == desired) {
      current = t.updated;
      currentName = updateRevision.name();
    }
    return StatefulSetStatus.builder()
        .observedGeneration(set.generation())
        .replicas(t.replicas)
        .readyReplicas(t.ready)
        .currentReplicas(current)
        .updatedReplicas(t.updated)
        .availableReplicas(t.available)
        .currentRevision(currentName)
        .updateRevision(updateRevision.name())
        .collisionCount(collisionCount)
        .build();
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
        batches == null ? List.of() : batches,
        events.recorded());
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
    Slots s = slots();
    Duration soonest = null;
    for (int i = 0; i < s.size(); i++) {
      ObservedPod pod = s.replica(i);
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
  // Recording: what the steps and ClaimSteps call

  /** Records an action. */
  void add(Action action) {
    actions.add(action);
  }

  /**
   * Records the event of a pod delete. A pod this sync already deleted (a finished pod the update
   * phase deletes again) is gone at the second call: {@code NotFound}, which 1.36 records as a
   * success and earlier releases as a failure (R-EVENT-1).
   */
  private void deleted(String pod) {
    Set<String> d = deletedPods;
    if (d == null) {
      d = new HashSet<>(2);
      deletedPods = d;
    }
    if (d.add(pod) || options.deleteNotFoundSucceeds()) {
      events.podSucceeded("delete", pod);
    } else {
      events.podFailed("delete", pod, "pods \"" + pod + "\" not found");
    }
  }

  /** Records why the sync stops; the first reason wins. */
  private void stop(@Nullable String pod, String rule, String message) {
    if (stop == null) {
      stop = new StopReason(pod, rule, message);
    }
  }

  /**
   * Records a step that stops the sync only under OrderedReady (a monotonic set); in Parallel
   * mode the other steps carry on and nothing is recorded.
   */
  void stopIfOrderedReady(@Nullable String pod, String rule, String message) {
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
  void fail(@Nullable String pod, String object, String rule, String explanation, String error) {
    failedStep = true;
    stop(pod, rule, explanation);
    List<String> e = errors;
    if (e == null) {
      e = new ArrayList<>(1);
      errors = e;
      errorObject = object;
      errorRule = rule;
    }
    if (!e.contains(error)) {
      e.add(error);
    }
  }

  /** The sync's error: one message, or several aggregated as upstream's errors package prints. */
  private @Nullable SyncError syncError() {
    List<String> e = errors;
    if (e == null || errorObject == null || errorRule == null) {
      return null;
    }
    String message = e.size() == 1 ? e.get(0) : "[" + String.join(", ", e) + "]";
    return new SyncError(errorObject, errorRule, message);
  }

  /** Records odd observed state the sync tolerates. */
  void anomaly(String subject, String rule, String message) {
    List<Anomaly> a = anomalies;
    if (a == null) {
      a = new ArrayList<>();
      anomalies = a;
    }
    a.add(new Anomaly(subject, rule, message));
  }

  private static String alreadyExists(String pod) {
    return "pods \"" + pod + "\" already exists";
  }

  /**
   * Formats a timestamp as Go prints a {@code metav1.Time} with {@code %v} in a controller whose
   * local zone is UTC: {@code 2025-01-02 03:00:01 +0000 UTC}, a fraction only when there is one.
   */
  static String goTime(@Nullable Instant t) {
    if (t == null) {
      return "<nil>";
    }
    LocalDateTime at = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    String fraction = "";
    if (at.getNano() != 0) {
      fraction = "." + String.format("%09d", at.getNano()).replaceAll("0+$", "");
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
}
