package dev.ordinal.conformance;

/**
 * The oracle cannot be built, started or understood: a problem of the harness, not a difference.
 */
public final class OracleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OracleException(String message) {
    super(message);
  }

  public OracleException(String message, Throwable cause) {
    super(message, cause);
  }
}
