package dev.ordinal.testkit.driver;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.testkit.gen.Event;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One run of an event sequence against a fresh simulated cluster.
 *
 * @param seed the seed the set, the sequence and the cluster derive from
 * @param set the set as created, before the apiserver defaulted it again
 * @param events the sequence
 * @param failure what went wrong, or null if every invariant held and the set converged
 * @since 0.1.0
 */
public record Trial(long seed, StatefulSet set, List<Event> events, @Nullable Failure failure) {

  /** Copies the events. */
  public Trial {
    requireNonNull(set, "set");
    events = List.copyOf(events);
  }

  /** Returns true if nothing went wrong. */
  public boolean passed() {
    return failure == null;
  }

  /** Returns the failure, if any. */
  public Optional<Failure> failureIfAny() {
    return Optional.ofNullable(failure);
  }
}
