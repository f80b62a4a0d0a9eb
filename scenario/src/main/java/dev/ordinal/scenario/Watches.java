package dev.ordinal.scenario;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.sim.PodWatchEvent;
import dev.ordinal.sim.SimPod;
import dev.ordinal.sim.SimulatedCluster;
import dev.ordinal.sim.Watch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kubectl get pods -w} of the "first terminal": the tutorial's habit of watching pods
 * in one terminal while typing commands in another. Its lines go to the transcript as the
 * simulated cluster reports changes, interleaved with the later commands, until the script ends.
 *
 * <p>There is one such terminal: a new {@code get -w} stands for the user stopping the old one
 * (Ctrl-C) and running the new one there, so the old watch stops; otherwise a script that repeats
 * the command, as the tutorial does, would print each change once per earlier watch.
 */
final class Watches {

  private final Transcript transcript;
  private @Nullable Watch watch;

  /** The watch's columns: their widths only grow, row by row, as kubectl's do. */
  private Table table = new Table();

  private boolean headerPrinted;

  Watches(Transcript transcript) {
    this.transcript = transcript;
  }

  /**
   * Starts watching the named pods (or all, if none are named) that the selector matches,
   * printing the ones there are now.
   *
   * @throws KubectlException if a pod is named and none of the named exists
   */
  void watchPods(
      SimulatedCluster cluster, String namespace, List<String> names, LabelSelector selector) {
    if (watch != null) {
      watch.close();
    }
    table = new Table();
    Instant now = cluster.now();
    List<List<String>> initial = new ArrayList<>();
    for (SimPod p : cluster.listPods(namespace, selector)) {
      if (names.isEmpty() || names.contains(p.name())) {
        initial.add(Rows.podCells(p, now));
      }
    }
    headerPrinted = false;
    if (!initial.isEmpty()) {
      initial.add(0, GetPrinter.header(ResourceKind.POD, false));
      headerPrinted = true;
      transcript.print(table.print(initial));
    } else if (!names.isEmpty()) {
      throw ResourceKind.POD.notFound(names.get(0));
    }
    watch =
        cluster.watchPods(
            namespace,
            selector,
            (PodWatchEvent e) -> {
              if (!names.isEmpty() && !names.contains(e.pod().name())) {
                return;
              }
              List<List<String>> rows = new ArrayList<>();
              // kubectl prints the header with the first row, so a watch that starts on no pods
              // prints it when the first one appears.
              if (!headerPrinted) {
                rows.add(GetPrinter.header(ResourceKind.POD, false));
                headerPrinted = true;
              }
              rows.add(Rows.podCells(e.pod(), e.time()));
              transcript.watchLines(table.print(rows));
            });
  }

  /** Stops the watch, if one runs: the end of the script. */
  void close() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }
}
