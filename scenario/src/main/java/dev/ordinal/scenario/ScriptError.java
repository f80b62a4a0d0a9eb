package dev.ordinal.scenario;

/**
 * A problem with the script found while running a line; the runner adds the file and line and
 * rethrows it as a {@link ScriptException}.
 */
final class ScriptError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ScriptError(String message) {
    super(message);
  }
}
