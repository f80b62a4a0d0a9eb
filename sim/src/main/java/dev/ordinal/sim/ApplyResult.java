package dev.ordinal.sim;

import java.util.Locale;

/**
 * What {@code apply} did to an object, as {@code kubectl apply} reports it.
 *
 * @since 0.1.0
 */
public enum ApplyResult {
  /** The object did not exist and was created. */
  CREATED,
  /** The object existed and was changed. */
  CONFIGURED,
  /** The object existed and already matched. */
  UNCHANGED;

  /** Returns the word kubectl prints: {@code created}, {@code configured} or {@code unchanged}. */
  public String verb() {
    return name().toLowerCase(Locale.ROOT);
  }
}
