package dev.ordinal.core.validation;

import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Json;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.RollingUpdate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders values as the apiserver prints them in {@code field.Error} messages: a Go {@code string}
 * with {@code %q}, integers and booleans plainly, anything else (named string types, maps, structs,
 * {@code IntOrString}) as Go's {@code encoding/json} writes it.
 */
final class GoFormat {

  private GoFormat() {}

  /** Returns a bad value rendered for {@link Violation#badValue()}. */
  static String badValue(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return quote((String) value);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof IntOrString) {
      return json((IntOrString) value);
    }
    return Json.marshal(value);
  }

  /**
   * Returns a value of a named Go string type (an enum such as {@code RestartPolicy}) as the
   * apiserver prints it: JSON, because only the plain {@code string} type gets {@code %q}.
   */
  static String namedString(String value) {
    return Json.marshal(value);
  }

  /** Returns the JSON of an {@code IntOrString}: a bare number or a JSON string. */
  static String json(IntOrString value) {
    Integer i = value.intValue();
    return i != null ? i.toString() : Json.marshal(value.stringValue());
  }

  /**
   * Returns the JSON of the internal (untagged) {@code RollingUpdateStatefulSetStrategy}, whose
   * field names are the Go names, as the apiserver prints it.
   */
  static String internalJson(RollingUpdate block) {
    IntOrString mu = block.maxUnavailable();
    return "{\"Partition\":"
        + block.effectivePartition()
        + ",\"MaxUnavailable\":"
        + (mu == null ? "null" : json(mu))
        + "}";
  }

  /** Returns the JSON of the internal {@code StatefulSetUpdateStrategy} with an unknown type. */
  static String internalStrategyJson(String type, @Nullable RollingUpdate block) {
    return "{\"Type\":"
        + Json.marshal(type)
        + ",\"RollingUpdate\":"
        + (block == null ? "null" : internalJson(block))
        + "}";
  }

  /** Returns the JSON of a {@code metav1.LabelSelector}, empty members omitted. */
  static String json(LabelSelector selector) {
    StringBuilder out = new StringBuilder("{");
    if (!selector.matchLabels().isEmpty()) {
      out.append("\"matchLabels\":").append(Json.marshal(selector.matchLabels()));
    }
    if (!selector.matchExpressions().isEmpty()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("\"matchExpressions\":[");
      boolean first = true;
      for (LabelSelectorRequirement r : selector.matchExpressions()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append("{\"key\":").append(Json.marshal(r.key()));
        out.append(",\"operator\":").append(Json.marshal(r.operator().wireName()));
        if (!r.values().isEmpty()) {
          out.append(",\"values\":").append(Json.marshal(r.values()));
        }
        out.append('}');
      }
      out.append(']');
    }
    return out.append('}').toString();
  }

  /** Returns the JSON of a label map, or {@code null} when the map is absent. */
  static String labelsJson(@Nullable Map<String, String> labels) {
    return labels == null ? "null" : Json.marshal(labels);
  }

  /** Returns s quoted as Go's {@code strconv.Quote} (the {@code %q} verb) quotes it. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case 0x07:
          out.append("\\a");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case 0x0b:
          out.append("\\v");
          break;
        default:
          if (isPrint(cp)) {
            out.appendCodePoint(cp);
          } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
            // A lone surrogate would be invalid UTF-8 in Go, which quotes it as U+FFFD.
            out.append("\\ufffd");
          } else if (cp < 0x80) {
            out.append(String.format("\\x%02x", cp));
          } else if (cp <= 0xffff) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.append(String.format("\\U%08x", cp));
          }
      }
    }
    return out.append('"').toString();
  }

  /** Returns true for what Go's {@code unicode.IsPrint} accepts: L, M, N, P, S and ASCII space. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }
}
