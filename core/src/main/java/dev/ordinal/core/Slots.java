package dev.ordinal.core;

import static dev.ordinal.core.PodPredicates.isTerminating;

import dev.ordinal.api.ObservedPod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The pods of one sync as upstream's {@code updateStatefulSet} files them (R-SPLIT): one slot per
 * replica index, empty until a placeholder fills it, and the condemned pods outside the range,
 * highest ordinal first; with what scale-down and the update phase ask of the slots.
 *
 * <p><b>Counted or scanned.</b> The answers (the first unavailable pod, how many replicas are
 * unavailable, whether any is outdated) are counted while the pods are filed, so that no phase
 * walks the slots again. The counts are exact only while every claimed pod kept the slot it was
 * filed into: a pod that loses its slot to a later pod of the same ordinal (R-NAME-5), or one whose
 * ordinal does not parse, is dropped, and then the queries scan the slots instead. Callers never
 * see which of the two answered.
 */
final class Slots {

  /** Where {@link #file} put a pod. */
  enum Filing {
    /** Into its slot. */
    SLOT,
    /** Into its slot, displacing an earlier pod of the same ordinal ({@link #displaced()}). */
    DUPLICATE,
    /** Among the condemned: its ordinal is outside the replica range. */
    CONDEMNED,
    /** Nowhere: its ordinal does not parse. */
    UNPARSABLE
  }

  private final int start;
  private final int updateMin;
  private final int minReadySeconds;
  private final Instant now;
  private final boolean honourMinReadySeconds;
  private final String updateRevision;

  /** Pods in the replica range by index; null where none exists (a placeholder in upstream). */
  private final ObservedPod[] replicas;
  /** Pods above or below the range; highest ordinal first once {@link #seal sealed}. */
  private final List<ObservedPod> condemned = new ArrayList<>(0);
  /** The pod the last {@link Filing#DUPLICATE} displaced. */
  private @Nullable ObservedPod displaced;

  /** Claimed pods that neither fill a slot nor are condemned: while any, the counts are off. */
  private int droppedPods;
  private int filledSlots;
  private int unavailableSlots;
  private int firstUnavailableSlot = Integer.MAX_VALUE;
  /** Live slots at or above updateMin whose revision is not the update revision. */
  private int outdatedSlots;

  /**
   * @param updateMin the lowest index rolling-update deletions reach (the partition)
   * @param honourMinReadySeconds whether a Ready pod counts as unavailable until minReadySeconds
   *     have passed (the maxUnavailable path of the update)
   */
  Slots(
      int start,
      int replicaCount,
      int updateMin,
      int minReadySeconds,
      Instant now,
      boolean honourMinReadySeconds,
      String updateRevision) {
    this.start = start;
    this.replicas = new ObservedPod[replicaCount];
    this.updateMin = updateMin;
    this.minReadySeconds = minReadySeconds;
    this.now = now;
    this.honourMinReadySeconds = honourMinReadySeconds;
    this.updateRevision = updateRevision;
  }

  /** Files a managed pod by its ordinal (R-SPLIT-1, R-NAME-5); a later duplicate wins the slot. */
  Filing file(ObservedPod pod) {
    int ordinal = pod.ordinal();
    if (ordinal < 0) {
      droppedPods++;
      return Filing.UNPARSABLE;
    }
    if (!inRange(ordinal)) {
      condemned.add(pod);
      return Filing.CONDEMNED;
    }
    int slot = ordinal - start;
    ObservedPod previous = replicas[slot];
    replicas[slot] = pod;
    if (previous == null) {
      filledSlots++;
      note(slot, pod);
      return Filing.SLOT;
    }
    droppedPods++;
    displaced = previous;
    return Filing.DUPLICATE;
  }

  /** Returns the pod the last {@link Filing#DUPLICATE} displaced. */
  ObservedPod displaced() {
    ObservedPod d = displaced;
    if (d == null) {
      throw new IllegalStateException("bug: no pod was displaced");
    }
    return d;
  }

  private void note(int slot, ObservedPod pod) {
    if (unavailable(pod)) {
      unavailableSlots++;
      firstUnavailableSlot = Math.min(firstUnavailableSlot, slot);
    }
    if (slot >= updateMin && isOutdated(pod)) {
      outdatedSlots++;
    }
  }

