package dev.ordinal.core;

import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.validation.SpecValidator;
import dev.ordinal.core.validation.Violation;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The invariants upstream's controller tests check after every sync (section 3 of the rules: {@code
 * assertMonotonicInvariants}, {@code assertBurstInvariants}, {@code assertUpdateInvariants} and
 * {@code checkClaimInvarients}), written against a {@link FakeCluster}. Identity and storage are
 * checked here from the rules, not with the planner's own helpers, so that a planner bug cannot
 * hide behind a shared one. Each check throws an {@link AssertionError} naming the pod.
 */
final class UpstreamInvariants {

  private UpstreamInvariants() {}

  /** Pods the set's selector lists, in its namespace, by ascending ordinal (upstream's lister). */
  static List<ObservedPod> listedPods(FakeCluster cluster) {
    StatefulSet set = cluster.set();
    return cluster.pods().stream()
        .filter(p -> p.namespace().equals(set.namespace()))
        .filter(p -> set.spec().selector().matches(p.labels()))
        .sorted(Comparator.comparingInt(ObservedPod::ordinal))
        .toList();
  }

  /**
   * OrderedReady (assertMonotonicInvariants): no pod is Running and Ready while its predecessor is
   * not; ordinals run without a gap from {@code ordinals.start}; identity, storage and claims hold.
   */
  static void assertMonotonic(FakeCluster cluster) {
    StatefulSet set = cluster.set();
    List<ObservedPod> pods = listedPods(cluster);
    for (int i = 0; i < pods.size(); i++) {
      ObservedPod pod = pods.get(i);
      if (i > 0 && isRunningAndReady(pod) && !isRunningAndReady(pods.get(i - 1))) {
        throw new AssertionError(
            "successor "
                + pod.name()
                + " is Running and Ready while "
                + pods.get(i - 1).name()
                + " is not");
      }
      int expected = set.spec().startOrdinal() + i;
      if (pod.ordinal() != expected) {
        throw new AssertionError(
            pod.name() + " deployed in the wrong order: expected ordinal " + expected);
      }
      assertStorage(set, pod);
      for (String claimName : claimNames(set, pod)) {
        checkClaim(set, pod, cluster.claims().get(claimName), claimName);
      }
      assertIdentity(set, pod);
    }
  }

  /** Parallel (assertBurstInvariants): identity and storage hold; every claim exists and holds. */
  static void assertBurst(FakeCluster cluster) {
    StatefulSet set = cluster.set();
    for (ObservedPod pod : listedPods(cluster)) {
      assertStorage(set, pod);
      assertClaimsExistAndHold(cluster, pod);
      assertIdentity(set, pod);
    }
  }

  /**
   * assertUpdateInvariants: identity, storage and claims as in burst mode; for RollingUpdate the
   * first {@code status.currentReplicas} pods carry {@code status.currentRevision} and the last
   * {@code status.updatedReplicas} carry {@code status.updateRevision}, as long as every pod is at
   * one of the two.
   *
   * @param liveOnly whether the revision order is checked over pods that are not terminating only.
   *     Upstream's fake deletes pods at once, so its list never holds terminating pods; with
   *     graceful deletion a terminating pod keeps its old revision but no longer counts in {@code
   *     currentReplicas} or {@code updatedReplicas} (R-STATUS-4), so it is left out of the order.
   */
  static void assertUpdate(FakeCluster cluster, boolean liveOnly) {
    StatefulSet set = cluster.set();
    List<ObservedPod> pods = listedPods(cluster);
    for (ObservedPod pod : pods) {
      assertStorage(set, pod);
      assertClaimsExistAndHold(cluster, pod);
      assertIdentity(set, pod);
    }
    if (set.spec().updateStrategy().isOnDelete()) {
      return;
    }
    List<ObservedPod> ordered =
        liveOnly ? pods.stream().filter(p -> p.deletionTimestamp() == null).toList() : pods;
    StatefulSetStatus status = set.status();
    for (ObservedPod pod : ordered) {
      // The order presumes two revisions. A template change in mid-rollout, which upstream's
      // drivers never make, leaves pods of a third; a rollback even makes the old revision the
      // update revision while it sits at the bottom.
      if (!pod.revision().equals(status.currentRevision())
          && !pod.revision().equals(status.updateRevision())) {
        return;
      }
    }
    for (int i = 0; i < status.currentReplicas() && i < ordered.size(); i++) {
      ObservedPod pod = ordered.get(i);
      if (!pod.revision().equals(status.currentRevision())) {
        throw new AssertionError(
            pod.name()
                + " wants current revision "
                + status.currentRevision()
                + ", has "
                + pod.revision());
      }
    }
    for (int i = ordered.size() - 1, j = 0; j < status.updatedReplicas(); i--, j++) {
      if (i < 0) {
        throw new AssertionError(
            "status.updatedReplicas "
                + status.updatedReplicas()
                + " exceeds the "
                + ordered.size()
                + " pods listed");
      }
      ObservedPod pod = ordered.get(i);
      if (!pod.revision().equals(status.updateRevision())) {
        throw new AssertionError(
            pod.name()
                + " wants update revision "
                + status.updateRevision()
                + ", has "
                + pod.revision());
      }
    }
  }

