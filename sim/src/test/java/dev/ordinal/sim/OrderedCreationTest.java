package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.core.rollout.RolloutStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's "ordered pod creation": OrderedReady creates web-N only after web-(N-1) is Ready.
 */
class OrderedCreationTest {

  @Test
  void webOne_appearsOnlyAfterWebZeroIsRunningAndReady() {
    SimulatedCluster cluster = SimulatedCluster.create(1);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);
    Web.deployed(cluster, Web.set(2));

    SettleResult result = cluster.runUntilSettled(Web.BOUND);

    assertThat(result.status()).isEqualTo(SettleResult.Status.SETTLED);
    // Line for line the tutorial's watch output.
    assertThat(watch.lines())
        .containsExactly(
            "web-0 0/1 Pending",
            "web-0 0/1 Pending",
            "web-0 0/1 ContainerCreating",
            "web-0 1/1 Running",
            "web-1 0/1 Pending",
            "web-1 0/1 Pending",
            "web-1 0/1 ContainerCreating",
            "web-1 1/1 Running");
    assertThat(watch.firstTime("web-1 0/1 Pending"))
        .isGreaterThanOrEqualTo(watch.firstTime("web-0 1/1 Running"));
  }

  @Test
  void firstPod_isRunningAndReadyAboutEighteenSecondsAfterCreation() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(2), Web.set(1));
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.runUntilSettled(Web.BOUND);

    // Scheduling, sandbox, image pull and start: 18.5s plus up to 1s of jitter (virtual time).
    assertThat(watch.firstTime("web-0 1/1 Running"))
        .isBetween(Duration.parse("PT18.5S"), Duration.parse("PT19.5S"));
  }

  @Test
  void settledSet_reportsEveryReplicaReadyAndTheRolloutComplete() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(3), Web.set(2));

    cluster.runUntilSettled(Web.BOUND);

    SimStatefulSet web = cluster.findStatefulSet("web").orElseThrow();
    assertThat(web.readyColumn()).isEqualTo("2/2");
    assertThat(web.set().status().observedGeneration()).isEqualTo(1);
    assertThat(web.set().status().currentRevision())
        .isEqualTo(web.set().status().updateRevision())
        .isNotEmpty();
    assertThat(RolloutStatus.status(web.set()).done()).isTrue();
    assertThat(cluster.listRevisions("default")).hasSize(1);
  }

  @Test
  @Tag("R-ORDER-6")
  @Tag("R-SYNC-6")
  void minReadySeconds_holdsTheNextPodBackUntilItsPredecessorIsAvailable() {
    // R-ORDER-6 and R-SYNC-6: nothing else happens in between, so only the controller's requeue
    // after minReadySeconds can create web-1, at the instant web-0 becomes available.
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .seed(7)
            .timings(KubeletTimings.defaults().withJitter(Duration.ZERO))
            .build();
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);
    Web.deployed(
        cluster,
        ImmutableStatefulSet.copyOf(Web.set(2))
            .withSpec(ImmutableStatefulSetSpec.copyOf(Web.set(2).spec()).withMinReadySeconds(10)));

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(VirtualClock.format(watch.firstTime("web-0 1/1 Running"))).isEqualTo("18.500s");
    assertThat(VirtualClock.format(watch.firstTime("web-1 0/1 Pending"))).isEqualTo("28.500s");
    assertThat(cluster.findStatefulSet("web").orElseThrow().set().status().availableReplicas())
        .isEqualTo(2);
  }

  @Test
  void scaleUp_createsEachPodAfterItsPredecessorIsReady() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(4), Web.set(2));
    cluster.runUntilSettled(Web.BOUND);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.scale("web", 5);
    cluster.runUntilSettled(Web.BOUND);

    for (int i = 2; i < 4; i++) {
      assertThat(watch.indexOf("web-" + (i + 1) + " 0/1 Pending"))
          .isGreaterThan(watch.indexOf("web-" + i + " 1/1 Running"));
    }
    assertThat(cluster.listPods("default"))
        .extracting(SimPod::name)
        .containsExactly("web-0", "web-1", "web-2", "web-3", "web-4");
  }

  @Test
  void scaleDown_removesTheHighestOrdinalFirstAndWaitsForItToBeGone() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(5), Web.set(5));
    cluster.runUntilSettled(Web.BOUND);
    WatchRecorder watch = new WatchRecorder();
    cluster.watchPods(Web.SELECTOR, watch);

    cluster.scale("web", 3);
    SettleResult result = cluster.runUntilSettled(Web.BOUND);

    assertThat(result.isSettled()).isTrue();
    List<PodWatchEvent> deleted =
        watch.events.stream().filter(e -> e.type() == PodWatchEvent.Type.DELETED).toList();
    assertThat(deleted).extracting(e -> e.pod().name()).containsExactly("web-4", "web-3");
    assertThat(watch.indexOf("web-3 1/1 Terminating"))
        .isGreaterThan(watch.events.indexOf(deleted.get(0)));
  }

  @Test
  void pods_carryTheWholeTemplateAndTheirIdentity() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(6), Web.set(2));
    cluster.runUntilSettled(Web.BOUND);

    SimPod web0 = cluster.findPod("web-0").orElseThrow();
    SimStatefulSet web = cluster.findStatefulSet("web").orElseThrow();
    assertThat(web0.hostname()).isEqualTo("web-0");
    assertThat(web0.subdomain()).isEqualTo("nginx");
    assertThat(web0.images()).containsExactly(Web.IMAGE);
    assertThat(web0.claimVolumes()).containsExactly(Map.entry("www", "www-web-0"));
    assertThat(web0.labels())
        .containsEntry("app", "nginx")
        .containsEntry(ObservedPod.POD_NAME_LABEL, "web-0")
        .containsEntry(ObservedPod.POD_INDEX_LABEL, "0")
        .containsEntry(ObservedPod.REVISION_LABEL, web.set().status().updateRevision());
    assertThat(web0.controllerRef())
        .isEqualTo(OwnerReference.controllerRef("apps/v1", "StatefulSet", "web", web.set().uid()));
    // Ports and volume mounts of the container survive, and the claim volume is in the spec.
    assertThat(web0.spec().get("containers").toString())
        .contains("containerPort=80", "mountPath=/usr/share/nginx/html");
    assertThat(web0.spec().get("volumes").toString()).contains("claimName=www-web-0");
    assertThat(web0.node()).isEqualTo("node-1");
    assertThat(web0.ip()).startsWith("10.244.1.");
    assertThat(cluster.findPod("web-1").orElseThrow().ip()).startsWith("10.244.2.");
    assertThat(web0.restarts()).isZero();
    assertThat(web0.readySince()).isNotNull();
  }
}
