package dev.ordinal.core;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;

/**
 * Which pods and revisions belong to a set (R-ADOPT): upstream's {@code ClaimPods} with the
 * membership filter, and {@code adoptOrphanRevisions}.
 */
final class Adoption {

  /** What happens to one observed pod. */
  enum PodClaim {
    /** Owned and selected: the set manages it. */
    KEEP,
    /** An orphan the set selects: adopted, then managed. */
    ADOPT,
    /** Owned but no longer selected: its owner reference is removed. */
    RELEASE,
    /** Not the set's business. */
    IGNORE
  }

  private Adoption() {}

  /** Decides a pod's fate as {@code ControllerRefManager.ClaimObject} does (R-ADOPT-1..4). */
  static PodClaim claimPod(StatefulSet set, ObservedPod pod) {
    if (!pod.namespace().equals(set.namespace())) {
      return PodClaim.IGNORE;
    }
    OwnerReference controller = pod.controllerRef();
    boolean match = matches(set, pod);
    if (controller != null) {
      if (!controller.uid().equals(set.uid())) {
        return PodClaim.IGNORE;
      }
      if (match) {
        return PodClaim.KEEP;
      }
      return set.isBeingDeleted() ? PodClaim.IGNORE : PodClaim.RELEASE;
    }
    if (set.isBeingDeleted() || !match || pod.deletionTimestamp() != null) {
      return PodClaim.IGNORE;
    }
    return PodClaim.ADOPT;
  }

  /** Returns true if the selector selects the pod and its name makes it a member (R-ADOPT-2). */
  static boolean matches(StatefulSet set, ObservedPod pod) {
    LabelSelector selector = set.spec().selector();
    return selector != null
        && pod.parentName().equals(set.name())
        && selector.matches(pod.labels());
  }

  /**
   * Returns true if the revision is the set's history: in its namespace, selected by its selector,
   * and owned by the set or by nobody (R-REV-6).
   */
  static boolean isHistory(StatefulSet set, ControllerRevision revision) {
    if (!revision.namespace().equals(set.namespace())) {
      return false;
    }
    LabelSelector selector = set.spec().selector();
    if (selector == null || !selector.matches(revision.labels())) {
      return false;
    }
    OwnerReference controller = revision.controllerRef();
    return controller == null || controller.uid().equals(set.uid());
  }
}
