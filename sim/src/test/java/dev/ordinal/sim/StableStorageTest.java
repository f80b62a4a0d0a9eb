package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.LabelSelector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's "writing to stable storage": claims per ordinal, bound volumes, data that stays.
 */
class StableStorageTest {

  private static final String INDEX = Web.HTML + "/index.html";

  private static SimulatedCluster settled(long seed, int replicas) {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(seed), Web.set(replicas));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    return cluster;
  }

  @Test
  void eachPod_hasABoundClaimOnItsOwnVolume() {
    SimulatedCluster cluster = settled(1, 2);

    assertThat(cluster.listClaims("default", LabelSelector.of(Map.of("app", "nginx"))))
        .extracting(
            SimClaim::name, SimClaim::statusText, SimClaim::capacity, SimClaim::accessModesColumn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("www-web-0", "Bound", "1Gi", "RWO"),
            org.assertj.core.groups.Tuple.tuple("www-web-1", "Bound", "1Gi", "RWO"));
    SimClaim claim = cluster.findClaim("www-web-0").orElseThrow();
    assertThat(claim.volumeName()).isEqualTo("pvc-" + claim.uid());
    SimVolume volume = cluster.findVolume(claim.volumeName()).orElseThrow();
    assertThat(volume.claim()).isEqualTo("default/www-web-0");
    assertThat(volume.status()).isEqualTo("Bound");
    assertThat(volume.reclaimPolicy()).isEqualTo("Delete");
    assertThat(claim.ownerReferences()).isEmpty();
    assertThat(claim.finalizers()).containsExactly("kubernetes.io/pvc-protection");
  }

  @Test
  void claims_outliveAScaleDown() {
    SimulatedCluster cluster = settled(2, 5);

    cluster.scale("web", 3);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.listPods("default")).hasSize(3);
    assertThat(cluster.listClaims("default"))
        .extracting(SimClaim::name)
        .containsExactly("www-web-0", "www-web-1", "www-web-2", "www-web-3", "www-web-4");
    assertThat(cluster.listClaims("default")).allMatch(c -> c.status().equals("Bound"));
    assertThat(cluster.listVolumes()).hasSize(5);
  }

  @Test
  void dataOnTheVolume_survivesThePodsDeletion() {
    SimulatedCluster cluster = settled(3, 2);
    for (String pod : new String[] {"web-0", "web-1"}) {
      cluster.writeFile(pod, INDEX, cluster.hostname(pod) + "\n");
    }
    String oldUid = cluster.findPod("web-0").orElseThrow().uid();

    cluster.deletePod("web-0");
    cluster.deletePod("web-1");
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.findPod("web-0").orElseThrow().uid()).isNotEqualTo(oldUid);
    assertThat(cluster.readFile("web-0", INDEX)).contains("web-0\n");
    assertThat(cluster.readFile("web-1", INDEX)).contains("web-1\n");
    String volume = cluster.findClaim("www-web-0").orElseThrow().volumeName();
    assertThat(cluster.findVolume(volume).orElseThrow().files())
        .containsExactly(Map.entry("/index.html", "web-0\n"));
  }

  @Test
  void filesOutsideTheClaim_dieWithThePod() {
    SimulatedCluster cluster = settled(4, 1);
    cluster.writeFile("web-0", "/tmp/scratch", "gone soon");
    assertThat(cluster.readFile("web-0", "/tmp/scratch")).contains("gone soon");

    cluster.deletePod("web-0");
    cluster.runUntilSettled(Web.BOUND);

    assertThat(cluster.readFile("web-0", "/tmp/scratch")).isEmpty();
  }

  @Test
  void chmod_isRecordedOnTheVolume() {
    SimulatedCluster cluster = settled(5, 1);

    cluster.chmod("web-0", Web.HTML, "755");
    cluster.deletePod("web-0");
    cluster.runUntilSettled(Web.BOUND);

    assertThat(cluster.fileMode("web-0", Web.HTML)).contains("755");
    assertThat(cluster.eventLog())
        .anyMatch(l -> l.contains("exec pod/web-0 chmod 755 " + Web.HTML));
  }

  @Test
  void aPodScaledAwayAndBack_findsItsOldData() {
    SimulatedCluster cluster = settled(6, 3);
    cluster.writeFile("web-2", INDEX, "web-2");

    cluster.scale("web", 2);
    cluster.runUntilSettled(Web.BOUND);
    cluster.scale("web", 3);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.readFile("web-2", INDEX)).contains("web-2");
  }

  @Test
  void aDeletedClaim_waitsForItsPodThenGoesWithItsData() {
    SimulatedCluster cluster = settled(7, 2);
    cluster.writeFile("web-1", INDEX, "old");
    String oldVolume = cluster.findClaim("www-web-1").orElseThrow().volumeName();

    cluster.deleteClaim("www-web-1");
    assertThat(cluster.findClaim("www-web-1").orElseThrow().statusText()).isEqualTo("Terminating");

    cluster.deletePod("web-1");
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    SimClaim fresh = cluster.findClaim("www-web-1").orElseThrow();
    assertThat(fresh.volumeName()).isNotEqualTo(oldVolume);
    assertThat(cluster.findVolume(oldVolume)).isEmpty();
    assertThat(cluster.readFile("web-1", INDEX)).isEmpty();
  }
}
