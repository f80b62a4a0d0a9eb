package dev.ordinal.scenario;

/**
 * A line of the script the runner cannot run (it does not parse, or asks for a command, flag or
 * resource the simulation lacks); the runner adds the file and line and rethrows it as the public
 * {@link ScriptException}. Unlike a {@link KubectlException}, it ends the script.
 */
final class BadLineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadLineException(String message) {
    super(message);
  }
}
