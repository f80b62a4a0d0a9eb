package dev.ordinal.core;

import static dev.ordinal.core.PodPredicates.isAvailable;
import static dev.ordinal.core.PodPredicates.isCreated;
import static dev.ordinal.core.PodPredicates.isRunningAndReady;
import static dev.ordinal.core.PodPredicates.isTerminating;

import dev.ordinal.api.ObservedPod;
import java.time.Instant;

/**
 * The status counters of one sync (upstream's {@code computeReplicaStatus}, R-STATUS-1..4), counted
 * one pod at a time as the pods are claimed, so that the status needs no pass of its own.
 */
final class StatusTally {

  private final int minReadySeconds;
  private final Instant now;
  private final String currentRevision;
  private final String updateRevision;

  /** Pods created, terminating included. */
  int replicas;
  /** Pods Running and Ready, terminating included. */
  int ready;
  /** Ready pods that have been Ready for minReadySeconds. */
  int available;
  /** Live pods at the current revision. */
  int current;
  /** Live pods at the update revision. */
  int updated;

  StatusTally(int minReadySeconds, Instant now, String currentRevision, String updateRevision) {
    this.minReadySeconds = minReadySeconds;
    this.now = now;
    this.currentRevision = currentRevision;
    this.updateRevision = updateRevision;
  }

  /** Counts one pod; a pod not yet created (a placeholder) counts nowhere. */
  void count(ObservedPod pod) {
    if (!isCreated(pod)) {
      return;
    }
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isAvailable(pod, minReadySeconds, now)) {
        available++;
      }
    }
    if (!isTerminating(pod)) {
      String r = pod.revision();
      if (r.equals(currentRevision)) {
        current++;
      }
      if (r.equals(updateRevision)) {
        updated++;
      }
    }
  }

  /** Sets every counter back to zero, for a recount. */
  void reset() {
    replicas = 0;
    ready = 0;
    available = 0;
    current = 0;
    updated = 0;
  }
}
