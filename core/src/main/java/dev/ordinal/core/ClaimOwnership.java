package dev.ordinal.core;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner references a claim should carry under the set's retention policy (R-PVC-8), and the
 * staleness check that holds back re-creation (R-PVC-11). Mirrors upstream's {@code
 * isClaimOwnerUpToDate} and {@code updateClaimOwnerRefForSetAndPod}.
 */
final class ClaimOwnership {

  static final String POD_API_VERSION = "v1";

  private ClaimOwnership() {}

  /**
   * Returns true if the claim's owner references agree with the policy for this pod (R-PVC-8). A
   * claim with a stale reference (right name, other uid) is left alone; a claim with a foreign
   * controller is up to date unless it also names our set or pod.
   *
   * @param podName the pod the claim belongs to
   * @param podUid the pod's uid; "" for a pod not created yet
   * @param condemned whether the pod's ordinal is outside the replica range
   */
  static boolean isUpToDate(
      ObservedClaim claim, StatefulSet set, String podName, String podUid, boolean condemned) {
    List<OwnerReference> refs = claim.ownerReferences();
    if (hasStaleRef(refs, OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid())
        || hasStaleRef(refs, POD_API_VERSION, OwnerReference.POD, podName, podUid)) {
      return true;
    }
    ClaimRetentionPolicy policy = set.spec().effectiveRetentionPolicy();
    if (hasUnexpectedController(refs, policy, set, podName, podUid)) {
      return !(hasOwner(refs, set.uid()) || hasOwner(refs, podUid));
    }
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      if ((r.uid().equals(set.uid()) || r.uid().equals(podUid)) && !r.controller()) {
        return false;
      }
    }
    boolean setRef = hasOwner(refs, set.uid());
    boolean podRef = hasOwner(refs, podUid);
    boolean scaledDelete = policy.effectiveWhenScaled() == RetentionPolicyType.DELETE;
    boolean deletedDelete = policy.effectiveWhenDeleted() == RetentionPolicyType.DELETE;
    if (!scaledDelete && !deletedDelete) {
      return !setRef && !podRef;
    }
    if (!scaledDelete) {
      return setRef && !podRef;
    }
    if (!deletedDelete) {
      return !setRef && condemned == podRef;
    }
    return condemned != setRef && condemned == podRef;
  }

  /**
   * Returns the claim's owner references as the policy wants them (R-PVC-8): references to our set
   * and pod are scrubbed, then controller references are added per the table; with a foreign
   * controller present none are added.
   */
  static List<OwnerReference> desiredRefs(
      ObservedClaim claim, StatefulSet set, String podName, String podUid, boolean condemned) {
    List<OwnerReference> refs = claim.ownerReferences();
    ClaimRetentionPolicy policy = set.spec().effectiveRetentionPolicy();
    boolean unexpected = hasUnexpectedController(refs, policy, set, podName, podUid);
    List<OwnerReference> out = new ArrayList<>(refs.size() + 1);
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      if (!r.refersTo(OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name())
          && !r.refersTo(POD_API_VERSION, OwnerReference.POD, podName)) {
        out.add(r);
      }
    }
    if (unexpected) {
      return out;
    }
    boolean scaledDelete = policy.effectiveWhenScaled() == RetentionPolicyType.DELETE;
    boolean deletedDelete = policy.effectiveWhenDeleted() == RetentionPolicyType.DELETE;
    if (scaledDelete && condemned) {
      addController(out, POD_API_VERSION, OwnerReference.POD, podName, podUid);
    }
    if (deletedDelete && !(scaledDelete && condemned)) {
      addController(
          out, OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid());
    }
    return out;
  }

  /**
   * Returns true if a claim of a pod about to be created still names an earlier pod of the same
   * name (R-PVC-11). Only with {@code whenScaled: Delete}; any reference to the pod is stale since
   * the new pod has no uid yet.
   */
  static boolean isStaleForNewPod(ObservedClaim claim, StatefulSet set, String podName) {
    if (set.spec().effectiveRetentionPolicy().effectiveWhenScaled() != RetentionPolicyType.DELETE) {
      return false;
    }
    return hasStaleRef(claim.ownerReferences(), POD_API_VERSION, OwnerReference.POD, podName, "");
  }

  /** Upstream's hasStaleOwnerRef: the first reference naming the object decides. */
  private static boolean hasStaleRef(
      List<OwnerReference> refs, String apiVersion, String kind, String name, String uid) {
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      if (r.refersTo(apiVersion, kind, name)) {
        return !r.uid().equals(uid);
      }
    }
    return false;
  }

  private static boolean hasUnexpectedController(
      List<OwnerReference> refs,
      ClaimRetentionPolicy policy,
      StatefulSet set,
      String podName,
      String podUid) {
    if (policy.effectiveWhenScaled() == RetentionPolicyType.RETAIN
        && policy.effectiveWhenDeleted() == RetentionPolicyType.RETAIN) {
      return false;
    }
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      if (r.refersTo(OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name())) {
        if (!r.uid().equals(set.uid())) {
          return true;
        }
        continue;
      }
      if (r.refersTo(POD_API_VERSION, OwnerReference.POD, podName)) {
        if (!r.uid().equals(podUid)) {
          return true;
        }
        continue;
      }
      if (r.controller()) {
        return true;
      }
    }
    return false;
  }

  /** Returns true if the claim has a reference with this uid, as upstream's hasOwnerRef. */
  static boolean hasOwner(List<OwnerReference> refs, String uid) {
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      if (r.uid().equals(uid)) {
        return true;
      }
    }
    return false;
  }

  private static void addController(
      List<OwnerReference> refs, String apiVersion, String kind, String name, String uid) {
    if (!hasOwner(refs, uid)) {
      refs.add(OwnerReference.controllerRef(apiVersion, kind, name, uid));
    }
  }

  /**
   * Returns true if the claim has a controller reference that is neither our set nor our pod, or
   * a reference by our set's or pod's name with another uid (objects of those names that are
   * gone), and the policy manages references: upstream raises ConflictingController only then, as
   * under Retain/Retain any controller is acceptable (hasUnexpectedController).
   */
  static boolean hasForeignController(
      ObservedClaim claim, StatefulSet set, String podName, String podUid) {
    ClaimRetentionPolicy policy = set.spec().effectiveRetentionPolicy();
    if (policy.effectiveWhenScaled() == RetentionPolicyType.RETAIN
        && policy.effectiveWhenDeleted() == RetentionPolicyType.RETAIN) {
      return false;
    }
    List<OwnerReference> refs = claim.ownerReferences();
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      if (r.refersTo(OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name())) {
        if (!r.uid().equals(set.uid())) {
          return true;
        }
      } else if (r.refersTo(POD_API_VERSION, OwnerReference.POD, podName)) {
        if (!r.uid().equals(podUid)) {
          return true;
        }
      } else if (r.controller()) {
        return true;
      }
    }
    return false;
  }
}
