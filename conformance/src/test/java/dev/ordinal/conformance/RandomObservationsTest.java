package dev.ordinal.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.testkit.gen.ObservedStates;
import dev.ordinal.testkit.gen.Source;
import dev.ordinal.testkit.gen.Specs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random observations from the test kit's generators, each answered by Ordinal and by the release's
 * oracle. How many: {@code -Dordinal.conformance.observations=N} per release (the build's default
 * is what CI affords; the target is 100000). The seed of observation {@code i} is {@code
 * i}, so a difference reported for {@code random-1.37-123} is reproduced with seed 123.
 */
class RandomObservationsTest {

  static int count() {
    return Integer.getInteger("ordinal.conformance.observations", 2000);
  }

  /** Returns observation i: a defaulted random set and a random cluster state around it. */
  static Observation observation(long seed) {
    Source source = Source.of(seed);
    StatefulSet set = StoredForm.set(Specs.statefulSet(source));
    return Suites.halfSecondLater(ObservedStates.observation(source, set));
  }

  /**
   * With {@code -Dordinal.conformance.seeds=1,5} (and {@code -Dordinal.conformance.release=1.37}),
   * prints the full comparison of those observations instead: the tool to study a difference.
   */
  @org.junit.jupiter.api.Test
  void chosenSeeds_printTheirComparison() {
    String seeds = System.getProperty("ordinal.conformance.seeds", "");
    org.junit.jupiter.api.Assumptions.assumeFalse(
        seeds.isBlank(), "no -Dordinal.conformance.seeds given: nothing to print");
    Suites.assumeGo();
    String version = System.getProperty("ordinal.conformance.release", "1.37");
    Release release =
        java.util.Arrays.stream(Release.values())
            .filter(r -> r.version().equals(version))
            .findFirst()
            .orElseThrow();
    try (Conformance c = Conformance.start(release)) {
      for (String s : seeds.split(",")) {
        long seed = Long.parseLong(s.trim());
        Observation obs = observation(seed);
        Conformance.Outcome o = c.compare("seed-" + seed, obs);
        System.out.println(
            "=== seed "
                + seed
                + " on "
                + version
                + "\n"
                + ObservedStates.describe(obs)
                + "\n"
                + o.result().report()
                + "oracle writes: "
                + o.response().writes().stream().map(OracleResponse.Call::describe).toList()
                + "\noracle error: "
                + o.response().error()
                + "\n");
        assertThat(o.id()).isEqualTo("seed-" + seed);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Release.class)
  void randomObservations_differOnlyAsKnown(Release release) {
    Suites.assumeGo();
    int n = count();
    Tally tally = new Tally("random observations, release " + release.version());
    long started;
    String firstReport = null;
    try (Conformance c = Conformance.start(release)) {
      started = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Conformance.Outcome o = c.compare("random-" + release.version() + "-" + i, observation(i));
        tally.add(o);
        if (firstReport == null && !o.result().same()) {
          boolean unknown =
              o.result().differences().stream()
                  .anyMatch(d -> KnownDifferences.match(d.kind()) == null);
          if (unknown) {
            firstReport = o.id() + "\n" + o.result().report() + "request: " + o.request() + "\n";
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println(tally.summary());
    System.out.printf(
        "release %s: %d observations in %.1f s, %.0f observations/s%n",
        release.version(), n, seconds, n / seconds);
    if (firstReport != null) {
      System.out.println("first observation with an unknown difference: " + firstReport);
    }
    assertThat(tally.compared()).isEqualTo(n);
    Suites.assertOnlyKnown(tally);
  }
}
