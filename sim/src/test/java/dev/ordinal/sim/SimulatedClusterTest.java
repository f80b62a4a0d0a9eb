package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.port.Outcome;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulated apiserver's user-facing behaviour: validation, generations, Services, time. */
class SimulatedClusterTest {

  private static long generation(SimulatedCluster cluster) {
    return cluster.findStatefulSet("web").orElseThrow().set().generation();
  }

  @Test
  @Tag("R-DEF-6")
  void create_defaultsTheSetAndStartsAtGenerationOne() {
    SimulatedCluster cluster = SimulatedCluster.create(1);

    SimStatefulSet created = cluster.create(Web.set(2));

    assertThat(created.set().generation()).isEqualTo(1);
    assertThat(created.set().uid()).isNotEmpty();
    assertThat(created.set().creationTimestamp()).isEqualTo(SimulatedCluster.DEFAULT_START);
    assertThat(created.set().spec().podManagementPolicy())
        .isEqualTo(PodManagementPolicy.ORDERED_READY);
    assertThat(created.set().spec().revisionHistoryLimit()).isEqualTo(10);
    assertThat(created.resourceVersion()).isNotEmpty();
  }

  @Test
  void anInvalidSet_isRejectedAndNotStored() {
    SimulatedCluster cluster = SimulatedCluster.create(2);
    var invalid =
        ImmutableStatefulSet.copyOf(Web.set(2))
            .withSpec(ImmutableStatefulSetSpec.copyOf(Web.set(2).spec()).withReplicas(-1));

    assertThatThrownBy(() -> cluster.apply(invalid))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessage(
            "StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be"
                + " greater than or equal to 0");
    assertThat(cluster.findStatefulSet("web")).isEmpty();
    assertThat(cluster.eventLog()).isEmpty();
  }

