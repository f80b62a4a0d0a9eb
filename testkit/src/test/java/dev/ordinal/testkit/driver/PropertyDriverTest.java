package dev.ordinal.testkit.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.invariants.InvariantViolation;
import dev.ordinal.sim.SimClaim;
import dev.ordinal.sim.SimulatedCluster;
import dev.ordinal.testkit.gen.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PropertyDriverTest {

  /**
   * A deliberate bug of an operator living next to the set: it "cleans up" every claim whose pod is
   * gone, whatever the retention policy says.
   */
  private static final Consumer<SimulatedCluster> CLAIM_JANITOR =
      cluster -> {
        for (SimClaim claim : cluster.listClaims("default")) {
          String pod = claim.name().substring(claim.name().indexOf('-') + 1);
          if (claim.deletionTimestamp() == null && cluster.findPod("default", pod).isEmpty()) {
            cluster.deleteClaim("default", claim.name());
          }
        }
      };

  private static PropertyDriver buggy() {
    return PropertyDriver.builder()
        .seed(7)
        .tries(500)
        .retentionPolicy(ClaimRetentionPolicy.RETAIN)
        .afterEachEvent(CLAIM_JANITOR)
        .build();
  }

  @Test
  void anInjectedBug_isFoundAndShrunkToAMinimalScriptThatReplays() {
    PropertyDriver driver = buggy();

    PropertyReport report = driver.check();

    assertThat(report.passed()).isFalse();
    Trial shrunk = report.counterexample().orElseThrow();
    assertThat(shrunk.failure().kind()).isEqualTo("claimsDeletedOnlyByRetention");
    assertThat(shrunk.events()).hasSizeLessThanOrEqualTo(4);
    assertThat(shrunk.events().size()).isLessThan(report.failing().events().size());
    // The script replays to the same failure.
    Trial replayed = driver.replay(report.script());
    assertThat(replayed.failure()).isEqualTo(shrunk.failure());
    // 1-minimal: without any one of its events the script passes.
    for (int i = 0; i < shrunk.events().size(); i++) {
      List<Event> fewer = new ArrayList<>(shrunk.events());
      fewer.remove(i);
      Trial t = driver.replay(shrunk.seed(), fewer);
      assertThat(t.failureIfAny().map(Failure::kind))
          .isNotEqualTo(shrunk.failureIfAny().map(Failure::kind));
    }
  }

  @Test
  void aFailure_failsTheAssertionWithTheSeedAndTheScript() {
    PropertyReport report = buggy().check();

    assertThatThrownBy(report::assertPassed)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(seed " + report.failing().seed() + ")")
        .hasMessageContaining("# seed: " + report.failing().seed())
        .hasMessageContaining("# set: default/")
        .hasMessageContaining(report.script());
  }

  @Test
  void aBrokenInvariant_isShrunkToTheFewestEventsThatBreakIt() {
    // "Never more than one pod" is false as soon as a set of two replicas has started two pods.
    PropertyDriver driver =
        PropertyDriver.builder()
            .seed(11)
            .tries(200)
            .podManagementPolicy(PodManagementPolicy.PARALLEL)
            .invariant(
                step ->
                    step.after().pods().stream()
                                .filter(p -> !p.name().startsWith(SequenceRunner.BYSTANDER))
                                .count()
                            > 1
                        ? List.of(new InvariantViolation("atMostOnePod", "two pods"))
                        : List.of())
            .build();

    PropertyReport report = driver.check();

    assertThat(report.passed()).isFalse();
    Trial shrunk = report.counterexample().orElseThrow();
    assertThat(shrunk.failure().kind()).isEqualTo("atMostOnePod");
    assertThat(shrunk.events()).hasSizeLessThanOrEqualTo(2);
    assertThat(driver.replay(report.script()).failure()).isEqualTo(shrunk.failure());
  }

  @Test
  void theSameSeed_givesTheSameReport() {
    assertThat(buggy().check()).isEqualTo(buggy().check());
    PropertyDriver passing = PropertyDriver.builder().seed(99).tries(20).build();
    PropertyReport first = passing.check();
    assertThat(first.passed()).as("%s", first).isTrue();
    assertThat(passing.check()).isEqualTo(first);
    assertThat(passing.run(123)).isEqualTo(passing.run(123));
  }

  @Test
  void aScriptWithoutASeed_isRejected() {
    assertThatThrownBy(() -> PropertyDriver.builder().build().replay("sim sync web\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("script has no '# seed: <n>' line");
  }

  @Test
  void builder_rejectsBadBounds() {
    assertThatThrownBy(() -> PropertyDriver.builder().tries(0))
        .hasMessage("tries must be at least 1: 0");
    assertThatThrownBy(() -> PropertyDriver.builder().events(5, 4))
        .hasMessage("events must be 0 <= min <= max: min 5, max 4");
  }

  @StatefulSetProperty(tries = 50, seed = 500)
  void annotatedProperty_runsTheDriverTheMethodConfigured(PropertyDriver.Builder driver) {
    driver.podManagementPolicy(PodManagementPolicy.ORDERED_READY);
  }
}
