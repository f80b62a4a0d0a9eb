package dev.ordinal.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records watch events as the lines {@code kubectl get pods -w} prints: name, READY, STATUS. */
final class WatchRecorder implements Consumer<PodWatchEvent> {

  final List<PodWatchEvent> events = new ArrayList<>();

  @Override
  public void accept(PodWatchEvent e) {
    events.add(e);
  }

  /** Returns the lines, for example {@code web-0 1/1 Running}. */
  List<String> lines() {
    return events.stream()
        .map(e -> e.pod().name() + " " + e.pod().readyColumn() + " " + e.pod().statusText())
        .toList();
  }

  /** Returns when a line first appeared. */
  Duration firstTime(String line) {
    for (PodWatchEvent e : events) {
      if ((e.pod().name() + " " + e.pod().readyColumn() + " " + e.pod().statusText())
          .equals(line)) {
        return e.elapsed();
      }
    }
    throw new AssertionError("no watch line " + line + " in " + lines());
  }

  /** Returns the index of the first line equal to this one. */
  int indexOf(String line) {
    int i = lines().indexOf(line);
    if (i < 0) {
      throw new AssertionError("no watch line " + line + " in " + lines());
    }
    return i;
  }

  /** Returns the index of the last line equal to this one. */
  int lastIndexOf(String line) {
    int i = lines().lastIndexOf(line);
    if (i < 0) {
      throw new AssertionError("no watch line " + line + " in " + lines());
    }
    return i;
  }
}
