package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Why a sync stops where it stops: the pod it waits for (if any), the upstream rule, and the same
 * in words a person understands.
 *
 * @param pod the pod the sync waits for or acted on last, or null when no single pod is to blame
 * @param rule the rule id, for example {@code R-ORDER-5}
 * @param message for example "web-1 is not Running and Ready; OrderedReady waits"
 * @since 0.1.0
 */
public record StopReason(@Nullable String pod, String rule, String message) {

  public StopReason {
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
  }

  /** Returns the message followed by the rule id in parentheses. */
  @Override
  public String toString() {
    return message + " (" + rule + ")";
  }
}
