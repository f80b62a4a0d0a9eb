package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long the simulated node components take. The defaults are shaped like the watch output of the
 * StatefulSet tutorial: a new pod is {@code Pending}, is scheduled, shows {@code ContainerCreating}
 * within half a second and is {@code Running 1/1} about 18 seconds after it was created, most of it
 * pulling the image; a pod whose image the node already has starts in about 2.5 seconds.
 *
 * @param scheduling from creation to the scheduler binding the pod to a node
 * @param sandbox from binding to the kubelet reporting {@code ContainerCreating} (the pod gets its
 *     IP here)
 * @param imagePull added to the start when a container's image is not yet on the node
 * @param containerStart from {@code ContainerCreating} (or a container crash) to {@code Running}
 * @param readiness from {@code Running} to the readiness probe passing; zero makes the pod Ready in
 *     the same status update that makes it Running, as for a container without a probe
 * @param jitter an extra delay, drawn uniformly from {@code [0, jitter)} with the cluster's seed,
 *     added to every container start
 * @param termination how long containers take to stop after a graceful delete; the kubelet never
 *     waits longer than the pod's {@code terminationGracePeriodSeconds} (default 30s), so set this
 *     to 30s or more to see the whole grace period
 * @param provisioning from a claim's creation to its dynamically provisioned volume being bound
 * @param nodeMonitorGrace from a node being lost to its pods being marked not Ready
 * @param podEviction from a lost node's pods being marked not Ready to their eviction (they then
 *     stay {@code Terminating} until force-deleted or the node returns)
 * @since 0.1.0
 */
public record KubeletTimings(
    Duration scheduling,
    Duration sandbox,
    Duration imagePull,
    Duration containerStart,
    Duration readiness,
    Duration jitter,
    Duration termination,
    Duration provisioning,
    Duration nodeMonitorGrace,
    Duration podEviction) {

  /**
   * Checks that no duration is negative.
   *
   * @throws IllegalArgumentException if one is negative
   * @throws NullPointerException if one is null
   */
  public KubeletTimings {
    check("scheduling", scheduling);
    check("sandbox", sandbox);
    check("imagePull", imagePull);
    check("containerStart", containerStart);
    check("readiness", readiness);
    check("jitter", jitter);
    check("termination", termination);
    check("provisioning", provisioning);
    check("nodeMonitorGrace", nodeMonitorGrace);
    check("podEviction", podEviction);
  }

  /** Returns timings shaped like the tutorial's transcripts (see the class comment). */
  public static KubeletTimings defaults() {
    return new KubeletTimings(
        Duration.ofMillis(200),
        Duration.ofMillis(300),
        Duration.ofSeconds(16),
        Duration.ofSeconds(2),
        Duration.ZERO,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofMillis(100),
        Duration.ofSeconds(40),
        Duration.ofMinutes(5));
  }

  /**
   * Returns timings where every pod step takes no time: pods still pass through every stage, in
   * order, but all at the instant they are created or deleted. Node loss keeps its default delays.
   */
  public static KubeletTimings instant() {
    KubeletTimings d = defaults();
    return new KubeletTimings(
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        d.nodeMonitorGrace,
        d.podEviction);
  }

  /** Returns a copy with {@link #scheduling()} replaced. */
  public KubeletTimings withScheduling(Duration value) {
    return new KubeletTimings(
        value,
        sandbox,
        imagePull,
        containerStart,
        readiness,
        jitter,
        termination,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #sandbox()} replaced. */
  public KubeletTimings withSandbox(Duration value) {
    return new KubeletTimings(
        scheduling,
        value,
        imagePull,
        containerStart,
        readiness,
        jitter,
        termination,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #imagePull()} replaced. */
  public KubeletTimings withImagePull(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        value,
        containerStart,
        readiness,
        jitter,
        termination,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #containerStart()} replaced. */
  public KubeletTimings withContainerStart(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        value,
        readiness,
        jitter,
        termination,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #readiness()} replaced. */
  public KubeletTimings withReadiness(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        containerStart,
        value,
        jitter,
        termination,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /**
   * Returns a copy with {@link #jitter()} replaced; zero makes every start take exactly as long.
   */
  public KubeletTimings withJitter(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        containerStart,
        readiness,
        value,
        termination,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #termination()} replaced. */
  public KubeletTimings withTermination(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        containerStart,
        readiness,
        jitter,
        value,
        provisioning,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #provisioning()} replaced. */
  public KubeletTimings withProvisioning(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        containerStart,
        readiness,
        jitter,
        termination,
        value,
        nodeMonitorGrace,
        podEviction);
  }

  /** Returns a copy with {@link #nodeMonitorGrace()} replaced. */
  public KubeletTimings withNodeMonitorGrace(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        containerStart,
        readiness,
        jitter,
        termination,
        provisioning,
        value,
        podEviction);
  }

  /** Returns a copy with {@link #podEviction()} replaced. */
  public KubeletTimings withPodEviction(Duration value) {
    return new KubeletTimings(
        scheduling,
        sandbox,
        imagePull,
        containerStart,
        readiness,
        jitter,
        termination,
        provisioning,
        nodeMonitorGrace,
        value);
  }

  private static void check(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }
}
