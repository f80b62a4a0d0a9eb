package dev.ordinal.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.ordinal.api.StatefulSet;
import org.junit.jupiter.api.Test;

class GensTest {

  @Test
  void failingProperty_shrinksTowardsTheSmallestCounterexample() {
    Throwable failure =
        catchThrowable(
            () ->
                qt().withExamples(200)
                    .withFixedSeed(1)
                    .forAll(Gens.statefulSets())
                    .check(set -> set.spec().effectiveReplicas() < 3));
    assertThat(failure).isInstanceOf(AssertionError.class);
    // Shrinking lowers every draw it can: the smallest failing set has exactly 3 replicas.
    assertThat(failure.getMessage()).contains("replicas=3,");
  }

  @Test
  void of_adaptsAnySourceFunction() {
    qt().withExamples(100)
        .forAll(Gens.of(s -> s.between(10, 20)))
        .checkAssert(v -> assertThat(v).isBetween(10, 20));
  }

  @Test
  void observations_areDescribedReadably() {
    StatefulSet set = Specs.statefulSet(Source.of(3));
    String text = Gens.observations().asString(ObservedStates.observation(Source.of(4), set));
    assertThat(text).startsWith("sts ");
  }
}
