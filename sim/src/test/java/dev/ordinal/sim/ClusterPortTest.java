package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.port.Outcome;
import org.junit.jupiter.api.Test;

/** The cluster as the controller's port: apiserver semantics of each write. */
class ClusterPortTest {

  private static SimulatedCluster settled() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(1), Web.set(2));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    return cluster;
  }

  private static StatefulSet web(SimulatedCluster cluster) {
    return cluster.statefulSet("default", "web");
  }

  @Test
  void reads_giveWhatTheControllerObserves() {
    SimulatedCluster cluster = settled();

    assertThat(cluster.pods("default")).extracting(p -> p.name()).containsExactly("web-0", "web-1");
    assertThat(cluster.pods("default").get(0).ready()).isTrue();
    assertThat(cluster.claims("default")).hasSize(2);
    assertThat(cluster.revisions("default")).hasSize(1);
    assertThat(cluster.pods("other")).isEmpty();
    assertThat(cluster.statefulSet("default", "missing")).isNull();
  }

  @Test
  void deleteWithAStaleUid_conflictsAndLeavesThePod() {
    SimulatedCluster cluster = settled();

    Outcome outcome =
        cluster.apply(
            web(cluster), new Action.DeletePod("web-1", "not-the-uid", DeleteReason.SCALE_DOWN));

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CONFLICT);
    assertThat(outcome.message()).startsWith("Precondition failed: UID in precondition:");
    assertThat(cluster.findPod("web-1").orElseThrow().isTerminating()).isFalse();
  }

  @Test
  void deletingAMissingPod_isNotFound() {
    SimulatedCluster cluster = settled();

    Outcome outcome =
        cluster.apply(web(cluster), new Action.DeletePod("web-9", "", DeleteReason.UPDATE));

    assertThat(outcome).isEqualTo(Outcome.notFound("pods \"web-9\" not found"));
  }

  @Test
  void aStatusWrittenFromAStaleCopyOfTheSet_conflicts() {
    SimulatedCluster cluster = settled();
    StatefulSet before = web(cluster);
    cluster.scale("web", 3);

    Outcome outcome = cluster.apply(before, new Action.WriteStatus(before.status()));

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CONFLICT);
  }

  @Test
  void releasingAPod_removesOnlyTheSetsReference() {
    SimulatedCluster cluster = settled();
    SimPod pod = cluster.findPod("web-0").orElseThrow();

    Outcome outcome = cluster.apply(web(cluster), new Action.ReleasePod("web-0", pod.uid()));

    assertThat(outcome.isOk()).isTrue();
    assertThat(cluster.findPod("web-0").orElseThrow().ownerReferences()).isEmpty();
  }
}
