package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.PodPhase;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Faults of pods and nodes, and how the controller answers them. */
class PodFaultsTest {

  private static SimulatedCluster settled(long seed, int replicas) {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(seed), Web.set(replicas));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    return cluster;
  }

  @Test
  void aFailedPod_isDeletedAndCreatedAgain() {
    SimulatedCluster cluster = settled(1, 2);
    String uid = cluster.findPod("web-1").orElseThrow().uid();

    cluster.failPod("web-1");
    SimPod failed = cluster.findPod("web-1").orElseThrow();
    assertThat(failed.phase()).isEqualTo(PodPhase.FAILED);
    assertThat(failed.statusText()).isEqualTo("Error");
    assertThat(failed.readyColumn()).isEqualTo("0/1");

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    SimPod again = cluster.findPod("web-1").orElseThrow();
    assertThat(again.uid()).isNotEqualTo(uid);
    assertThat(again.isRunningAndReady()).isTrue();
  }

  @Test
  void aSucceededPod_isCreatedAgainToo() {
    SimulatedCluster cluster = settled(2, 1);

    cluster.completePod("web-0");
    assertThat(cluster.findPod("web-0").orElseThrow().statusText()).isEqualTo("Completed");

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.findPod("web-0").orElseThrow().phase()).isEqualTo(PodPhase.RUNNING);
  }

  @Test
  void aCrashedContainer_restartsInThePodItRunsIn() {
    SimulatedCluster cluster = settled(3, 1);
    String uid = cluster.findPod("web-0").orElseThrow().uid();

    cluster.crashContainer("web-0");
    SimPod crashed = cluster.findPod("web-0").orElseThrow();
    assertThat(crashed.statusText()).isEqualTo("Error");
    assertThat(crashed.ready()).isFalse();

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    SimPod restarted = cluster.findPod("web-0").orElseThrow();
    assertThat(restarted.uid()).isEqualTo(uid);
    assertThat(restarted.restarts()).isEqualTo(1);
    assertThat(restarted.isRunningAndReady()).isTrue();
  }

  @Test
  @Tag("R-ORDER-5")
  void anUnreadyPod_holdsBackOrderedScaleUpUntilItIsReadyAgain() {
    SimulatedCluster cluster = settled(4, 2);

    cluster.unready("web-0");
    cluster.scale("web", 3);
    SettleResult blocked = cluster.runUntilSettled(Web.BOUND);

    assertThat(blocked.status()).isEqualTo(SettleResult.Status.BLOCKED);
    assertThat(blocked.blockers())
        .contains("statefulset/web: web-0 is not Running and Ready; OrderedReady waits (R-ORDER-5)")
        .contains("pod/web-0 is Running 0/1");
    assertThat(cluster.findPod("web-2")).isEmpty();

    cluster.ready("web-0");
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.listPods("default")).hasSize(3);
  }

  @Test
  void podsOfALostNode_stayTerminatingUntilForceDeleted() {
    SimulatedCluster cluster = settled(5, 2);

    String node = cluster.loseNode("web-1");
    SettleResult blocked = cluster.runUntilSettled(Duration.ofHours(1));

    assertThat(blocked.status()).isEqualTo(SettleResult.Status.BLOCKED);
    assertThat(blocked.blockers()).contains("pod/web-1 is Terminating on lost node " + node);
    assertThat(cluster.nodes())
        .filteredOn(n -> n.name().equals(node))
        .extracting(SimNode::ready)
        .containsExactly(false);
    SimPod stuck = cluster.findPod("web-1").orElseThrow();
    assertThat(stuck.statusText()).isEqualTo("Terminating");
    assertThat(stuck.ready()).isFalse();

    cluster.forceDeletePod("web-1");
    assertThat(cluster.runUntilSettled(Duration.ofHours(1)).isSettled()).isTrue();
    assertThat(cluster.findPod("web-1").orElseThrow().node()).isNotEqualTo(node);
  }

  @Test
  void nodeBackBeforeEviction_keepsItsPods() {
    SimulatedCluster cluster = settled(6, 2);
    String uid = cluster.findPod("web-0").orElseThrow().uid();

    String node = cluster.loseNode("web-0");
    cluster.advance(Duration.ofMinutes(1));
    assertThat(cluster.findPod("web-0").orElseThrow().ready()).isFalse();
    cluster.recoverNode(node);

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.findPod("web-0").orElseThrow().uid()).isEqualTo(uid);
    assertThat(cluster.eventLog()).anyMatch(l -> l.endsWith("node/" + node + " recovered"));
  }

  @Test
  void faults_needAPodThatExists() {
    SimulatedCluster cluster = settled(7, 1);

    assertThatThrownBy(() -> cluster.failPod("web-7"))
        .isInstanceOf(ApiException.class)
        .hasMessage("pods \"web-7\" not found");
    assertThatThrownBy(() -> cluster.recoverNode("node-9"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
