package dev.ordinal.testkit.gen;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.PodNames;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.port.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random sequences of {@link Event}s, and the scenario script they print as.
 *
 * <pre>{@code
 * List<Event> events = Events.sequence(Source.of(7), set, 20);
 * String script = Events.script(events);     // one event per line
 * assert Events.parseScript(script).equals(events);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Events {

  /** Largest replica count a generated scale event asks for, unless told otherwise. */
  public static final int DEFAULT_MAX_REPLICAS = 5;

  private static final Pattern SCALE =
      Pattern.compile("kubectl scale sts ([a-z0-9.-]+) --replicas=([0-9]+)");
  private static final Pattern SET_IMAGE =
      Pattern.compile("kubectl set image sts/([a-z0-9.-]+) ([^=\\s]+)=(\\S+)");
  private static final Pattern PARTITION =
      Pattern.compile(
          "kubectl patch sts ([a-z0-9.-]+) -p "
              + "'\\{\"spec\":\\{\"updateStrategy\":\\{\"rollingUpdate\":\\{\"partition\":"
              + "([0-9]+)\\}\\}\\}\\}'");
  private static final Pattern RETENTION =
      Pattern.compile(
          "kubectl patch sts ([a-z0-9.-]+) -p "
              + "'\\{\"spec\":\\{\"persistentVolumeClaimRetentionPolicy\":\\{\"whenDeleted\":"
              + "\"(Retain|Delete)\",\"whenScaled\":\"(Retain|Delete)\"\\}\\}\\}'");
  private static final Pattern SIM_POD =
      Pattern.compile("sim (advance|fail|unready|ready|terminated) (\\S+)");
  private static final Pattern API_ERROR =
      Pattern.compile("sim fault next-call (already-exists|not-found|conflict|failed)");
  private static final Pattern SYNC = Pattern.compile("sim sync (\\S+)");
  private static final Pattern GC = Pattern.compile("sim gc(?: (\\S+))?");
  private static final Pattern SLEEP = Pattern.compile("sleep ([0-9]+)(ms|s|m)");

  private Events() {}

  /**
   * Returns a random sequence of events for the set: spec changes valid for the set as the sequence
   * has changed it so far, kubelet events for pods the set may have, faults, syncs, garbage
   * collection and sleeps. Scale events stay within {@link #DEFAULT_MAX_REPLICAS}.
   *
   * @throws NullPointerException if source or set is null
   * @throws IllegalArgumentException if length is negative
   */
  public static List<Event> sequence(Source source, StatefulSet set, int length) {
    return sequence(source, set, length, DEFAULT_MAX_REPLICAS);
  }

  /**
   * Returns a random sequence of events for the set, as {@link #sequence(Source, StatefulSet,
   * int)}, with scale events up to {@code maxReplicas}.
   *
   * @throws NullPointerException if source or set is null
   * @throws IllegalArgumentException if length or maxReplicas is negative
   */
  public static List<Event> sequence(Source source, StatefulSet set, int length, int maxReplicas) {
    requireNonNull(source, "source");
    requireNonNull(set, "set");
    if (length < 0 || maxReplicas < 0) {
      throw new IllegalArgumentException(
          "length and maxReplicas must not be negative: " + length + ", " + maxReplicas);
    }
    List<Event> out = new ArrayList<>(length);
    StatefulSet current = set;
    for (int i = 0; i < length; i++) {
      Event e = next(source, current, maxReplicas);
      if (e instanceof Event.SpecChange) {
        current = ((Event.SpecChange) e).applyTo(current);
      }
      out.add(e);
    }
    return out;
  }

  /**
   * Returns one random event for the set. A spec change is always valid for this set.
   *
   * @throws NullPointerException if source or set is null
   */
  public static Event next(Source source, StatefulSet set, int maxReplicas) {
    requireNonNull(source, "source");
    requireNonNull(set, "set");
    String name = set.name();
    int roll = source.below(100);
    if (roll < 25) {
      return new Event.Sync(name);
    }
    if (roll < 60) {
      String pod = podName(source, set);
      switch (source.below(5)) {
        case 0:
          return new Event.Fail(pod);
        case 1:
          return new Event.ReadinessDrop(pod);
        case 2:
          return new Event.ReadinessReturn(pod);
        case 3:
          return new Event.TerminationComplete(pod);
        default:
          return new Event.Advance(pod);
      }
    }
    if (roll < 80) {
      return specChange(source, set, maxReplicas);
    }
    if (roll < 90) {
      switch (source.below(3)) {
        case 0:
          return new Event.ApiError(
              source.pick(
                  Outcome.Kind.CONFLICT,
                  Outcome.Kind.FAILED,
                  Outcome.Kind.ALREADY_EXISTS,
                  Outcome.Kind.NOT_FOUND));
        case 1:
          return new Event.StaleRead();
        default:
          return new Event.ControllerCrash();
      }
    }
    if (roll < 95) {
      return Event.CollectGarbage.all();
    }
    return new Event.Sleep(Duration.ofSeconds(source.between(1, 60)));
  }

  /** Returns a spec change the apiserver accepts for this set. */
  private static Event.SpecChange specChange(Source source, StatefulSet set, int maxReplicas) {
    String name = set.name();
    switch (source.below(4)) {
      case 0:
        if (!set.spec().updateStrategy().isOnDelete()) {
          return new Event.SetPartition(
              name, source.between(0, set.spec().effectiveReplicas() + 1));
        }
        return new Event.Scale(name, source.between(0, maxReplicas));
      case 1:
        return new Event.SetImage(name, Specs.CONTAINER, source.pick(Specs.IMAGES));
      case 2:
        return new Event.SetRetention(
            name,
            source.pick(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE),
            source.pick(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE));
      default:
        return new Event.Scale(name, source.between(0, maxReplicas));
    }
  }

  /** Returns the name of a pod the set has or may soon have, sometimes one just past it. */
  private static String podName(Source source, StatefulSet set) {
    int start = set.spec().startOrdinal();
    return PodNames.podName(set.name(), start + source.between(0, set.spec().effectiveReplicas()));
  }

  /**
   * Returns the events as a script, one line each.
   *
   * @throws NullPointerException if events is null
   */
  public static String script(List<? extends Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  /**
   * Reads a script: one event per line; blank lines and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException naming the line if a line is not an event
   */
  public static List<Event> parseScript(String script) {
    List<Event> out = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Reads one event from the line its {@code toString()} prints.
   *
   * @throws IllegalArgumentException if the line is not an event
   */
  public static Event parse(String line) {
    String s = line.strip();
    Matcher m;
    if ((m = SCALE.matcher(s)).matches()) {
      return new Event.Scale(m.group(1), Integer.parseInt(m.group(2)));
    }
    if ((m = SET_IMAGE.matcher(s)).matches()) {
      return new Event.SetImage(m.group(1), m.group(2), m.group(3));
    }
    if ((m = PARTITION.matcher(s)).matches()) {
      return new Event.SetPartition(m.group(1), Integer.parseInt(m.group(2)));
    }
    if ((m = RETENTION.matcher(s)).matches()) {
      return new Event.SetRetention(
          m.group(1),
          RetentionPolicyType.fromWireName(m.group(2)),
          RetentionPolicyType.fromWireName(m.group(3)));
    }
    if ((m = SIM_POD.matcher(s)).matches()) {
      String pod = m.group(2);
      switch (m.group(1)) {
        case "advance":
          return new Event.Advance(pod);
        case "fail":
          return new Event.Fail(pod);
        case "unready":
          return new Event.ReadinessDrop(pod);
        case "ready":
          return new Event.ReadinessReturn(pod);
        default:
          return new Event.TerminationComplete(pod);
      }
    }
    if ((m = API_ERROR.matcher(s)).matches()) {
      return new Event.ApiError(
          Outcome.Kind.valueOf(m.group(1).replace('-', '_').toUpperCase(Locale.ROOT)));
    }
    if (s.equals("sim fault stale-read")) {
      return new Event.StaleRead();
    }
    if (s.equals("sim crash controller")) {
      return new Event.ControllerCrash();
    }
    if ((m = SYNC.matcher(s)).matches()) {
      return new Event.Sync(m.group(1));
    }
    if ((m = GC.matcher(s)).matches()) {
      return m.group(1) == null ? Event.CollectGarbage.all() : new Event.CollectGarbage(m.group(1));
    }
    if ((m = SLEEP.matcher(s)).matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          m.group(2).equals("ms")
              ? Duration.ofMillis(n)
              : m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
      return new Event.Sleep(d);
    }
    throw new IllegalArgumentException("not an event: " + line);
  }
}
