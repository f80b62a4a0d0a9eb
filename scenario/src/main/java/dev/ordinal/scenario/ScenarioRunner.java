package dev.ordinal.scenario;

import static java.util.Objects.requireNonNull;

import dev.ordinal.sim.SettleResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Replays a script of kubectl commands on a fresh {@link
 * dev.ordinal.sim.SimulatedCluster} and prints what kubectl would print.
 *
 * <p>A script is text, one command a line; {@code #} starts a comment; file names are relative to
 * the script's folder. Each command is echoed as {@code $ } and the line as written, then its
 * output. After every line the cluster runs until it settles (or until {@link #SETTLE_BOUND} of
 * simulated time, which the output then says). A {@code kubectl get pods -w} goes on printing the
 * changes of its pods, interleaved with the later commands, until the script ends.
 *
 * <pre>{@code
 * ScenarioRunner.Result r = ScenarioRunner.run(Path.of("tutorial.sh"), 42, System.out);
 * }</pre>
 *
 * <p>The same script and seed print the same bytes.
 *
 * @since 0.1.0
 */
public final class ScenarioRunner {

  /** How long, in simulated time, the cluster may run after one line before the runner stops it. */
  public static final Duration SETTLE_BOUND = Duration.ofMinutes(30);

  private ScenarioRunner() {}

  /**
   * How a script run ended.
   *
   * @param commands the lines run (comments and blank lines not counted)
   * @param elapsed the simulated time at the end
   * @param lastSettle how the cluster's last run after a line ended
   * @since 0.1.0
   */
  public record Result(int commands, Duration elapsed, SettleResult lastSettle) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if elapsed or lastSettle is null
     */
    public Result {
      requireNonNull(elapsed, "elapsed");
      requireNonNull(lastSettle, "lastSettle");
    }
  }

  /**
   * Runs a script file; errors name it as given.
   *
   * @throws ScriptException for an unreadable script, or a line the runner cannot run: an unknown
   *     command, flag or resource
   * @throws NullPointerException if script or out is null
   */
  public static Result run(Path script, long seed, PrintStream out) {
    requireNonNull(script, "script");
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScriptException(script.toString(), 0, "cannot read: " + e.getMessage());
    }
    Path base = script.toAbsolutePath().getParent();
    return run(text, script.toString(), base == null ? Path.of(".") : base, seed, out);
  }

  /**
   * Runs a script given as text, named {@code name} in errors, whose relative file names resolve
   * against {@code baseDirectory}.
   *
   * @throws ScriptException for a line the runner cannot run
   * @throws NullPointerException if an argument is null
   */
  public static Result run(
      String script, String name, Path baseDirectory, long seed, PrintStream out) {
    requireNonNull(script, "script");
    requireNonNull(name, "name");
    requireNonNull(baseDirectory, "baseDirectory");
    requireNonNull(out, "out");
    return run(script, name, baseDirectory, seed, out, 1, () -> {});
  }

  /**
   * Runs a script, calling {@code atLine} just before line {@code fromLine} (1-based) runs: the
   * tutorial's way to mute the sections before the one it shows.
   */
  static Result run(
      String script,
      String name,
      Path baseDirectory,
      long seed,
      PrintStream out,
      int fromLine,
      Runnable atLine) {
    Session session = new Session(seed, baseDirectory, out, SETTLE_BOUND);
    List<String> lines = script.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (i + 1 == fromLine) {
        out.flush();
        atLine.run();
      }
      try {
        session.line(lines.get(i));
      } catch (BadLineException e) {
        out.flush();
        throw new ScriptException(name, i + 1, e.getMessage());
      } catch (IllegalArgumentException | IllegalStateException e) {
        // The simulation refuses what the line asks (a pod not running yet for exec, ...).
        out.flush();
        throw new ScriptException(name, i + 1, String.valueOf(e.getMessage()));
      }
    }
    session.finish();
    out.flush();
    return new Result(session.commands(), session.cluster().elapsed(), session.lastSettle());
  }
}
