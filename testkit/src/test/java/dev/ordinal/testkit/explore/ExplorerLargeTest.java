package dev.ordinal.testkit.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.invariants.StatefulSetInvariants;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The large explorations: scale 0 to 3, an image change and a scale to 1, each at any point, with
 * pods free to fail and the garbage collector running late. Every reachable state is visited, and
 * every invariant of {@link StatefulSetInvariants#ALL} holds in every step, with no data lost.
 *
 * <p>The two policies get different troubles so that each run is over 100,000 states yet stays near
 * 150,000: OrderedReady also lets Ready pods lose readiness and uses Delete/Delete retention
 * (151,509 states); Parallel, whose unordered pods multiply the states, keeps readiness and uses
 * Retain/Retain (152,068 states).
 */
class ExplorerLargeTest {

  private static final List<dev.ordinal.testkit.gen.Event.SpecChange> SCRIPT =
      List.of(ExplorerTest.SCALE_UP, ExplorerTest.NEW_IMAGE, ExplorerTest.SCALE_DOWN);

  @Test
  void orderedReady_everyInterleavingWithFailuresAndReadinessLoss_keepsEveryInvariant() {
    Scenario s =
        Scenario.of(
                "OrderedReady, Delete/Delete: scale 3, new image, scale 1; failures, readiness"
                    + " loss",
                ExplorerTest.web(
                    PodManagementPolicy.ORDERED_READY,
                    ClaimRetentionPolicy.of(
                        RetentionPolicyType.DELETE, RetentionPolicyType.DELETE)),
                SCRIPT)
            .withPodFailures(true)
            .withReadinessLoss(true);
    check(Explorer.explore(s, StatefulSetInvariants.ALL));
  }

  @Test
  void parallel_everyInterleavingWithFailures_keepsEveryInvariant() {
    Scenario s =
        Scenario.of(
                "Parallel, Retain/Retain: scale 3, new image, scale 1; failures",
                ExplorerTest.web(PodManagementPolicy.PARALLEL, ClaimRetentionPolicy.RETAIN),
                SCRIPT)
            .withPodFailures(true);
    check(Explorer.explore(s, StatefulSetInvariants.ALL));
  }

  private static void check(Exploration e) {
    System.out.println(e.summary());
    assertThat(e.violation()).as(e.summary()).isEmpty();
    assertThat(e.exhaustive()).as(e.summary()).isTrue();
    assertThat(e.states()).as(e.summary()).isGreaterThanOrEqualTo(100_000);
  }
}
