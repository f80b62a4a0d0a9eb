package dev.ordinal.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordinal.api.ImmutableObservation;
import dev.ordinal.api.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the suites share: the Go assumption, the instant shift and the known-differences check. */
final class Suites {

  /** Object timestamps are whole seconds; the sync happens half a second later. */
  static final Duration HALF_SECOND = Duration.ofMillis(500);

  private Suites() {}

  /** Skips the test, with the reason, when Go is not installed; otherwise the suite must run. */
  static void assumeGo() {
    assumeTrue(
        Oracles.goInstalled(),
        "Go is not installed (no go on the PATH): the conformance oracle cannot be built, so the"
            + " conformance suites are skipped");
  }

  /** Returns the observation with {@code now} moved half a second on. */
  static Observation halfSecondLater(Observation o) {
    return ImmutableObservation.copyOf(o).withNow(o.now().plus(HALF_SECOND));
  }

  /** Fails, listing each, if the tally has a class no known difference covers. */
  static void assertOnlyKnown(Tally tally) {
    List<String> unknown = new ArrayList<>();
    for (String k : tally.classes()) {
      if (KnownDifferences.match(k) == null) {
        unknown.add(
            k + " (" + tally.observationsWith(k) + " observations), e.g. " + tally.example(k));
      }
    }
    assertThat(unknown)
        .as("differences not in KnownDifferences; fix them or list them with why and an issue")
        .isEmpty();
  }
}
