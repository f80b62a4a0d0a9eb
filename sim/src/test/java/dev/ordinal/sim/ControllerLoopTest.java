package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.Observation;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The controller's work queue: what it enqueues, and how it retries a failed sync. */
class ControllerLoopTest {

  /** Counts the controller's syncs. */
  private static final class Syncs implements SimulationListener {
    final List<String> plans = new java.util.ArrayList<>();

    @Override
    public void planned(Observation observation, ReconcilePlan plan) {
      plans.add(observation.set().name());
    }
  }

  @Test
  void aClaimChangeEnqueuesNothing_upstreamHasNoClaimHandler() {
    Syncs syncs = new Syncs();
    SimulatedCluster cluster = SimulatedCluster.builder().seed(3).listener(syncs).build();
    Web.deployed(cluster, Web.set(2));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    int before = syncs.plans.size();

    // The claim is in use, so it only gets a deletionTimestamp: a change no handler hears.
    cluster.deleteClaim("www-web-1");
    cluster.runUntil(c -> false, Duration.ofSeconds(5));

    assertThat(cluster.findClaim("www-web-1").orElseThrow().deletionTimestamp()).isNotNull();
    assertThat(syncs.plans).hasSize(before);
  }

  @Test
  @Tag("R-SYNC-6")
  void podTurningReady_enqueuesItsSetAgainAfterMinReadySeconds() {
    Syncs syncs = new Syncs();
    SimulatedCluster cluster = SimulatedCluster.builder().seed(5).listener(syncs).build();
    Web.deployed(
        cluster,
        ImmutableStatefulSet.copyOf(Web.set(1))
            .withSpec(ImmutableStatefulSetSpec.copyOf(Web.set(1).spec()).withMinReadySeconds(30)));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    cluster.unready("web-0");
    cluster.runUntil(c -> false, Duration.ofSeconds(1));
    int before = syncs.plans.size();

    cluster.ready("web-0");
    cluster.runUntil(c -> false, Duration.ofSeconds(29));
    int atOnce = syncs.plans.size() - before;
    cluster.runUntil(c -> false, Duration.ofSeconds(2));

    // updatePod enqueues at once, and again minReadySeconds later (the plan's own requeue falls
    // on the same instant and is merged with it by the delaying queue).
    assertThat(atOnce).isPositive();
    assertThat(syncs.plans.size() - before).isGreaterThan(atOnce);
    assertThat(cluster.findStatefulSet("web").orElseThrow().set().status().availableReplicas())
        .isEqualTo(1);
  }

  @Test
  void workQueue_perKeyBackoffDoublesFrom5msAndIsForgottenOnSuccess() {
    ControllerLoop.RetryLimiter limiter = new ControllerLoop.RetryLimiter();
    Instant t = SimulatedCluster.DEFAULT_START;

    assertThat(limiter.when("default/web", t)).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("default/web", t)).isEqualTo(Duration.ofMillis(10));
    assertThat(limiter.when("default/web", t)).isEqualTo(Duration.ofMillis(20));
    assertThat(limiter.when("default/db", t)).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.requeues("default/web")).isEqualTo(3);

    limiter.forget("default/web");

    assertThat(limiter.requeues("default/web")).isZero();
    assertThat(limiter.when("default/web", t.plusSeconds(60))).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void workQueue_perKeyBackoffIsCappedAt1000s() {
    ControllerLoop.RetryLimiter limiter = new ControllerLoop.RetryLimiter();
    Instant t = SimulatedCluster.DEFAULT_START;
    Duration last = Duration.ZERO;
    for (int i = 0; i < 40; i++) {
      // Far apart, so that the overall bucket is always full again.
      last = limiter.when("default/web", t.plusSeconds(100L * i));
    }
    // 5 ms * 2^18 is about 1311 s, past the cap; every later failure waits the cap too.
    assertThat(last).isEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void workQueue_theOverallBucketAllows100RetriesAtOnceThen10PerSecond() {
    ControllerLoop.RetryLimiter limiter = new ControllerLoop.RetryLimiter();
    Instant t = SimulatedCluster.DEFAULT_START;
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.when("default/set-" + i, t)).isEqualTo(Duration.ofMillis(5));
    }
    // The bucket is empty: the next retry of a fresh key waits for a token, 100 ms at 10 qps.
    assertThat(limiter.when("default/set-100", t)).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.when("default/set-101", t)).isEqualTo(Duration.ofMillis(200));
    // A second later ten tokens are back, less the two reserved ahead.
    assertThat(limiter.when("default/set-102", t.plusSeconds(1))).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  @Tag("R-PVC-3")
  void aClaimBeingDeleted_failsEverySyncUntilItIsGoneRetriedWithBackoff() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(7), Web.set(1));
    assertThat(cluster.runUntil(c -> c.findPod("web-0").isPresent(), Web.BOUND)).isTrue();

    // web-0 is Pending and uses the claim: pvc-protection keeps the deleted claim around.
    cluster.deleteClaim("www-web-0");
    assertThat(cluster.findClaim("www-web-0").orElseThrow().deletionTimestamp()).isNotNull();
    cluster.runUntil(c -> false, Duration.ofSeconds(1));

    List<String> failures =
        cluster.eventLog().stream()
            .filter(l -> l.contains("sync failed: pvc www-web-0 is being deleted"))
            .toList();
    assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
    assertThat(cluster.lastSync("default", "web").orElseThrow().error())
        .isEqualTo("pvc www-web-0 is being deleted");
  }
}
