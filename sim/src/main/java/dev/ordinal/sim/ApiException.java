package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.port.Outcome;

/**
 * An error the simulated apiserver returns to a user command, such as deleting a pod that does not
 * exist. The message is the server's, for example {@code pods "web-9" not found}; {@link
 * #kubectlMessage()} is what kubectl prints for it.
 *
 * @since 0.1.0
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Outcome.Kind kind;
  private final String reason;

  /**
   * Creates an error of this kind with the apiserver's reason (for example {@code NotFound}) and
   * message.
   *
   * @throws NullPointerException if an argument is null
   */
  public ApiException(Outcome.Kind kind, String reason, String message) {
    super(requireNonNull(message, "message"));
    this.kind = requireNonNull(kind, "kind");
    this.reason = requireNonNull(reason, "reason");
  }

  /** Returns the error in the port's taxonomy. */
  public Outcome.Kind kind() {
    return kind;
  }

  /** Returns the apiserver's {@code StatusReason}, for example {@code AlreadyExists}. */
  public String reason() {
    return reason;
  }

  /** Returns the line kubectl prints, for example {@code Error from server (NotFound): ...}. */
  public String kubectlMessage() {
    return "Error from server (" + reason + "): " + getMessage();
  }

  static ApiException notFound(String resource, String name) {
    return new ApiException(
        Outcome.Kind.NOT_FOUND, "NotFound", resource + " \"" + name + "\" not found");
  }

  static ApiException alreadyExists(String resource, String name) {
    return new ApiException(
        Outcome.Kind.ALREADY_EXISTS,
        "AlreadyExists",
        resource + " \"" + name + "\" already exists");
  }

  static ApiException of(Outcome outcome) {
    switch (outcome.kind()) {
      case NOT_FOUND:
        return new ApiException(outcome.kind(), "NotFound", outcome.message());
      case ALREADY_EXISTS:
        return new ApiException(outcome.kind(), "AlreadyExists", outcome.message());
      case CONFLICT:
        return new ApiException(outcome.kind(), "Conflict", outcome.message());
      case FAILED:
        return new ApiException(outcome.kind(), "InternalError", outcome.message());
      default:
        throw new IllegalStateException("bug: not an error: " + outcome);
    }
  }
}
