package dev.ordinal.core;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import java.time.Instant;

/** Upstream's pod predicates (section 0.1 of the rules): P-CREATED … P-UNAVAILABLE. */
final class PodPredicates {

  private PodPredicates() {}

  /** Returns true if the pod has a phase: placeholders for missing pods have none (P-CREATED). */
  static boolean isCreated(ObservedPod pod) {
    return pod.phase() != null;
  }

  /** Returns true if the pod is Pending (P-PENDING). */
  static boolean isPending(ObservedPod pod) {
    return pod.phase() == PodPhase.PENDING;
  }

  /** Returns true if the pod Failed or Succeeded: it will not run again (P-FAILED, P-SUCCEEDED). */
  static boolean isFinished(ObservedPod pod) {
    PodPhase p = pod.phase();
    return p == PodPhase.FAILED || p == PodPhase.SUCCEEDED;
  }

  /** Returns true if the pod has a deletion timestamp (P-TERMINATING). */
  static boolean isTerminating(ObservedPod pod) {
    return pod.deletionTimestamp() != null;
  }

  /** Returns true if the pod is Running with Ready=True, terminating or not (P-RUNREADY). */
  static boolean isRunningAndReady(ObservedPod pod) {
    return pod.phase() == PodPhase.RUNNING && pod.ready();
  }

  /**
   * Returns true if the pod has been Ready for minReadySeconds at {@code now} (P-AVAILABLE, {@code
   * podutil.IsPodAvailable}): the boundary is inclusive, and the phase is not looked at.
   */
  static boolean isAvailable(ObservedPod pod, int minReadySeconds, Instant now) {
    if (!pod.ready()) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = pod.readyTransitionTime();
    if (since == null) {
      return false;
    }
    // since + minReadySeconds <= now, compared without allocating an Instant.
    long seconds = since.getEpochSecond() + minReadySeconds;
    return seconds < now.getEpochSecond()
        || (seconds == now.getEpochSecond() && since.getNano() <= now.getNano());
  }

  /** Returns true if the pod is Running, Ready and not terminating (P-HEALTHY). */
  static boolean isHealthy(ObservedPod pod) {
    return isRunningAndReady(pod) && !isTerminating(pod);
  }

  /**
   * Returns true if the pod counts against maxUnavailable (P-UNAVAILABLE): not healthy, or not yet
   * available for minReadySeconds. Without {@code honourMinReadySeconds} (before v1.35) only health
   * counts.
   */
  static boolean isUnavailable(
      ObservedPod pod, int minReadySeconds, Instant now, boolean honourMinReadySeconds) {
    if (!isHealthy(pod)) {
      return true;
    }
    return honourMinReadySeconds && !isAvailable(pod, minReadySeconds, now);
  }
}
