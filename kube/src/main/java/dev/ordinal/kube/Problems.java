package dev.ordinal.kube;

import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Violation;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Builds the field errors of this module and names objects in messages. */
final class Problems {

  private Problems() {}

  /** The rule id of violations this module finds itself, outside the validation catalogue. */
  static final String RULE = "kube";

  /** The detail for a {@code spec.replicas} the planner cannot hold. */
  static final String EXCEEDS_REPLICAS =
      "exceeds " + StatefulSetReconciler.MAX_REPLICAS + ", the most replicas Ordinal plans for";

  /**
   * Returns how messages name an object: {@code StatefulSet "web"}, or without a name its kind and
   * place: {@code StatefulSet in document 2}, {@code document 1, items[3]}, or just the kind when
   * the place is unknown (an object that did not come from a file).
   *
   * @param documentIndex 0-based, or -1 when unknown
   * @param itemIndex 0-based index in a List's items, or -1
   */
  static String describe(
      @Nullable String kind, @Nullable String name, int documentIndex, int itemIndex) {
    boolean hasKind = kind != null && !kind.isEmpty();
    if (hasKind && name != null && !name.isEmpty()) {
      return kind + " " + quote(name);
    }
    String place = null;
    if (documentIndex >= 0) {
      place = "document " + (documentIndex + 1);
      if (itemIndex >= 0) {
        place += ", items[" + itemIndex + "]";
      }
    }
    if (!hasKind) {
      return place == null ? "object" : place;
    }
    return place == null ? kind : kind + " in " + place;
  }

  /** The longest field path a message prints; aliases can nest paths far longer. */
  static final int MAX_PATH = 160;

  /**
   * Returns the path, or for one longer than {@link #MAX_PATH} its start and end around {@code
   * ...}, so that a message stays one readable line.
   */
  static String boundPath(String path) {
    if (path.length() <= MAX_PATH) {
      return path;
    }
    int half = (MAX_PATH - 3) / 2;
    return path.substring(0, half) + "..." + path.substring(path.length() - half);
  }

  /** Returns the string quoted as Go's {@code %q} quotes it, as the apiserver prints names. */
  static String quote(String s) {
    String rendered = Violation.invalid("", s, "", RULE).badValue();
    return rendered == null ? "\"\"" : rendered;
  }

  /** Returns {@code path: Required value[: detail]}. */
  static Violation required(String path, String detail) {
    return Violation.required(path, detail, RULE);
  }

  /** The longest rendered value a message prints in full. */
  static final int MAX_VALUE = 120;

  /**
   * Returns {@code path: Invalid value: value: detail}, with a value longer than {@link #MAX_VALUE}
   * cut short and its length said, so that a whole file read as one string stays one short line.
   */
  static Violation invalid(String path, @Nullable Object value, String detail) {
    Violation v = Violation.invalid(path, value, detail, RULE);
    String shown = v.badValue();
    if (shown == null || shown.length() <= MAX_VALUE) {
      return v;
    }
    String cut = shown.substring(0, MAX_VALUE - 10);
    String length =
        value instanceof String
            ? ((String) value).length() + " characters"
            : shown.length() + " characters as printed";
    String excerpt = (shown.startsWith("\"") ? cut + "...\"" : cut + "...") + " (" + length + ")";
    return new Violation(v.path(), v.type(), excerpt, v.detail(), v.rule());
  }

  /**
   * Returns the violation for a value fabric8 could not decode into its typed field: the path as
   * the apiserver prints field paths ({@code spec.containers[0].ports[1].containerPort}, {@code
   * metadata.labels[app]}), the value as written in the source, and what the field must be.
   *
   * @param tree the source tree of the object being decoded, or null when unknown
   */
  static Violation fromJackson(JacksonException e, @Nullable Object tree) {
    StringBuilder path = new StringBuilder();
    Object value = tree;
    boolean valueKnown = tree != null;
    for (JacksonException.Reference ref : e.getPath()) {
      String property = ref.getPropertyName();
      if (property != null) {
        if (isMapEntry(ref.from())) {
          path.append('[').append(property).append(']');
        } else {
          if (path.length() > 0) {
            path.append('.');
          }
          path.append(property);
        }
        if (valueKnown && value instanceof Map) {
          value = ((Map<?, ?>) value).get(property);
        } else {
          valueKnown = false;
        }
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        if (valueKnown && value instanceof List && ref.getIndex() < ((List<?>) value).size()) {
          value = ((List<?>) value).get(ref.getIndex());
        } else {
          valueKnown = false;
        }
      }
    }
    String field = path.length() == 0 ? "<object>" : boundPath(path.toString());
    Class<?> target = targetType(e);
    if (!valueKnown) {
      // Only a message without the value is possible; Jackson's own words are the best left.
      return new Violation(
          field,
          Violation.Type.INVALID,
          null,
          "cannot be decoded: " + e.getOriginalMessage(),
          RULE);
    }
    return invalid(field, value, expectation(target, value));
  }

  /** Returns what a value of the target type must be, as a validation detail. */
  static String expectation(@Nullable Class<?> target, @Nullable Object value) {
    if (target == null) {
      // Jackson names no target for a number beyond a long: the field is an int64 one.
      return value instanceof BigInteger
          ? "must be a 64-bit integer"
          : "is not a valid value for this field";
    }
    if (target == Integer.class || target == int.class || target == Short.class) {
      if (isIntegral(value)) {
        return "must be a 32-bit integer";
      }
      return "must be an integer";
    }
    if (target == Long.class || target == long.class) {
      if (isIntegral(value)) {
        return "must be a 64-bit integer";
      }
      return "must be an integer";
    }
    if (target == Double.class || target == double.class || target == Float.class) {
      return "must be a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "must be a boolean";
    }
    if (target == String.class) {
      return "must be a string";
    }
    if (target == IntOrString.class) {
      return "must be an integer or a string";
    }
    if (target == Quantity.class) {
      return "must be a quantity, such as 1Gi or 500m";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "must be a list";
    }
    return "must be an object";
  }

  private static @Nullable Class<?> targetType(JacksonException e) {
    if (e instanceof MismatchedInputException) {
      return ((MismatchedInputException) e).getTargetType();
    }
    if (e instanceof ValueInstantiationException) {
      return ((ValueInstantiationException) e).getType().getRawClass();
    }
    return null;
  }

  private static boolean isIntegral(@Nullable Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof BigInteger;
  }

  private static boolean isMapEntry(@Nullable Object from) {
    if (from instanceof Class) {
      return Map.class.isAssignableFrom((Class<?>) from);
    }
    return from instanceof Map;
  }

  /**
   * Returns the violation with the "exceeds" message when it reports a {@code spec.replicas} too
   * large to decode, so that 10000000000 gets the same words as 1000000000.
   */
  static Violation replicasBound(Violation v) {
    String value = v.badValue();
    if (v.path().equals("spec.replicas") && value != null && value.matches("[0-9]+")) {
      BigInteger replicas = new BigInteger(value);
      if (replicas.compareTo(BigInteger.valueOf(StatefulSetReconciler.MAX_REPLICAS)) > 0) {
        // The value as written: a double would round it.
        return new Violation(
            "spec.replicas", Violation.Type.INVALID, value, EXCEEDS_REPLICAS, RULE);
      }
    }
    return v;
  }
}