  private static void assertClaimsExistAndHold(FakeCluster cluster, ObservedPod pod) {
    StatefulSet set = cluster.set();
    for (String claimName : claimNames(set, pod)) {
      ObservedClaim claim = cluster.claims().get(claimName);
      if (claim == null) {
        // Upstream's burst and update checks fail on the lister's NotFound error.
        throw new AssertionError("claim " + claimName + " of " + pod.name() + " not found");
      }
      checkClaim(set, pod, claim, claimName);
    }
  }

  /**
   * checkClaimInvarients: a missing claim is an error only with {@code whenScaled: Retain}; owner
   * references are checked once the pod is Running and Ready, against R-PVC-8's table (by uid, as
   * upstream's {@code hasOwnerRef}).
   */
  static void checkClaim(
      StatefulSet set, ObservedPod pod, @Nullable ObservedClaim claim, String claimName) {
    RetentionPolicyType whenScaled = set.spec().effectiveRetentionPolicy().effectiveWhenScaled();
    RetentionPolicyType whenDeleted = set.spec().effectiveRetentionPolicy().effectiveWhenDeleted();
    if (claim == null) {
      if (whenScaled == RetentionPolicyType.RETAIN) {
        throw new AssertionError(
            "claim " + claimName + " for pod " + pod.name() + " was not created");
      }
      return;
    }
    if (!isRunningAndReady(pod)) {
      return;
    }
    boolean setRef = hasOwner(claim, set.uid());
    boolean podRef = hasOwner(claim, pod.uid());
    boolean inRange = inOrdinalRange(set, pod.ordinal());
    boolean expectSetRef;
    boolean expectPodRef;
    if (whenScaled == RetentionPolicyType.RETAIN) {
      expectSetRef = whenDeleted == RetentionPolicyType.DELETE;
      expectPodRef = false;
    } else if (whenDeleted == RetentionPolicyType.RETAIN) {
      expectSetRef = false;
      expectPodRef = !inRange;
    } else {
      expectSetRef = inRange;
      expectPodRef = !inRange;
    }
    if (setRef != expectSetRef || podRef != expectPodRef) {
      throw new AssertionError(
          "claim "
              + claimName
              + " of "
              + (inRange ? "live" : "condemned")
              + " pod "
              + pod.name()
              + " under whenScaled="
              + whenScaled.wireName()
              + ", whenDeleted="
              + whenDeleted.wireName()
              + " has bad owner references: "
              + claim.ownerReferences()
              + " (R-PVC-8)");
    }
  }

  /** Claim names of the pod's ordinal, one per claim template (R-PVC-1). */
  static List<String> claimNames(StatefulSet set, ObservedPod pod) {
    return set.spec().volumeClaimTemplates().stream()
        .map(t -> PodNames.claimName(t.name(), set.name(), pod.ordinal()))
        .toList();
  }

  /** Identity (R-ID-2): parent, canonical name, namespace and the pod-name label. */
  static boolean identityMatches(StatefulSet set, ObservedPod pod) {
    int ordinal = pod.ordinal();
    return ordinal >= 0
        && pod.name().equals(PodNames.podName(set.name(), ordinal))
        && pod.namespace().equals(set.namespace())
        && pod.name().equals(pod.labels().get(ObservedPod.POD_NAME_LABEL));
  }

