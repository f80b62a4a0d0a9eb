package dev.ordinal.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Thrown for a StatefulSet the apiserver would reject; the message is the apiserver's {@code
 * StatusError} message ({@code errors.NewInvalid}), for example {@code StatefulSet.apps "web" is
 * invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0}, or with several
 * violations {@code StatefulSet.apps "web" is invalid: [a, b]}.
 *
 * @since 0.1.0
 */
public final class InvalidStatefulSetException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Violation> violations;

  /**
   * Creates the exception for the set of this name and its violations, in the order reported.
   *
   * @throws NullPointerException if name or violations is null
   */
  public InvalidStatefulSetException(String name, List<Violation> violations) {
    super(message(requireNonNull(name, "name"), requireNonNull(violations, "violations")));
    this.name = name;
    this.violations = List.copyOf(violations);
  }

  /** Returns {@code metadata.name} of the rejected set. */
  public String name() {
    return name;
  }

  /** Returns every violation, in the order the apiserver reports them. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String name, List<Violation> violations) {
    String head = "StatefulSet.apps " + GoFormat.quote(name) + " is invalid";
    // Like field.ErrorList.ToAggregate: identical messages are reported once.
    Set<String> messages = new LinkedHashSet<>();
    for (Violation v : violations) {
      messages.add(v.toString());
    }
    if (messages.isEmpty()) {
      return head;
    }
    if (messages.size() == 1) {
      return head + ": " + messages.iterator().next();
    }
    return head + ": [" + String.join(", ", messages) + "]";
  }
}