  /**
   * Ends the filing: counts the empty slots (upstream's placeholders, R-SPLIT-2), which are
   * unavailable and, below {@code currentBelow}, get the current revision rather than the update
   * revision (R-UPDATE-1); sorts the condemned, highest ordinal first (R-SPLIT-3).
   */
  void seal(int currentBelow) {
    if (filledSlots < replicas.length) {
      for (int i = 0; i < replicas.length; i++) {
        if (replicas[i] == null) {
          unavailableSlots++;
          firstUnavailableSlot = Math.min(firstUnavailableSlot, i);
          if (i >= updateMin && i < currentBelow) {
            outdatedSlots++;
          }
        }
      }
    }
    if (condemned.size() > 1) {
      condemned.sort((a, b) -> Integer.compare(b.ordinal(), a.ordinal()));
    }
  }

  /** Returns the number of replica slots. */
  int size() {
    return replicas.length;
  }

  /** Returns the pod in slot {@code i}, or null while the slot is empty. */
  @Nullable ObservedPod replica(int i) {
    return replicas[i];
  }

  /** Puts a placeholder into an empty slot, as processReplica builds one when it reaches it. */
  void fill(int i, ObservedPod placeholder) {
    replicas[i] = placeholder;
  }

  int condemnedCount() {
    return condemned.size();
  }

  /** Returns the {@code i}th condemned pod, highest ordinal first. */
  ObservedPod condemned(int i) {
    return condemned.get(i);
  }

  /** Returns the lowest index rolling-update deletions reach. */
  int updateMin() {
    return updateMin;
  }

  /** Returns true if the ordinal is in the replica range. */
  boolean inRange(int ordinal) {
    return ordinal >= start && ordinal - start < replicas.length;
  }

  /** Returns true if some claimed pod is in no slot: upstream's status does not count it. */
  boolean droppedAny() {
    return droppedPods > 0;
  }

  /**
   * The first unavailable pod (R-SPLIT-4): the lowest-index unavailable replica, else the
   * lowest-ordinal unavailable condemned pod. Placeholders count as unavailable.
   */
  @Nullable ObservedPod firstUnavailable() {
    if (droppedPods == 0) {
      if (firstUnavailableSlot < replicas.length) {
        return replicas[firstUnavailableSlot];
      }
    } else {
      for (ObservedPod pod : replicas) {
        if (unavailable(pod)) {
          return pod;
        }
      }
    }
    for (int i = condemned.size() - 1; i >= 0; i--) {
      if (unavailable(condemned.get(i))) {
        return condemned.get(i);
      }
    }
    return null;
  }

  /** Returns how many replica slots are unavailable, empty ones included. */
  int unavailableReplicas() {
    if (droppedPods == 0) {
      return unavailableSlots;
    }
    int n = 0;
    for (ObservedPod pod : replicas) {
      if (unavailable(pod)) {
        n++;
      }
    }
    return n;
  }

  /** Returns true if a live slot at or above the partition is not at the update revision. */
  boolean hasOutdated() {
    if (droppedPods == 0) {
      return outdatedSlots > 0;
    }
    for (int i = replicas.length - 1; i >= updateMin; i--) {
      if (isOutdated(replicas[i])) {
        return true;
      }
    }
    return false;
  }

  /** Returns true if the pod is unhealthy, or (with maxUnavailable) not yet available. */
  boolean unavailable(ObservedPod pod) {
    return PodPredicates.isUnavailable(pod, minReadySeconds, now, honourMinReadySeconds);
  }

  /** Returns true if the pod is live and not at the update revision. */
  boolean isOutdated(ObservedPod pod) {
    return !isTerminating(pod) && !pod.revision().equals(updateRevision);
  }

  /** Counts the pods in slots and the condemned afresh: upstream's status after a drop. */
  void recount(StatusTally tally) {
    tally.reset();
    for (ObservedPod p : replicas) {
      if (p != null) {
        tally.count(p);
      }
    }
    for (ObservedPod p : condemned) {
      tally.count(p);
    }
  }
}
