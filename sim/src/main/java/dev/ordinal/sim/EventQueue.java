package dev.ordinal.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * The simulation's future: events in virtual-time order, ties broken by the order they were
 * scheduled in, so that a run is a pure function of the seed and the commands.
 */
final class EventQueue {

  /** One scheduled event. */
  static final class Entry {
    final Instant time;
    final long seq;
    final String what;
    final Runnable action;

    private Entry(Instant time, long seq, String what, Runnable action) {
      this.time = time;
      this.seq = seq;
      this.what = what;
      this.action = action;
    }

    @Override
    public String toString() {
      return what + " at " + time;
    }
  }

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          Comparator.<Entry, Instant>comparing(e -> e.time).thenComparingLong(e -> e.seq));
  private long seq;

  /** Schedules an action; {@code what} describes it for diagnostics. */
  Entry schedule(Instant time, String what, Runnable action) {
    Entry e = new Entry(time, seq++, what, action);
    queue.add(e);
    return e;
  }

  void cancel(Entry e) {
    queue.remove(e);
  }

  @Nullable Entry peek() {
    return queue.peek();
  }

  Entry poll() {
    Entry e = queue.poll();
    if (e == null) {
      throw new IllegalStateException("bug: no event to run");
    }
    return e;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Returns the pending events, soonest first, for diagnostics. */
  List<String> describe() {
    List<Entry> entries = new ArrayList<>(queue);
    entries.sort(queue.comparator());
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.toString());
    }
    return out;
  }
}