  @Test
  void creatingTwice_failsLikeTheApiserver() {
    SimulatedCluster cluster = SimulatedCluster.create(3);
    cluster.create(Web.set(1));

    assertThatThrownBy(() -> cluster.create(Web.set(1)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Outcome.Kind.ALREADY_EXISTS);
              assertThat(e.kubectlMessage())
                  .isEqualTo(
                      "Error from server (AlreadyExists): statefulsets.apps \"web\" already"
                          + " exists");
            });
  }

  @Test
  @Tag("R-DEF-6")
  void everySpecChange_bumpsTheGenerationAndNothingElseDoes() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(4), Web.set(2));
    cluster.runUntilSettled(Web.BOUND);
    assertThat(generation(cluster)).isEqualTo(1);

    assertThat(cluster.apply(Web.set(2))).isEqualTo(ApplyResult.UNCHANGED);
    assertThat(generation(cluster)).isEqualTo(1);
    cluster.scale("web", 3);
    assertThat(generation(cluster)).isEqualTo(2);
    cluster.setImage("web", "nginx", Web.IMAGE_2);
    assertThat(generation(cluster)).isEqualTo(3);
    assertThat(cluster.apply(Web.set(3))).isEqualTo(ApplyResult.CONFIGURED);
    assertThat(generation(cluster)).isEqualTo(4);
    cluster.runUntilSettled(Web.BOUND);
    // Status writes happened since, and do not count.
    assertThat(generation(cluster)).isEqualTo(4);
    assertThat(cluster.findStatefulSet("web").orElseThrow().set().status().observedGeneration())
        .isEqualTo(4);
  }

  @Test
  void immutableFields_cannotChange() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(5), Web.set(2));

    assertThatThrownBy(
            () ->
                cluster.patch(
                    "web", spec -> ImmutableStatefulSetSpec.copyOf(spec).withServiceName("other")))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessageContaining("spec: Forbidden: updates to statefulset spec for fields other than");
    assertThat(cluster.findStatefulSet("web").orElseThrow().set().spec().serviceName())
        .isEqualTo("nginx");
  }

  @Test
  void services_applyLikeKubectl() {
    SimulatedCluster cluster = SimulatedCluster.create(6);

    assertThat(cluster.apply(Web.service())).isEqualTo(ApplyResult.CREATED);
    assertThat(cluster.apply(Web.service())).isEqualTo(ApplyResult.UNCHANGED);
    Service relabeled =
        new Service(
            "nginx",
            "default",
            Map.of("app", "nginx", "tier", "web"),
            Web.LABELS,
            Service.NONE,
            List.of(ServicePort.tcp("web", 80)),
            false);
    assertThat(cluster.apply(relabeled)).isEqualTo(ApplyResult.CONFIGURED);
    assertThat(cluster.findService("nginx").orElseThrow().service().isHeadless()).isTrue();
    assertThat(ApplyResult.CONFIGURED.verb()).isEqualTo("configured");

    assertThatThrownBy(() -> cluster.apply(relabeled.withClusterIP("10.0.0.99")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("may not change once set");
    assertThatThrownBy(() -> cluster.deleteService("missing"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.reason()).isEqualTo("NotFound"));
  }

  @Test
  void deletingAPodThatDoesNotExist_isNotFound() {
    SimulatedCluster cluster = SimulatedCluster.create(7);

    assertThatThrownBy(() -> cluster.deletePod("web-0"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.kubectlMessage())
                    .isEqualTo("Error from server (NotFound): pods \"web-0\" not found"));
  }

  @Test
  void time_movesOnlyWhenTheClusterRuns() {
    SimulatedCluster cluster =
        SimulatedCluster.builder().seed(8).start(Instant.parse("2030-01-01T00:00:00Z")).build();
    assertThat(cluster.step()).isFalse();

    Web.deployed(cluster, Web.set(1));
    assertThat(cluster.elapsed()).isZero();
    assertThat(cluster.findPod("web-0")).isEmpty();
    assertThat(cluster.step()).isTrue();
    assertThat(cluster.findPod("web-0")).isPresent();

    cluster.advance(Duration.ofSeconds(5));
    assertThat(cluster.elapsed()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cluster.now()).isEqualTo(Instant.parse("2030-01-01T00:00:05Z"));
    assertThat(cluster.clock().instant()).isEqualTo(cluster.now());
    assertThat(cluster.findPod("web-0").orElseThrow().statusText()).isEqualTo("ContainerCreating");
  }

  @Test
  void runUntil_stopsWhenTheConditionHolds() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(9), Web.set(3));

    boolean reached =
        cluster.runUntil(
            c -> c.findPod("web-1").map(SimPod::isRunningAndReady).orElse(false), Web.BOUND);

    assertThat(reached).isTrue();
    assertThat(cluster.findPod("web-2")).isEmpty();
  }

  @Test
  void shortBound_endsTheRunWithTheClockAtTheBound() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(10), Web.set(2));

    SettleResult result = cluster.runUntilSettled(Duration.ofSeconds(5));

    assertThat(result.status()).isEqualTo(SettleResult.Status.TIME_LIMIT);
    assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(5));
    assertThat(result.blockers()).isNotEmpty().allMatch(p -> p.contains("pod/web-0"));
  }

  @Test
  void watches_seeOnlyMatchingPodsUntilClosed() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(11), Web.set(1));
    List<PodWatchEvent> others = new ArrayList<>();
    Watch other = cluster.watchPods(LabelSelector.of(Map.of("app", "other")), others::add);
    WatchRecorder all = new WatchRecorder();
    Watch watch = cluster.watchPods(Web.SELECTOR, all);

    cluster.runUntil(c -> c.findPod("web-0").map(p -> p.node() != null).orElse(false), Web.BOUND);
    watch.close();
    watch.close();
    cluster.runUntilSettled(Web.BOUND);

    assertThat(all.lines()).containsExactly("web-0 0/1 Pending", "web-0 0/1 Pending");
    assertThat(all.events.get(0).type()).isEqualTo(PodWatchEvent.Type.ADDED);
    assertThat(VirtualClock.format(all.events.get(1).elapsed())).isEqualTo("0.200s");
    assertThat(others).isEmpty();
    other.close();
  }

  @Test
  void aPodNameTooLongForAHostname_failsAtCreation() {
    String name = "a".repeat(62);
    var set = ImmutableStatefulSet.copyOf(Web.set(1)).withName(name);
    SimulatedCluster cluster = SimulatedCluster.create(12);
    cluster.apply(set);

    SettleResult result = cluster.runUntilSettled(Duration.ofSeconds(10));

    assertThat(result.status()).isEqualTo(SettleResult.Status.TIME_LIMIT);
    assertThat(cluster.listPods("default")).isEmpty();
    assertThat(cluster.lastSync("default", name).orElseThrow().error())
        .contains("must be no more than 63 characters");
  }
}
