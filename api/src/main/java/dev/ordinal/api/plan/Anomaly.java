package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

/**
 * Something odd but possible the planner saw in the cluster and acted on as upstream does, without
 * failing: two pods for one ordinal, a pod name that does not parse, a foreign controller.
 *
 * @param subject the object concerned, such as a pod or claim name
 * @param rule the rule id that says how upstream treats it
 * @param message what was seen and what was done
 * @since 0.1.0
 */
public record Anomaly(String subject, String rule, String message) {

  public Anomaly {
    requireNonNull(subject, "subject");
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return subject + ": " + message + " (" + rule + ")";
  }
}
