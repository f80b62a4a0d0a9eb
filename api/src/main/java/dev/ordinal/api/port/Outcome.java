package dev.ordinal.api.port;

import static java.util.Objects.requireNonNull;

/**
 * The typed result of applying one action through the {@link ClusterPort}: the Kubernetes error
 * taxonomy the controller cares about, instead of exceptions.
 *
 * @param kind what happened
 * @param message the server's message, or "" for {@link Kind#OK}
 * @since 0.1.0
 */
public record Outcome(Kind kind, String message) {

  /** What happened to an action. */
  public enum Kind {
    OK,
    ALREADY_EXISTS,
    NOT_FOUND,
    CONFLICT,
    FAILED
  }

  public static final Outcome OK = new Outcome(Kind.OK, "");

  public Outcome {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }

  public static Outcome alreadyExists(String message) {
    return new Outcome(Kind.ALREADY_EXISTS, message);
  }

  public static Outcome notFound(String message) {
    return new Outcome(Kind.NOT_FOUND, message);
  }

  public static Outcome conflict(String message) {
    return new Outcome(Kind.CONFLICT, message);
  }

  public static Outcome failed(String message) {
    return new Outcome(Kind.FAILED, message);
  }

  /** Returns true for {@link Kind#OK}. */
  public boolean isOk() {
    return kind == Kind.OK;
  }
}