  /** Storage (R-PVC-5): a volume per claim template naming the ordinal's claim. */
  static boolean storageMatches(StatefulSet set, ObservedPod pod) {
    if (pod.ordinal() < 0) {
      return false;
    }
    for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
      String want = PodNames.claimName(t.name(), set.name(), pod.ordinal());
      if (!want.equals(pod.claimVolumes().get(t.name()))) {
        return false;
      }
    }
    return true;
  }

  private static void assertIdentity(StatefulSet set, ObservedPod pod) {
    if (!identityMatches(set, pod)) {
      throw new AssertionError(pod.name() + " does not match the identity of " + set.name());
    }
  }

  private static void assertStorage(StatefulSet set, ObservedPod pod) {
    if (!storageMatches(set, pod)) {
      throw new AssertionError(
          pod.name() + " does not match the storage of " + set.name() + ": " + pod.claimVolumes());
    }
  }

  /**
   * The apiserver's status validation (R-STATUS-11) of the status a plan writes, if any, against
   * the stored one. Upstream decrements {@code currentReplicas} for every rolling-update deletion
   * (R-STATUS-4), also of a pod that was never counted at the current revision, so the count can
   * drop below zero and the apiserver rejects that write; with those decrements undone the status
   * must be valid.
   */
  static void assertWrittenStatusValid(Observation obs, ReconcilePlan plan) {
    List<Action.WriteStatus> writes = plan.actionsOf(Action.WriteStatus.class);
    if (writes.size() > 1) {
      throw new AssertionError("two status writes in " + plan.actions());
    }
    if (writes.isEmpty()) {
      return;
    }
    StatefulSetStatus status = writes.get(0).status();
    if (!status.equals(plan.status())) {
      throw new AssertionError("written " + status + " is not the plan's " + plan.status());
    }
    int uncounted = 0;
    for (Action.DeletePod d : plan.actionsOf(Action.DeletePod.class)) {
      if (d.reason() == DeleteReason.UPDATE) {
        ObservedPod pod =
            obs.pods().stream().filter(p -> p.uid().equals(d.uid())).findFirst().orElseThrow();
        if (!pod.revision().equals(status.currentRevision())) {
          uncounted++;
        }
      }
    }
    StatefulSetStatus undone =
        StatefulSetStatus.builder()
            .observedGeneration(status.observedGeneration())
            .replicas(status.replicas())
            .readyReplicas(status.readyReplicas())
            .currentReplicas(status.currentReplicas() + uncounted)
            .updatedReplicas(status.updatedReplicas())
            .availableReplicas(status.availableReplicas())
            .currentRevision(status.currentRevision())
            .updateRevision(status.updateRevision())
            .collisionCount(status.collisionCount())
            .conditions(status.conditions())
            .build();
    List<Violation> violations = SpecValidator.validateStatus(undone, obs.set().status());
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "status " + status + " written by " + plan.actions() + " is invalid: " + violations);
    }
  }

  /**
   * The set's maxUnavailable as a number (R-UPDATE-6): 1 without a {@code rollingUpdate} block or
   * value, an integer as is, a percentage of replicas rounded down; at least 1.
   */
  static int maxUnavailable(StatefulSet set) {
    RollingUpdate ru = set.spec().updateStrategy().rollingUpdate();
    IntOrString value = ru == null ? null : ru.maxUnavailable();
    if (value == null) {
      return 1;
    }
    int n;
    if (value.isInt()) {
      n = value.intValue();
    } else {
      String s = value.stringValue();
      n = Integer.parseInt(s.substring(0, s.length() - 1)) * set.spec().effectiveReplicas() / 100;
    }
    return Math.max(1, n);
  }

  static boolean isRunningAndReady(ObservedPod pod) {
    return pod.phase() == PodPhase.RUNNING && pod.ready();
  }

  static boolean inOrdinalRange(StatefulSet set, int ordinal) {
    int start = set.spec().startOrdinal();
    return ordinal >= start && ordinal < start + set.spec().effectiveReplicas();
  }

  private static boolean hasOwner(ObservedClaim claim, String uid) {
    for (OwnerReference ref : claim.ownerReferences()) {
      if (ref.uid().equals(uid)) {
        return true;
      }
    }
    return false;
  }
}
