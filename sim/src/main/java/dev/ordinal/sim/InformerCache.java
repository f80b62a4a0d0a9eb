package dev.ordinal.sim;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The controller's informer cache when stale reads are injected: a snapshot of what the controller
 * reads, taken after every event, so that a sync can see the cluster as it was some events ago.
 */
final class InformerCache {

  /** What the controller reads, frozen. */
  record View(
      TreeMap<String, StatefulSet> sets,
      List<ObservedPod> pods,
      List<ObservedClaim> claims,
      List<ControllerRevision> revisions) {

    static View of(Store store) {
      TreeMap<String, StatefulSet> sets = new TreeMap<>();
      for (SetState s : store.sets()) {
        sets.put(s.key(), s.set());
      }
      List<ObservedPod> pods = new ArrayList<>();
      for (PodState p : store.pods()) {
        pods.add(p.observed());
      }
      List<ObservedClaim> claims = new ArrayList<>();
      for (ClaimState c : store.claims()) {
        claims.add(c.observed());
      }
      List<ControllerRevision> revisions = new ArrayList<>();
      for (RevisionState r : store.revisions()) {
        revisions.add(r.revision());
      }
      return new View(sets, List.copyOf(pods), List.copyOf(claims), List.copyOf(revisions));
    }

    @Nullable StatefulSet set(String namespace, String name) {
      return sets.get(StoredObject.key(namespace, name));
    }

    List<ObservedPod> pods(String namespace) {
      return pods.stream().filter(p -> p.namespace().equals(namespace)).toList();
    }

    List<ObservedClaim> claims(String namespace) {
      return claims.stream().filter(c -> c.namespace().equals(namespace)).toList();
    }

    List<ControllerRevision> revisions(String namespace) {
      return revisions.stream().filter(r -> r.namespace().equals(namespace)).toList();
    }
  }

  private record Snapshot(long event, Instant time, View view) {}

  private final ArrayDeque<Snapshot> history = new ArrayDeque<>();

  void clear() {
    history.clear();
  }

  /** Records the state after event number {@code event}. */
  void record(long event, Instant time, Store store, int lagEvents, Duration maxLag) {
    history.addLast(new Snapshot(event, time, View.of(store)));
    // A snapshot older than one that already qualifies will never be read again.
    while (history.size() > 1) {
      Iterator<Snapshot> it = history.iterator();
      it.next();
      Snapshot second = it.next();
      if (qualifies(second, event + 1, time, lagEvents, maxLag)) {
        history.removeFirst();
      } else {
        break;
      }
    }
  }

  /**
   * Returns the view a read during event {@code event} gets: the newest snapshot at least {@code
   * lagEvents} events old, or any snapshot older than {@code maxLag}; null when nothing is
   * recorded.
   */
  @Nullable View read(long event, Instant now, int lagEvents, Duration maxLag) {
    Iterator<Snapshot> newestFirst = history.descendingIterator();
    Snapshot oldest = null;
    while (newestFirst.hasNext()) {
      Snapshot s = newestFirst.next();
      if (qualifies(s, event, now, lagEvents, maxLag)) {
        return s.view();
      }
      oldest = s;
    }
    return oldest == null ? null : oldest.view();
  }

  private static boolean qualifies(
      Snapshot s, long event, Instant now, int lagEvents, Duration maxLag) {
    // During event E the live state is the one after event E-1; k events late is after E-1-k.
    return s.event() <= event - 1 - lagEvents || !s.time().isAfter(now.minus(maxLag));
  }
}
