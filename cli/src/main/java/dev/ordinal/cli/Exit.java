package dev.ordinal.cli;

/**
 * The exit codes of {@code ordinal}, the conventions of {@code grep} and {@code diff}: 0 when the
 * command ran and the answer is yes, 1 when it ran and the answer is no, 2 when it could not run on
 * what it was given.
 *
 * @since 0.1.0
 */
public final class Exit {

  private Exit() {}

  /** The command ran; the answer is yes (valid, rolled out) or there was no question (a plan). */
  public static final int OK = 0;

  /**
   * The command ran and the answer is no: a manifest the apiserver would reject ({@code validate}),
   * a rollout not finished or not supported ({@code rollout-status}).
   */
  public static final int NO = 1;

  /**
   * Bad usage or bad input: an unknown option, a missing or unreadable file, a manifest that is not
   * well-formed, of the wrong kind, missing a required field or holding an absurd value.
   */
  public static final int BAD_INPUT = 2;

  /**
   * {@code ordinal} itself failed: a bug (run again with {@code --debug} for the stack trace), or
   * the {@code ./ordinal} launcher could not build the command.
   */
  public static final int INTERNAL = 3;
}
