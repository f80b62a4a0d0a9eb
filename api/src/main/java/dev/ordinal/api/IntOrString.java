package dev.ordinal.api;

import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes {@code IntOrString}: either an integer or a string, usually a percentage such as
 * {@code "10%"}. The string form is kept as written so that validation can report bad values in
 * the apiserver's words.
 *
 * @param intValue the integer value, when this holds an integer
 * @param stringValue the string value, when this holds a string
 * @since 0.1.0
 */
public record IntOrString(@Nullable Integer intValue, @Nullable String stringValue) {

  public IntOrString {
    if ((intValue == null) == (stringValue == null)) {
      throw new IllegalArgumentException("exactly one of intValue and stringValue must be set");
    }
  }

  /** Returns an integer value. */
  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  /** Returns a string value, such as {@code "25%"}. */
  public static IntOrString of(String value) {
    return new IntOrString(null, value);
  }

  /** Returns a percentage value: {@code percent(25)} is {@code "25%"}. */
  public static IntOrString percent(int percent) {
    return new IntOrString(null, percent + "%");
  }

  /** Returns true if this holds an integer. */
  public boolean isInt() {
    return intValue != null;
  }

  /** Returns the value as Kubernetes prints it: the integer, or the string unquoted. */
  @Override
  public String toString() {
    return intValue != null ? intValue.toString() : String.valueOf(stringValue);
  }
}
