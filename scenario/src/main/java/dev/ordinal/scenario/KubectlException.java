package dev.ordinal.scenario;

/**
 * An error kubectl reports while running a well-formed command; the runner prints its message (for
 * example {@code Error from server (NotFound): pods "web-9" not found}) and goes on, as a shell
 * does after a failed kubectl.
 */
final class KubectlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  KubectlException(String message) {
    super(message);
  }
}
