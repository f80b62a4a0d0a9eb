package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated cluster's clock: virtual time that moves only when the cluster runs its events,
 * never with the wall clock. It is a {@link Clock} so that code written against {@code java.time}
 * can read it; only the cluster advances it.
 *
 * @since 0.1.0
 */
public final class VirtualClock extends Clock {

  private final Instant start;
  private Instant now;

  VirtualClock(Instant start) {
    this.start = requireNonNull(start, "start");
    this.now = start;
  }

  /** Returns the instant the simulation started at. */
  public Instant start() {
    return start;
  }

  /** Returns the virtual time passed since {@link #start()}. */
  public Duration elapsed() {
    return Duration.between(start, now);
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Returns UTC: the simulation has no local time. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns a view of this clock in another zone; it still follows the simulation. */
  @Override
  public Clock withZone(ZoneId zone) {
    requireNonNull(zone, "zone");
    VirtualClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  /**
   * Returns an elapsed time as the event log prints it: seconds with three decimals and an {@code
   * s}, for example {@code 12.000s}.
   *
   * @throws IllegalArgumentException if elapsed is negative
   */
  public static String format(Duration elapsed) {
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed time must not be negative: " + elapsed);
    }
    long millis = elapsed.toMillis();
    // What String.format("%d.%03ds") gives, without its parsing: this runs for every log line.
    long ms = millis % 1000;
    String frac = ms < 10 ? "00" : ms < 100 ? "0" : "";
    return (millis / 1000) + "." + frac + ms + "s";
  }

  /** Moves the clock forward; time never goes back. */
  void advanceTo(Instant time) {
    if (time.isBefore(now)) {
      throw new IllegalStateException(
          "bug: virtual time would go back from " + now + " to " + time);
    }
    now = time;
  }

  @Override
  public String toString() {
    return "VirtualClock[" + format(elapsed()) + "]";
  }
}
