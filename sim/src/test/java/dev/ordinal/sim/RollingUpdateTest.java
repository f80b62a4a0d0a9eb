package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.core.rollout.RolloutStatus;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tutorial's "updating StatefulSets": RollingUpdate in reverse ordinal order, partitions. */
class RollingUpdateTest {

  private static SimulatedCluster settled(long seed, int replicas) {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(seed), Web.set(replicas));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    return cluster;
  }

  private static List<String> images(SimulatedCluster cluster) {
    return cluster.listPods("default").stream().map(p -> p.images().get(0)).toList();
  }

  @Test
  void rollingUpdate_goesInReverseOrdinalOrderEachAfterTheLastIsReady() {
    SimulatedCluster cluster = settled(1, 3);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.setImage("web", "nginx", Web.IMAGE_2);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    List<String> terminations =
        watch.events.stream()
            .filter(e -> e.type() == PodWatchEvent.Type.MODIFIED)
            .filter(e -> e.pod().statusText().equals("Terminating") && e.pod().ready())
            .map(e -> e.pod().name())
            .toList();
    assertThat(terminations).containsExactly("web-2", "web-1", "web-0");
    assertThat(watch.indexOf("web-1 1/1 Terminating"))
        .isGreaterThan(watch.lastIndexOf("web-2 1/1 Running"));
    assertThat(watch.indexOf("web-0 1/1 Terminating"))
        .isGreaterThan(watch.lastIndexOf("web-1 1/1 Running"));
    assertThat(images(cluster)).containsOnly(Web.IMAGE_2);
    SimStatefulSet web = cluster.findStatefulSet("web").orElseThrow();
    assertThat(web.set().generation()).isEqualTo(2);
    assertThat(web.set().status().currentRevision()).isEqualTo(web.set().status().updateRevision());
    assertThat(RolloutStatus.status(web.set()).message())
        .isEqualTo("partitioned roll out complete: 3 new pods have been updated...\n");
  }

  @Test
  @Tag("R-UPDATE-1")
  void partition_keepsLowerOrdinalsAtTheOldRevision() {
    SimulatedCluster cluster = settled(2, 3);

    cluster.patch(
        "web",
        spec ->
            ImmutableStatefulSetSpec.copyOf(spec)
                .withUpdateStrategy(UpdateStrategy.partitioned(2)));
    cluster.setImage("web", "nginx", Web.IMAGE_2);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(images(cluster)).containsExactly(Web.IMAGE, Web.IMAGE, Web.IMAGE_2);

    // A deleted pod below the partition comes back at the current revision (R-UPDATE-1).
    cluster.deletePod("web-1");
    cluster.runUntilSettled(Web.BOUND);
    assertThat(images(cluster)).containsExactly(Web.IMAGE, Web.IMAGE, Web.IMAGE_2);

    cluster.patch(
        "web",
        spec ->
            ImmutableStatefulSetSpec.copyOf(spec)
                .withUpdateStrategy(UpdateStrategy.partitioned(0)));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(images(cluster)).containsOnly(Web.IMAGE_2);
  }

  @Test
  void aBrokenImage_blocksTheRolloutAndFixingItResumes() {
    SimulatedCluster cluster = settled(3, 3);
    cluster.breakImage(Web.IMAGE_2);

    cluster.setImage("web", "nginx", Web.IMAGE_2);
    SettleResult blocked = cluster.runUntilSettled(Web.BOUND);

    assertThat(blocked.status()).isEqualTo(SettleResult.Status.BLOCKED);
    assertThat(blocked.blockers()).anyMatch(b -> b.contains("pod/web-2 is Running 0/1"));
    assertThat(images(cluster)).containsExactly(Web.IMAGE, Web.IMAGE, Web.IMAGE_2);
    assertThat(cluster.findPod("web-2").orElseThrow().statusText()).isEqualTo("Running");

    cluster.fixImage(Web.IMAGE_2);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(images(cluster)).containsOnly(Web.IMAGE_2);
  }

  @Test
  void rollingBack_reusesTheOldRevision() {
    SimulatedCluster cluster = settled(4, 2);
    String first = cluster.findStatefulSet("web").orElseThrow().set().status().updateRevision();

    cluster.setImage("web", "nginx", Web.IMAGE_2);
    cluster.runUntilSettled(Web.BOUND);
    cluster.setImage("web", "nginx", Web.IMAGE);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    SimStatefulSet web = cluster.findStatefulSet("web").orElseThrow();
    assertThat(web.set().status().updateRevision()).isEqualTo(first);
    assertThat(cluster.listRevisions("default"))
        .hasSize(2)
        .filteredOn(r -> r.name().equals(first))
        .extracting(r -> r.revision())
        .containsExactly(3L);
    assertThat(images(cluster)).containsOnly(Web.IMAGE);
  }

  @Test
  void onDelete_updatesOnlyPodsSomeoneDeletes() {
    SimulatedCluster cluster = settled(5, 2);
    cluster.patch(
        "web",
        spec -> ImmutableStatefulSetSpec.copyOf(spec).withUpdateStrategy(UpdateStrategy.ON_DELETE));

    cluster.setImage("web", "nginx", Web.IMAGE_2);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(images(cluster)).containsOnly(Web.IMAGE);

    cluster.deletePod("web-0");
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(images(cluster)).containsExactly(Web.IMAGE_2, Web.IMAGE);
  }
}
