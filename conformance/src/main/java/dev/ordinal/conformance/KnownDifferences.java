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
              "#9 (events in plans)"),
          new Entry(
              "collision-probe",
              Pattern.compile(
                  "missing create controllerrevisions of an existing name \\(fails with"
                      + " AlreadyExists\\)"),
              "the set's revision name web-d869d5fff is taken by a revision of another template:"
                  + " upstream creates web-d869d5fff (AlreadyExists), gets it, compares the data,"
                  + " bumps collisionCount and creates web-d869d5ffd; Ordinal creates web-d869d5ffd"
                  + " at once",
              "Ordinal sees the collision in the observation and plans the final name; upstream"
                  + " learns it from a failed create. The cluster ends in the same state; only the"
                  + " failed request is missing",
              "#9 (decide whether plans model the probe, or the oracle reports call results)"),
          new Entry(
              "requeue-1.34",
              Pattern.compile("requeue delay"),
              "release 1.34, minReadySeconds 30, pod Ready for 10.5 s: Ordinal requeues after"
                  + " 19500 ms, the oracle after 30000 ms",
              "before 1.35 upstream requeues after the whole minReadySeconds, not the time left;"
                  + " ReconcilerOptions has no setting for that, so V1_34 plans 1.35's delay",
              "#9 (add the 1.34 requeue rule to ReconcilerOptions)"));

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
