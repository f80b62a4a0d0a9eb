package dev.ordinal.benchmarks;

/**
 * The state of the tutorial's {@code web} set that a benchmark plans over, at a scale of {@code n}
 * pods. Pods are Running and Ready unless said otherwise, every observed pod has its claim, and the
 * set's status is what the previous sync wrote. {@link Observations#verify} checks that the planner
 * does what each constant says.
 */
public enum Scenario {
  /** {@code n} replicas, {@code n} current pods: nothing to do, the plan is empty. */
  STEADY,
  /**
   * OrderedReady, {@code n} replicas, pods {@code 0 .. n/2-1} present: the plan creates the claim
   * and the pod of ordinal {@code n/2} and stops (upstream's placeholders for the missing half are
   * built all the same).
   */
  SCALE_UP_ORDERED,
  /**
   * Parallel, {@code n} replicas, pods {@code 0 .. n/2-1} present: the plan creates the {@code n/2}
   * missing claims and pods in slow-start batches.
   */
  SCALE_UP_PARALLEL,
  /**
   * A template change half rolled out: pods {@code n/2 .. n-1} at the update revision, the rest at
   * the current one; RollingUpdate with partition 0 and maxUnavailable 1: one pod deleted.
   */
  MID_ROLLOUT_MAX_UNAVAILABLE_1,
  /** As {@link #MID_ROLLOUT_MAX_UNAVAILABLE_1} with maxUnavailable 10%: {@code n/10} deletions. */
  MID_ROLLOUT_MAX_UNAVAILABLE_10PCT,
  /**
   * OrderedReady, replicas cut from {@code n} to {@code n/2} while all {@code n} pods are still
   * there: the plan deletes the highest ordinal and writes the status.
   */
  SCALE_DOWN
}
