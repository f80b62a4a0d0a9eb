package dev.ordinal.scenario;

import static java.util.Objects.requireNonNull;

/**
 * A script the runner cannot run: an unknown command, flag or resource, or a line that does not
 * parse. The message reads {@code FILE:LINE: message}, as a compiler names a bad line.
 *
 * <p>What kubectl itself would report while running a well-formed command (an object that does not
 * exist, an invalid manifest) is not a {@code ScriptException}: it is printed, as kubectl prints
 * it, and the script goes on.
 *
 * @since 0.1.0
 */
public final class ScriptException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  /**
   * Creates the error for a line of a script.
   *
   * @param file how the script is named, such as {@code tutorial.sh}
   * @param line the 1-based line number
   * @param problem what is wrong, lower-case, without a trailing period
   * @throws NullPointerException if file or problem is null
   */
  public ScriptException(String file, int line, String problem) {
    super(requireNonNull(file, "file") + ":" + line + ": " + requireNonNull(problem, "problem"));
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** Returns how the script is named. */
  public String file() {
    return file;
  }

  /** Returns the 1-based line number. */
  public int line() {
    return line;
  }

  /** Returns what is wrong, without the file and line. */
  public String problem() {
    return problem;
  }
}
