package dev.ordinal.cli;

/**
 * Bad input found by the command itself rather than by the manifest reader, such as two
 * StatefulSets of the same name in one {@code --previous} file. The message is the whole report:
 * one line naming the file, the object and the field.
 */
final class InputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }

  /** Returns the message, so that printing the exception prints exactly that line. */
  @Override
  public String toString() {
    return getMessage();
  }
}
