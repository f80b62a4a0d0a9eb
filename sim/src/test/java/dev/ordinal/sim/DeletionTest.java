package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tutorial's "deleting StatefulSets", with the garbage collector doing the cascading. */
class DeletionTest {

  private static final String INDEX = Web.HTML + "/index.html";

  private static SimulatedCluster settled(long seed, StatefulSet set) {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(seed), set);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    return cluster;
  }

  private static StatefulSet withRetention(int replicas, ClaimRetentionPolicy policy) {
    StatefulSet s = Web.set(replicas);
    return ImmutableStatefulSet.copyOf(s)
        .withSpec(
            ImmutableStatefulSetSpec.copyOf(s.spec())
                .withPersistentVolumeClaimRetentionPolicy(policy));
  }

  @Test
  void orphanDelete_leavesThePodsForARecreatedSetToAdopt() {
    SimulatedCluster cluster = settled(1, Web.set(3));
    cluster.writeFile("web-0", INDEX, "web-0");
    String oldSetUid = cluster.findStatefulSet("web").orElseThrow().set().uid();
    String web1Uid = cluster.findPod("web-1").orElseThrow().uid();

    cluster.deleteStatefulSet("web", Propagation.ORPHAN);
    cluster.runUntilSettled(Web.BOUND);

    assertThat(cluster.findStatefulSet("web")).isEmpty();
    assertThat(cluster.listPods("default"))
        .hasSize(3)
        .allMatch(p -> p.ownerReferences().isEmpty() && p.isRunningAndReady());
    assertThat(cluster.listRevisions("default")).allMatch(r -> r.ownerReferences().isEmpty());

    // As in the tutorial: delete web-0 (nothing recreates it), then apply web.yaml again.
    cluster.deletePod("web-0");
    cluster.runUntilSettled(Web.BOUND);
    assertThat(cluster.findPod("web-0")).isEmpty();
    assertThat(cluster.apply(Web.service())).isEqualTo(ApplyResult.UNCHANGED);
    assertThat(cluster.apply(Web.set(2))).isEqualTo(ApplyResult.CREATED);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    String newSetUid = cluster.findStatefulSet("web").orElseThrow().set().uid();
    assertThat(newSetUid).isNotEqualTo(oldSetUid);
    assertThat(cluster.listPods("default"))
        .extracting(SimPod::name)
        .containsExactly("web-0", "web-1");
    SimPod web1 = cluster.findPod("web-1").orElseThrow();
    assertThat(web1.uid()).as("web-1 was adopted, not recreated").isEqualTo(web1Uid);
    assertThat(web1.controllerRef().uid()).isEqualTo(newSetUid);
    assertThat(cluster.listRevisions("default"))
        .allMatch(r -> r.controllerRef() != null && r.controllerRef().uid().equals(newSetUid));
    assertThat(cluster.readFile("web-0", INDEX)).contains("web-0");
    assertThat(cluster.eventLog()).anyMatch(l -> l.contains("pod/web-1 Running 1/1 (adopted by"));
  }

  @Test
  void cascadingDelete_removesPodsAndRevisionsButKeepsClaims() {
    SimulatedCluster cluster = settled(2, Web.set(2));
    cluster.writeFile("web-1", INDEX, "web-1");

    cluster.deleteStatefulSet("web");
    assertThat(cluster.findStatefulSet("web")).isEmpty();
    assertThat(cluster.listPods("default")).allMatch(SimPod::isTerminating);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.listPods("default")).isEmpty();
    assertThat(cluster.listRevisions("default")).isEmpty();
    assertThat(cluster.listClaims("default"))
        .extracting(SimClaim::name, SimClaim::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("www-web-0", "Bound"),
            org.assertj.core.groups.Tuple.tuple("www-web-1", "Bound"));
    assertThat(cluster.findService("nginx")).isPresent();

    cluster.apply(Web.set(2));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.readFile("web-1", INDEX)).contains("web-1");
  }

  @Test
  void foregroundDelete_keepsTheSetUntilItsPodsAreGone() {
    SimulatedCluster cluster = settled(3, Web.set(2));

    cluster.deleteStatefulSet("web", Propagation.FOREGROUND);
    cluster.advance(Duration.ofMillis(500));

    SimStatefulSet deleting = cluster.findStatefulSet("web").orElseThrow();
    assertThat(deleting.set().isBeingDeleted()).isTrue();
    assertThat(deleting.finalizers()).containsExactly("foregroundDeletion");
    assertThat(cluster.listPods("default")).hasSize(2).allMatch(SimPod::isTerminating);

    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.findStatefulSet("web")).isEmpty();
    assertThat(cluster.listPods("default")).isEmpty();
  }

  @Test
  void whenDeleted_removesClaimsAndVolumesThroughOwnerReferences() {
    SimulatedCluster cluster =
        settled(
            4,
            withRetention(
                2,
                ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN)));
    String setUid = cluster.findStatefulSet("web").orElseThrow().set().uid();
    assertThat(cluster.listClaims("default"))
        .allMatch(
            c ->
                c.ownerReferences().size() == 1 && c.ownerReferences().get(0).uid().equals(setUid));

    cluster.deleteStatefulSet("web");
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.listClaims("default")).isEmpty();
    assertThat(cluster.listVolumes()).isEmpty();
  }

  @Test
  void whenScaled_removesTheClaimsOfRemovedPodsOnly() {
    SimulatedCluster cluster =
        settled(
            5,
            withRetention(
                3,
                ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE)));

    cluster.scale("web", 1);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.listClaims("default"))
        .extracting(SimClaim::name)
        .containsExactly("www-web-0");
    assertThat(cluster.listVolumes()).hasSize(1);
  }

  @Test
  @Tag("R-PVC-8")
  void podScaledAwayAndBack_startsOnAFreshClaim_whenScaledDelete() {
    // R-PVC-8: the condemned pod owns its claim, so the garbage collector takes claim and volume
    // once the pod is gone; the returning ordinal gets a new claim.
    SimulatedCluster cluster =
        settled(
            7,
            withRetention(
                2,
                ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE)));
    cluster.writeFile("web-1", INDEX, "web-1");
    String oldClaimUid = cluster.findClaim("www-web-1").orElseThrow().uid();

    cluster.scale("web", 1);
    cluster.runUntilSettled(Web.BOUND);
    cluster.scale("web", 2);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();

    assertThat(cluster.findClaim("www-web-1").orElseThrow().uid()).isNotEqualTo(oldClaimUid);
    assertThat(cluster.readFile("web-1", INDEX)).isEmpty();
    assertThat(cluster.listVolumes()).hasSize(2);
  }

  @Test
  void governingService_isNotDeletedWithTheSet() {
    SimulatedCluster cluster = settled(6, Web.set(1));

    cluster.deleteStatefulSet("web");
    cluster.runUntilSettled(Web.BOUND);
    cluster.deleteService("nginx");

    assertThat(cluster.listServices("default")).isEmpty();
    assertThat(cluster.eventLog()).anyMatch(l -> l.endsWith("service/nginx deleted"));
    assertThat(cluster.apply(Web.service())).isEqualTo(ApplyResult.CREATED);
    assertThat(cluster.apply(Web.set(1))).isEqualTo(ApplyResult.CREATED);
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    assertThat(cluster.listPods("default", Web.SELECTOR)).hasSize(1);
    assertThat(cluster.findClaim("www-web-0").orElseThrow().labels())
        .isEqualTo(Map.of("app", "nginx"));
  }
}
