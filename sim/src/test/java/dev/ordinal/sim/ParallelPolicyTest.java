package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tutorial's "Parallel pod management": no waiting for predecessors. */
class ParallelPolicyTest {

  @Test
  void parallelSet_createsEveryPodAtOnce() {
    SimulatedCluster cluster = SimulatedCluster.create(1);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);
    Web.deployed(cluster, Web.parallel(2));

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(watch.indexOf("web-1 0/1 Pending")).isLessThan(watch.indexOf("web-0 1/1 Running"));
    assertThat(watch.firstTime("web-0 0/1 Pending")).isEqualTo(Duration.ZERO);
    assertThat(watch.firstTime("web-1 0/1 Pending")).isEqualTo(Duration.ZERO);
  }

  @Test
  void scaleUp_doesNotWaitForTheFirstNewPod() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(2), Web.parallel(2));
    cluster.runUntilSettled(Web.BOUND);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.scale("web", 4);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(watch.indexOf("web-3 0/1 Pending")).isLessThan(watch.indexOf("web-2 1/1 Running"));
    assertThat(cluster.listPods("default")).hasSize(4).allMatch(SimPod::isRunningAndReady);
  }

  @Test
  void scaleDown_deletesEveryCondemnedPodTogether() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(3), Web.parallel(4));
    cluster.runUntilSettled(Web.BOUND);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.scale("web", 1);
    cluster.advance(Duration.ZERO);

    assertThat(cluster.listPods("default"))
        .filteredOn(SimPod::isTerminating)
        .extracting(SimPod::name)
        .containsExactly("web-1", "web-2", "web-3");
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.listPods("default")).extracting(SimPod::name).containsExactly("web-0");
  }
}
