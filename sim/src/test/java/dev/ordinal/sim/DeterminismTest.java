package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.port.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One seed and one sequence of commands give one event log, byte for byte. */
class DeterminismTest {

  /** A busy scenario: faults, scaling, a rollout, pod deletion, files and a set deletion. */
  private static List<String> run(long seed) {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .seed(seed)
            .faults(
                Faults.none().failRate(0.1, Outcome.Kind.CONFLICT).staleReads(2).crashRate(0.05))
            .build();
    Web.deployed(cluster, Web.set(3));
    cluster.runUntilSettled(Duration.ofHours(1));
    cluster.writeFile("web-1", Web.HTML + "/index.html", "web-1");
    cluster.scale("web", 5);
    cluster.advance(Duration.ofSeconds(30));
    cluster.deletePod("web-0");
    cluster.setImage("web", "nginx", Web.IMAGE_2);
    cluster.runUntilSettled(Duration.ofHours(1));
    cluster.crashContainer("web-2");
    cluster.deleteStatefulSet("web", Propagation.FOREGROUND);
    cluster.runUntilSettled(Duration.ofHours(1));
    return cluster.eventLog();
  }

  @Test
  void sameSeedAndCommands_giveTheSameEventLog() {
    List<String> first = run(42);
    List<String> second = run(42);

    assertThat(first).hasSizeGreaterThan(100);
    assertThat(String.join("\n", second)).isEqualTo(String.join("\n", first));
  }

  @Test
  void anotherSeed_givesAnotherRun() {
    assertThat(run(43)).isNotEqualTo(run(42));
  }

  @Test
  void logLines_areStampedWithVirtualTime() {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .seed(1)
            .timings(KubeletTimings.defaults().withJitter(Duration.ZERO))
            .build();
    Web.deployed(cluster, Web.set(1));
    cluster.runUntilSettled(Web.BOUND);

    // 0.2s scheduling + 0.3s sandbox + 16s image pull + 2s start.
    assertThat(cluster.eventLog())
        .contains(
            "0.000s pod/web-0 Pending 0/1 (created)",
            "0.200s pod/web-0 Pending 0/1 (node node-1)",
            "0.500s pod/web-0 ContainerCreating 0/1 (ip 10.244.1.2)",
            "18.500s pod/web-0 Running 1/1")
        .allMatch(l -> l.matches("\\d+\\.\\d{3}s \\S.*"));
    assertThat(VirtualClock.format(Duration.ofSeconds(12))).isEqualTo("12.000s");
    assertThat(VirtualClock.format(Duration.parse("PT1M0.25S"))).isEqualTo("60.250s");
  }

  @Test
  void uids_areUuidShapedAndDistinct() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(9), Web.set(3));
    cluster.runUntilSettled(Web.BOUND);

    List<String> uids = cluster.listPods("default").stream().map(SimPod::uid).toList();
    assertThat(uids)
        .doesNotHaveDuplicates()
        .allMatch(
            u -> u.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }
}
