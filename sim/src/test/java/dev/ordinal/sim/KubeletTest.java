package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulated kubelet's timing rules, in virtual time. */
class KubeletTest {

  private static final KubeletTimings NO_JITTER =
      KubeletTimings.defaults().withJitter(Duration.ZERO);

  private static StatefulSet withGracePeriod(long seconds) {
    StatefulSet s = Web.set(1);
    Map<String, Object> spec = new TreeMap<>(s.spec().template().spec());
    spec.put("terminationGracePeriodSeconds", seconds);
    Map<String, Object> content = new TreeMap<>(s.spec().template().content());
    content.put("spec", spec);
    return ImmutableStatefulSet.copyOf(s)
        .withSpec(ImmutableStatefulSetSpec.copyOf(s.spec()).withTemplate(PodTemplate.of(content)));
  }

  private static String terminationTime(KubeletTimings timings, StatefulSet set) {
    SimulatedCluster cluster = SimulatedCluster.builder().seed(1).timings(timings).build();
    Web.deployed(cluster, set);
    cluster.runUntilSettled(Web.BOUND);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);
    Duration start = cluster.elapsed();

    cluster.deletePod("web-0");
    cluster.runUntil(
        c ->
            !watch.events.isEmpty()
                && watch.events.get(watch.events.size() - 1).type() == PodWatchEvent.Type.DELETED,
        Web.BOUND);

    return VirtualClock.format(watch.events.get(watch.events.size() - 1).elapsed().minus(start));
  }

  @Test
  void containers_stopAfterTheConfiguredTerminationTime() {
    assertThat(terminationTime(NO_JITTER, Web.set(1))).isEqualTo("2.000s");
  }

  @Test
  void termination_neverOutlastsTheGracePeriod() {
    KubeletTimings slow = NO_JITTER.withTermination(Duration.ofMinutes(5));

    assertThat(terminationTime(slow, Web.set(1))).as("default grace period").isEqualTo("30.000s");
    assertThat(terminationTime(slow, withGracePeriod(1))).isEqualTo("1.000s");
  }

  @Test
  void aReadinessDelay_showsRunningBeforeReady() {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .seed(2)
            .timings(NO_JITTER.withReadiness(Duration.ofSeconds(5)))
            .build();
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);
    Web.deployed(cluster, Web.set(1));

    cluster.runUntilSettled(Web.BOUND);

    assertThat(watch.lines()).containsSubsequence("web-0 0/1 Running", "web-0 1/1 Running");
    assertThat(VirtualClock.format(watch.firstTime("web-0 0/1 Running"))).isEqualTo("18.500s");
    assertThat(VirtualClock.format(watch.firstTime("web-0 1/1 Running"))).isEqualTo("23.500s");
  }

  @Test
  void nodeWithTheImage_startsThePodWithoutPullingIt() {
    SimulatedCluster cluster =
        SimulatedCluster.builder().seed(3).timings(NO_JITTER).nodes("solo").build();
    Web.deployed(cluster, Web.set(1));
    cluster.runUntilSettled(Web.BOUND);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.deletePod("web-0");
    cluster.runUntilSettled(Web.BOUND);

    // Like the tutorial's "web-0 1/1 Running 2s": scheduling, sandbox and start, no pull.
    Duration created = watch.firstTime("web-0 0/1 Pending");
    assertThat(VirtualClock.format(watch.firstTime("web-0 1/1 Running").minus(created)))
        .isEqualTo("2.500s");
    assertThat(cluster.findPod("web-0").orElseThrow().ip()).isEqualTo("10.244.1.3");
    assertThat(cluster.nodes()).containsExactly(new SimNode("solo", "10.244.1.0/24", true));
  }
}
