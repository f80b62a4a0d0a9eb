package dev.ordinal.scenario;

import java.math.BigInteger;
import java.time.Duration;

/**
 * kubectl's AGE column: {@code HumanDuration} of {@code k8s.io/apimachinery/pkg/util/duration},
 * case for case.
 */
final class Age {

  private Age() {}

  /** Returns the duration as kubectl prints an age: {@code 0s}, {@code 19s}, {@code 2m5s}, ... */
  static String of(Duration d) {
    // Whole seconds towards zero, as Go's int(d.Seconds()); getSeconds() alone floors.
    long seconds = d.getSeconds() < 0 && d.getNano() > 0 ? d.getSeconds() + 1 : d.getSeconds();
    // Under two seconds in the future is clock skew between client and server, shown as 0s;
    // further is an invalid timestamp.
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /**
   * Parses a {@code sleep} duration: {@code 30}, {@code 30s}, {@code 2m}, {@code 1h}, {@code
   * 1m30s}.
   *
   * @throws BadLineException if it does not parse or is longer than {@link #MAX_SLEEP_SECONDS}
   */
  static Duration parse(String text) {
    if (text.matches("\\d+")) {
      return bounded(new BigInteger(text), text);
    }
    if (!text.matches("(\\d+h)?(\\d+m)?(\\d+s)?") || text.isEmpty()) {
      throw new BadLineException("not a duration: " + text + " (use 30s, 2m, 1h or 1m30s)");
    }
    BigInteger seconds = BigInteger.ZERO;
    for (String part : text.split("(?<=[hms])")) {
      BigInteger n = new BigInteger(part.substring(0, part.length() - 1));
      char unit = part.charAt(part.length() - 1);
      long scale = unit == 'h' ? 3600 : unit == 'm' ? 60 : 1;
      seconds = seconds.add(n.multiply(BigInteger.valueOf(scale)));
    }
    return bounded(seconds, text);
  }

  /** The longest sleep: ten years of simulated time, far beyond any rollout. */
  static final long MAX_SLEEP_SECONDS = 10L * 365 * 24 * 3600;

  private static Duration bounded(BigInteger seconds, String text) {
    if (seconds.compareTo(BigInteger.valueOf(MAX_SLEEP_SECONDS)) > 0) {
      throw new BadLineException(
          "sleep "
              + text
              + " is longer than "
              + MAX_SLEEP_SECONDS / 3600
              + "h (10 years), the limit");
    }
    return Duration.ofSeconds(seconds.longValueExact());
  }
}
