package dev.ordinal.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One problem with a StatefulSet, in the shape of apimachinery's {@code field.Error}: where it is,
 * what kind of problem, the offending value and a detail message, plus the id of the rule in the
 * project's StatefulSet rule catalogue. {@link #toString()} prints exactly what the apiserver
 * prints, for example {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
 *
 * @param path the field path, such as {@code spec.updateStrategy.rollingUpdate.partition}
 * @param type the kind of problem
 * @param badValue the offending value rendered as the apiserver renders it ({@code "Foo"} quoted,
 *     {@code -1}, {@code {"app":"web"}}), or null when the message omits the value
 * @param detail the detail message, possibly empty
 * @param rule the rule id, such as {@code R-VALID-6}
 * @since 0.1.0
 */
public record Violation(
    String path, Type type, @Nullable String badValue, String detail, String rule) {

  /**
   * The kind of a violation: apimachinery's {@code field.ErrorType}, plus {@link #WARNING} for the
   * warnings the apiserver returns next to a successful response.
   */
  public enum Type {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
    /** Not an error: a warning, printed as {@code path: detail} like apiserver warnings. */
    WARNING("", "Warning");

    private final String causeType;
    private final String label;

    Type(String causeType, String label) {
      this.causeType = causeType;
      this.label = label;
    }

    /** Returns the {@code StatusCause} type, for example {@code FieldValueInvalid}. */
    public String causeType() {
      return causeType;
    }

    /** Returns the words the apiserver prints, for example {@code Invalid value}. */
    public String label() {
      return label;
    }

    /** Returns true for the types whose message never shows the value. */
    boolean omitsValue() {
      return this == REQUIRED || this == FORBIDDEN || this == TOO_LONG || this == INTERNAL;
    }
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if path, type, detail or rule is null
   */
  public Violation {
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    requireNonNull(detail, "detail");
    requireNonNull(rule, "rule");
  }

  /** Returns {@code field.Required(path, detail)}. */
  public static Violation required(String path, String detail, String rule) {
    return new Violation(path, Type.REQUIRED, null, detail, rule);
  }

  /** Returns {@code field.Forbidden(path, detail)}. */
  public static Violation forbidden(String path, String detail, String rule) {
    return new Violation(path, Type.FORBIDDEN, null, detail, rule);
  }

  /**
   * Returns {@code field.Invalid(path, value, detail)}. A {@link String} value is quoted as Go's
   * {@code %q} quotes it, numbers and booleans print plainly, null prints {@code null}, and maps,
   * lists and {@code IntOrString} print as JSON.
   */
  public static Violation invalid(String path, @Nullable Object value, String detail, String rule) {
    return new Violation(path, Type.INVALID, GoFormat.badValue(value), detail, rule);
  }

  /**
   * Returns {@code field.NotSupported(path, value, supported)}: {@code path: Unsupported value:
   * "Foo": supported values: "A", "B"}. The value is printed as the apiserver prints enum fields
   * (Go named string types), as a JSON string.
   */
  public static Violation unsupported(
      String path, @Nullable String value, List<String> supported, String rule) {
    StringBuilder detail = new StringBuilder();
    if (!supported.isEmpty()) {
      detail.append("supported values: ");
      for (int i = 0; i < supported.size(); i++) {
        if (i > 0) {
          detail.append(", ");
        }
        detail.append(GoFormat.quote(supported.get(i)));
      }
    }
    String rendered = value == null ? "null" : GoFormat.namedString(value);
    return new Violation(path, Type.NOT_SUPPORTED, rendered, detail.toString(), rule);
  }

  /** Returns a warning, printed as {@code path: detail}. */
  public static Violation warning(String path, String detail, String rule) {
    return new Violation(path, Type.WARNING, null, detail, rule);
  }

  /** Returns true for a {@link Type#WARNING}, which does not make an object invalid. */
  public boolean isWarning() {
    return type == Type.WARNING;
  }

  /**
   * Returns the message as the apiserver's {@code field.Error.Error()} prints it: {@code path:
   * Type[: value][: detail]}. A warning prints as {@code path: detail}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(path).append(": ");
    if (type == Type.WARNING) {
      return out.append(detail).toString();
    }
    out.append(type.label());
    if (!type.omitsValue() && badValue != null) {
      out.append(": ").append(badValue);
    }
    if (!detail.isEmpty()) {
      out.append(": ").append(detail);
    }
    return out.toString();
  }
}
