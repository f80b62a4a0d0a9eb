package dev.ordinal.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts differences per class over many observations, keeping the first example of each, and
 * prints the summary a suite ends with.
 */
public final class Tally {

  private final String title;
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Map<String, Integer> observations = new TreeMap<>();
  private final Map<String, String> examples = new TreeMap<>();
  private int compared;
  private int same;
  private int sameButEvents;

  public Tally(String title) {
    this.title = title;
  }

  /** Adds one compared observation. */
  public void add(Conformance.Outcome o) {
    compared++;
    if (o.result().same()) {
      same++;
      return;
    }
    if (o.result().differences().stream().allMatch(d -> d.kind().startsWith("event "))) {
      sameButEvents++;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (CallDiff.Difference d : o.result().differences()) {
      counts.merge(d.kind(), 1, Integer::sum);
      if (seen.add(d.kind())) {
        observations.merge(d.kind(), 1, Integer::sum);
      }
      examples.putIfAbsent(d.kind(), o.id() + ": " + d.detail());
    }
  }

  /** The classes seen, sorted. */
  public List<String> classes() {
    return new ArrayList<>(counts.keySet());
  }

  /** How many observations had a difference of this class. */
  public int observationsWith(String kind) {
    return observations.getOrDefault(kind, 0);
  }

  /** The first example of a class. */
  public String example(String kind) {
    return examples.getOrDefault(kind, "");
  }

  /** Observations compared. */
  public int compared() {
    return compared;
  }

  /** Observations without any difference. */
  public int same() {
    return same;
  }

  /** Returns the summary: totals, then one line per class with its count and first example. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("== ")
        .append(title)
        .append(": ")
        .append(compared)
        .append(" observations, ")
        .append(same)
        .append(" identical, ")
        .append(sameButEvents)
        .append(" identical but for events, ")
        .append(compared - same)
        .append(" with differences\n");
    for (String k : counts.keySet()) {
      KnownDifferences.Entry known = KnownDifferences.match(k);
      out.append(
          String.format(
              "  %6d obs %6d diffs  %s%s%n",
              observations.get(k),
              counts.get(k),
              k,
              known == null ? "   <-- NOT KNOWN" : "   [" + known.id() + "]"));
      out.append("         e.g. ").append(abbreviate(examples.get(k))).append('\n');
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }
}
