package dev.ordinal.scenario;

import java.io.PrintStream;

/**
 * What a script run prints, in the order a terminal would show it: each line echoed after a
 * {@code $ } prompt, the command's own output, then the lines of the running watch that the
 * command's changes caused.
 *
 * <p>While a command runs, watch lines are held back and come out when it ends (or when the
 * command asks, as {@code rollout status} does while it waits), so they never split the command's
 * own output.
 */
final class Transcript {

  private final PrintStream out;
  private boolean atLineStart = true;
  private boolean holding;
  private final StringBuilder held = new StringBuilder();

  Transcript(PrintStream out) {
    this.out = out;
  }

  /** Echoes a script line as {@code $ LINE}, on a line of its own. */
  void echo(String line) {
    if (!atLineStart) {
      // Output without a final newline (a --template) ends where a terminal's prompt would
      // follow; the echo of the next command starts on a line of its own.
      print("\n");
    }
    print("$ " + line + "\n");
  }

  /** From now on until {@link #endCommand}, watch lines wait for the command's output. */
  void beginCommand() {
    holding = true;
  }

  /** Prints the watch lines held back during the command. */
  void endCommand() {
    release();
    holding = false;
  }

  /** Prints output of the command itself, at once. */
  void print(String s) {
    if (!s.isEmpty()) {
      out.print(s);
      atLineStart = s.endsWith("\n");
    }
  }

  /** Prints lines of the watch: held back while a command runs, at once otherwise. */
  void watchLines(String s) {
    if (holding) {
      held.append(s);
    } else {
      if (!atLineStart) {
        print("\n");
      }
      print(s);
    }
  }

  /** Prints the watch lines held back so far, before what the command prints next. */
  void release() {
    if (held.length() > 0) {
      if (!atLineStart) {
        print("\n");
      }
      print(held.toString());
      held.setLength(0);
    }
  }
}
