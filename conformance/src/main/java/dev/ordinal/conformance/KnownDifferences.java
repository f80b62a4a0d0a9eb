package dev.ordinal.conformance;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The classes of differences between Ordinal and upstream that are known and not fixed yet: the
 * honest state of conformance. A suite fails on any difference whose class is not listed here.
 * Each entry says which classes it covers (a pattern over {@link CallDiff.Difference#kind()}), an
 * example, why it differs, and which issue fixes it. Remove an entry when its issue is fixed.
 */
public final class KnownDifferences {

  /**
   * One known difference.
   *
   * @param id a short name
   * @param kinds the classes it covers
   * @param example an observed instance
   * @param why the cause
   * @param issue the issue that fixes it
   */
  public record Entry(String id, Pattern kinds, String example, String why, String issue) {}

  /** The list. */
  public static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "events",
              Pattern.compile("event .*"),
              "the oracle records Normal SuccessfulCreate: create Pod web-0 in StatefulSet web"
                  + " successful; Ordinal's plan records none",
              "ReconcilePlan has no events: the plan does not model the recorder",
              "#9 (events in plans)"));

  private KnownDifferences() {}

  /** Returns the entry covering a class, or null. */
  public static @Nullable Entry match(String kind) {
    for (Entry e : ENTRIES) {
      if (e.kinds().matcher(kind).matches()) {
        return e;
      }
    }
    return null;
  }
}
