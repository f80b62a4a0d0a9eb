package dev.ordinal.api;

import java.util.List;
import java.util.Map;

/**
 * One {@code matchExpressions} entry of a label selector.
 *
 * @param key the label key
 * @param operator the operator
 * @param values the values; non-empty for In and NotIn, empty for Exists and DoesNotExist
 * @since 0.1.0
 */
public record LabelSelectorRequirement(String key, Operator operator, List<String> values) {

  /** A set-based selector operator. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String wireName;

    Operator(String wireName) {
      this.wireName = wireName;
    }

    /** Returns the Kubernetes spelling, for example {@code NotIn}. */
    public String wireName() {
      return wireName;
    }

    /**
     * Returns the operator with this Kubernetes spelling.
     *
     * @throws IllegalArgumentException if none has that spelling
     */
    public static Operator fromWireName(String wireName) {
      for (Operator o : values()) {
        if (o.wireName.equals(wireName)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown label selector operator: " + wireName);
    }
  }

  public LabelSelectorRequirement {
    values = List.copyOf(values);
  }

  /** Returns true if labels satisfy this requirement, as {@code labels.Selector} does. */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    switch (operator) {
      case IN:
        return value != null && values.contains(value);
      case NOT_IN:
        return value == null || !values.contains(value);
      case EXISTS:
        return value != null;
      case DOES_NOT_EXIST:
        return value == null;
      default:
        throw new AssertionError(operator);
    }
  }
}
