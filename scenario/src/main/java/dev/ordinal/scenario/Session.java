package dev.ordinal.scenario;

import dev.ordinal.sim.ApiException;
import dev.ordinal.sim.SettleResult;
import dev.ordinal.sim.SimulatedCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a script: the line loop and its state. It owns the simulated cluster, parses each
 * line into shell commands (with {@code for} loops and variables), hands them to the script's
 * commands ({@code kubectl}, {@code sim}, {@code sleep}, {@code echo}) or to the busybox shell a
 * {@code kubectl run -it} opened, and after each line runs the cluster until it settles.
 *
 * <p>The commands live elsewhere: {@link KubectlVerbs}, {@link SimVerbs}, {@link PodShell}, {@link
 * BusyboxShell}; what the run prints, in order, is the {@link Transcript}'s.
 */
final class Session {

  private final Path base;
  private final Duration bound;
  private final Transcript transcript;
  private final Watches watches;
  private final BusyboxShell busybox;
  private final KubectlVerbs kubectl;
  private final SimVerbs sim;

  private SimulatedCluster cluster;

  /** Whether a command has changed the cluster: from then on, {@code sim seed} is too late. */
  private boolean changed;

  private SettleResult lastSettle;
  private int commands;

  Session(long seed, Path base, PrintStream out, Duration bound) {
    this.cluster = SimulatedCluster.create(seed);
    this.base = base;
    this.bound = bound;
    this.lastSettle = new SettleResult(SettleResult.Status.SETTLED, Duration.ZERO, List.of());
    this.transcript = new Transcript(out);
    this.watches = new Watches(transcript);
    this.busybox = new BusyboxShell(this::cluster, SimulatedCluster.DEFAULT_NAMESPACE, transcript);
    this.kubectl = new KubectlVerbs(this, watches, new PodShell(this::cluster), busybox);
    this.sim = new SimVerbs(this);
  }

  SimulatedCluster cluster() {
    return cluster;
  }

  int commands() {
    return commands;
  }

  SettleResult lastSettle() {
    return lastSettle;
  }

  Transcript transcript() {
    return transcript;
  }

  /** Returns the folder the script's file names are relative to. */
  Path base() {
    return base;
  }

  /** Returns how long, in simulated time, the cluster may run after a line or while waiting. */
  Duration bound() {
    return bound;
  }

  /** Notes that a command changed (or may have changed) the cluster. */
  void changed() {
    changed = true;
  }

  boolean hasChanged() {
    return changed;
  }

  /** Starts over on a cluster of another seed; only before the first change. */
  void reseed(long seed) {
    cluster = SimulatedCluster.create(seed);
  }

  /** Runs one script line; comments and blank lines print nothing. */
  void line(String line) {
    List<Shell.Command> parsed = Shell.parse(line, busybox.isOpen());
    if (parsed.isEmpty()) {
      return;
    }
    transcript.echo(line);
    commands++;
    transcript.beginCommand();
    try {
      Map<String, String> vars = new HashMap<>();
      for (Shell.Command c : parsed) {
        run(c, vars);
      }
    } finally {
      transcript.endCommand();
    }
    // Lines typed into the busybox shell take no simulated time: the cluster runs on once the
    // shell exits.
    if (!busybox.isOpen()) {
      settle();
    }
  }

  /** Ends the script: a pod shell still open exits, as at the end of its input. */
  void finish() {
    if (busybox.isOpen()) {
      busybox.exit();
    }
    watches.close();
  }

  private void settle() {
    lastSettle = cluster.runUntilSettled(bound);
    if (lastSettle.status() == SettleResult.Status.TIME_LIMIT) {
      List<String> blockers = lastSettle.blockers();
      transcript.print(
          "# ordinal: the cluster did not settle within "
              + Age.of(bound)
              + " of simulated time; still pending: "
              + String.join("; ", blockers.subList(0, Math.min(3, blockers.size())))
              + "\n");
    }
  }

  private void run(Shell.Command command, Map<String, String> vars) {
    if (command instanceof Shell.ForLoop) {
      Shell.ForLoop loop = (Shell.ForLoop) command;
      for (String item : loop.items()) {
        vars.put(loop.variable(), Shell.expand(item, vars, null));
        for (Shell.Command c : loop.body()) {
          run(c, vars);
        }
      }
      return;
    }
    List<String> words = new ArrayList<>();
    for (String w : ((Shell.Simple) command).words()) {
      words.add(Shell.expand(w, vars, busybox.isOpen() ? busybox::substitute : null));
    }
    if (busybox.isOpen()) {
      transcript.print(busybox.run(words));
      return;
    }
    try {
      simple(words);
    } catch (KubectlException e) {
      transcript.print(e.getMessage() + "\n");
    } catch (ApiException e) {
      transcript.print(e.kubectlMessage() + "\n");
    }
  }

  private void simple(List<String> words) {
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (name) {
      case "kubectl":
        kubectl.run(args);
        break;
      case "sleep":
        if (args.size() != 1) {
          throw new BadLineException("usage: sleep DURATION");
        }
        changed = true;
        cluster.advance(Age.parse(args.get(0)));
        break;
      case "echo":
        transcript.print(String.join(" ", args) + "\n");
        break;
      case "sim":
        sim.run(args);
        break;
      default:
        throw new BadLineException("unknown command: " + name);
    }
  }
}
