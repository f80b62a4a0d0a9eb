package dev.ordinal.core.render;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON-like data as indented JSON text: two spaces per level, {@code "name": value}, empty
 * objects and arrays as {@code {}} and {@code []}. Strings escape what JSON requires and nothing
 * more (quote, backslash, control characters), so non-ASCII text stays readable.
 */
final class JsonText {

  private JsonText() {}

  static void write(@Nullable Object value, int depth, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string((String) value, out);
    } else if (value instanceof Boolean || value instanceof Number) {
      // BigDecimal prints as toString(): an exact decimal such as 1.25 for the values written here.
      out.append(value);
    } else if (value instanceof Map) {
      object((Map<?, ?>) value, depth, out);
    } else if (value instanceof List) {
      array((List<?>) value, depth, out);
    } else {
      throw new IllegalStateException("bug: not JSON-like data: " + value.getClass().getName());
    }
  }

  private static void object(Map<?, ?> map, int depth, StringBuilder out) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> e = entries.next();
      newline(depth + 1, out);
      string(String.valueOf(e.getKey()), out);
      out.append(": ");
      write(e.getValue(), depth + 1, out);
      if (entries.hasNext()) {
        out.append(',');
      }
    }
    newline(depth, out);
    out.append('}');
  }

  private static void array(List<?> list, int depth, StringBuilder out) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      newline(depth + 1, out);
      write(list.get(i), depth + 1, out);
      if (i < list.size() - 1) {
        out.append(',');
      }
    }
    newline(depth, out);
    out.append(']');
  }

  private static void newline(int depth, StringBuilder out) {
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
