package dev.ordinal.testkit.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.RetentionPolicyType;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The controller against the simulated cluster: 10,000 random sequences of 5 to 15 events with API
 * errors, stale reads, controller crashes and pod failures, on sets of at most 4 replicas, split by
 * pod management policy and retention policy. Every invariant must hold after every simulated
 * event, and every set must converge once the faults stop.
 */
class StatefulSetPropertiesTest {

  private static final int TRIES = 2_500;

  private static void check(PropertyDriver.Builder builder, long seed) {
    long wall = System.nanoTime();
    long cpu = processCpuNanos();
    PropertyReport report =
        builder.seed(seed).tries(TRIES).events(5, 15).maxReplicas(4).build().check();
    // Printed for the record of how long the run takes; nothing asserts on it.
    System.out.printf(
        "%s: %d ms wall, %d ms process CPU%n",
        report, (System.nanoTime() - wall) / 1_000_000, (processCpuNanos() - cpu) / 1_000_000);
    report.assertPassed();
    assertThat(report.sequences()).isEqualTo(TRIES);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  @Test
  void orderedReady_retainRetain() {
    check(
        PropertyDriver.builder()
            .podManagementPolicy(PodManagementPolicy.ORDERED_READY)
            .retentionPolicy(ClaimRetentionPolicy.RETAIN),
        1_000_000);
  }

  @Test
  void orderedReady_deleteOnScaleDown() {
    check(
        PropertyDriver.builder()
            .podManagementPolicy(PodManagementPolicy.ORDERED_READY)
            .retentionPolicy(
                ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE)),
        2_000_000);
  }

  @Test
  void parallel_deleteOnSetDeletion() {
    check(
        PropertyDriver.builder()
            .podManagementPolicy(PodManagementPolicy.PARALLEL)
            .retentionPolicy(
                ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN)),
        3_000_000);
  }

  @Test
  void parallel_deleteDelete() {
    check(
        PropertyDriver.builder()
            .podManagementPolicy(PodManagementPolicy.PARALLEL)
            .retentionPolicy(
                ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.DELETE)),
        4_000_000);
  }
}
