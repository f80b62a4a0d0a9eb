package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.plan.Action;
import dev.ordinal.api.port.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Faults between the controller and the apiserver: the controller still converges. */
class ApiFaultsTest {

  private static SimulatedCluster deployed(long seed, Faults faults, int replicas) {
    SimulatedCluster cluster = SimulatedCluster.builder().seed(seed).faults(faults).build();
    return Web.deployed(cluster, Web.set(replicas));
  }

  private static void assertConverged(SimulatedCluster cluster, int replicas) {
    SettleResult result = cluster.runUntilSettled(Duration.ofHours(2));
    assertThat(result.status())
        .as(String.join("\n", result.blockers()))
        .isEqualTo(SettleResult.Status.SETTLED);
    assertThat(cluster.listPods("default")).hasSize(replicas).allMatch(SimPod::isRunningAndReady);
    assertThat(cluster.listClaims("default")).hasSizeGreaterThanOrEqualTo(replicas);
    SimStatefulSet web = cluster.findStatefulSet("web").orElseThrow();
    assertThat(web.set().status().readyReplicas()).isEqualTo(replicas);
    assertThat(web.set().status().observedGeneration()).isEqualTo(web.set().generation());
  }

  @Test
  void conflictOnTheNthCall_isRetriedWithBackoff() {
    SimulatedCluster cluster = deployed(1, Faults.none().failCall(3, Outcome.Kind.CONFLICT), 2);

    assertConverged(cluster, 2);

    assertThat(cluster.eventLog())
        .filteredOn(l -> l.contains(" -> CONFLICT (injected)"))
        .hasSize(1);
    assertThat(cluster.eventLog())
        .anyMatch(
            l -> l.contains("controller statefulset/web sync failed:") && l.contains("CONFLICT"));
  }

  @Test
  void anInjectedErrorOfEachKindOnPodCreation_isSurvived() {
    for (Outcome.Kind kind :
        new Outcome.Kind[] {
          Outcome.Kind.CONFLICT,
          Outcome.Kind.NOT_FOUND,
          Outcome.Kind.ALREADY_EXISTS,
          Outcome.Kind.FAILED
        }) {
      SimulatedCluster cluster =
          deployed(2, Faults.none().failCall(2, Action.CreatePod.class, kind), 3);

      assertConverged(cluster, 3);
      assertThat(cluster.eventLog())
          .as(kind.name())
          .anyMatch(l -> l.contains("api CreatePod web-1 -> " + kind + " (injected)"));
    }
  }

  @Test
  void randomServerErrorsOnEveryKindOfWrite_stillConverge() {
    SimulatedCluster cluster = deployed(3, Faults.none().failRate(0.3, Outcome.Kind.FAILED), 3);

    assertConverged(cluster, 3);
    cluster.scale("web", 1);
    assertConverged(cluster, 1);
    assertThat(cluster.eventLog()).anyMatch(l -> l.contains("(injected)"));
  }

  @Test
  void staleReads_stillConverge() {
    SimulatedCluster cluster = deployed(4, Faults.none().staleReads(3), 3);

    assertConverged(cluster, 3);
    cluster.deletePod("web-1");
    cluster.setImage("web", "nginx", Web.IMAGE_2);
    assertConverged(cluster, 3);
    assertThat(cluster.listPods("default")).allMatch(p -> p.images().contains(Web.IMAGE_2));
    cluster.scale("web", 1);
    assertConverged(cluster, 1);
  }

  @Test
  void aStaleController_actsOnAnOldViewUntilItsCacheCatchesUp() {
    SimulatedCluster cluster =
        SimulatedCluster.builder().seed(5).timings(KubeletTimings.instant()).build();
    Web.deployed(cluster, Web.set(2));
    cluster.runUntilSettled(Web.BOUND);

    // A cache five events behind that catches up only after an hour of quiet.
    cluster.faults(Faults.none().staleReads(5, Duration.ofHours(1)));
    cluster.scale("web", 3);
    SettleResult waiting = cluster.runUntilSettled(Duration.ofMinutes(10));

    assertThat(waiting.status()).isEqualTo(SettleResult.Status.TIME_LIMIT);
    assertThat(cluster.listPods("default")).as("the sync saw replicas: 2").hasSize(2);

    cluster.faults(Faults.none());
    cluster.advance(Duration.ZERO);
    assertThat(cluster.listPods("default")).hasSize(3);
    assertConverged(cluster, 3);
  }

  @Test
  void aControllerCrash_dropsTheRestOfThePlanAndTheRestartResyncs() {
    SimulatedCluster cluster = deployed(6, Faults.none().crashAfterCall(3), 2);

    assertConverged(cluster, 2);

    assertThat(cluster.eventLog())
        .anyMatch(l -> l.matches("\\d+\\.\\d{3}s controller crashed after \\w+ .*"))
        .anyMatch(l -> l.endsWith("controller restarted"));
  }

  @Test
  void repeatedRandomCrashes_stillConverge() {
    SimulatedCluster cluster =
        deployed(7, Faults.none().crashRate(0.2).restartDelay(Duration.ofSeconds(5)), 3);

    assertConverged(cluster, 3);
    cluster.setImage("web", "nginx", Web.IMAGE_2);
    assertConverged(cluster, 3);
    assertThat(cluster.eventLog()).filteredOn(l -> l.endsWith("controller restarted")).isNotEmpty();
  }

  @Test
  void faults_areValidated() {
    assertThatThrownBy(() -> Faults.none().failCall(0, Outcome.Kind.CONFLICT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nth must be at least 1: 0");
    assertThatThrownBy(() -> Faults.none().failRate(1.5, Outcome.Kind.FAILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be between 0 and 1: 1.5");
    assertThatThrownBy(() -> Faults.none().failCall(1, Outcome.Kind.OK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind must be a failure: OK");
    assertThatThrownBy(() -> Faults.none().staleReads(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Faults.none().isNone()).isTrue();
    assertThat(Faults.none().staleReads(2).toString()).contains("stale reads 2 events");
  }
}
