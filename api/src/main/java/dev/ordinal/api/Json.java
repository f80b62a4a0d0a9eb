package dev.ordinal.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Canonical JSON-like data: the form in which pod templates and claim templates are kept so that
 * nothing of the user's manifest is lost.
 *
 * <p>A value is {@code null}, a {@link String}, a {@link Boolean}, a {@link Long}, a {@link
 * Double}, a {@link BigInteger}/{@link BigDecimal} (numbers beyond those), a {@code List} of values,
 * or a {@code Map<String, ?>} of values. {@link #canonical(Object)} turns any such tree into an
 * unmodifiable copy with sorted maps and normalized numbers; {@link #marshal(Object)} writes it
 * byte for byte as Go's {@code encoding/json.Marshal} writes a {@code map[string]interface{}},
 * which is what ControllerRevision data and its hash are computed from.
 *
 * @since 0.1.0
 */
public final class Json {

  private Json() {}

  /**
   * Returns an unmodifiable, canonical deep copy of a JSON-like tree: maps sorted by key, integral
   * numbers as {@code Long} (or {@code BigInteger}), other numbers as {@code Double} (or {@code
   * BigDecimal}).
   *
   * @throws IllegalArgumentException if the tree holds anything else, naming the path
   */
  public static @Nullable Object canonical(@Nullable Object value) {
    return canonical(value, "$");
  }

  /**
   * Returns the canonical copy of a JSON object.
   *
   * @throws IllegalArgumentException if the tree holds anything that is not JSON-like
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> canonicalObject(Map<String, ?> value) {
    return (Map<String, Object>) canonical(value, "$");
  }

  private static @Nullable Object canonical(@Nullable Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof BigInteger) {
      BigInteger b = (BigInteger) value;
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (value instanceof CanonicalObject || value instanceof CanonicalArray) {
      return value; // already canonical and unmodifiable: shared, never copied again
    }
    if (value instanceof Map) {
      TreeMap<String, Object> copy = new TreeMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("JSON object key at " + path + " is not a string");
        }
        String key = (String) e.getKey();
        copy.put(key, canonical(e.getValue(), path + "." + key));
      }
      return new CanonicalObject(copy);
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(canonical(list.get(i), path + "[" + i + "]"));
      }
      return new CanonicalArray(copy);
    }
    throw new IllegalArgumentException(
        "value at " + path + " is not JSON-like: " + value.getClass().getName());
  }

  /** Returns the object at {@code key} of a JSON object, or an empty map when absent. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, ?> parent, String key) {
    Object v = parent.get(key);
    return v instanceof Map ? (Map<String, Object>) v : Map.of();
  }

  /** Returns the string-to-string map at {@code key}, skipping non-string values. */
  public static Map<String, String> stringMap(Map<String, ?> parent, String key) {
    Map<String, Object> m = object(parent, key);
    if (m.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> {
      if (v instanceof String) {
        out.put(k, (String) v);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Writes a JSON-like tree as Go's {@code json.Marshal} writes the same data decoded into {@code
   * interface{}}: object keys sorted, no white space, {@code <>&} and U+2028/U+2029 escaped,
   * numbers formatted as float64.
   */
  public static String marshal(@Nullable Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value);
    return out.toString();
  }

  /** Appends {@link #marshal(Object)} of value to out. */
  public static void write(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      writeString(out, (String) value);
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value) ? "true" : "false");
    } else if (value instanceof Number) {
      writeNumber(out, (Number) value);
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      Iterable<? extends Map.Entry<?, ?>> entries =
          map instanceof TreeMap || map instanceof CanonicalObject || isSortedView(map)
              ? map.entrySet()
              : new TreeMap<>(map).entrySet();
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : entries) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, (String) e.getKey());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object o : (List<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(out, o);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not JSON-like: " + value.getClass().getName());
    }
  }

  private static boolean isSortedView(Map<?, ?> map) {
    String prev = null;
    for (Object k : map.keySet()) {
      String s = (String) k;
      if (prev != null && prev.compareTo(s) > 0) {
        return false;
      }
      prev = s;
    }
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void writeString(StringBuilder out, String s) {
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
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          unicodeEscape(out, c);
          break;
        default:
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isSurrogate(c)) {
            // Go replaces invalid UTF-8 (a lone surrogate here) with U+FFFD.
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append("\\ufffd");
            }
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  private static void writeNumber(StringBuilder out, Number n) {
    // Upstream decodes the set into interface{}, so every number is a float64 when re-encoded.
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON cannot hold " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      if (Math.abs(d) < 9.007199254740992E15) {
        out.append((long) d);
      } else {
        out.append(new BigDecimal(d).toBigInteger());
      }
      return;
    }
    double abs = Math.abs(d);
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-6 && abs < 1e21) {
      out.append(shortest.toPlainString());
    } else {
      // Go's 'e' format with a two-digit minimum exponent trimmed to one digit: 1e-07 -> 1e-7.
      String digits = shortest.unscaledValue().abs().toString();
      int exponent = digits.length() - 1 - shortest.scale();
      if (d < 0) {
        out.append('-');
      }
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
  }

  /** A canonical JSON object: unmodifiable, keys sorted. Recognised so it is never copied again. */
  private static final class CanonicalObject extends java.util.AbstractMap<String, Object> {
    private final TreeMap<String, Object> map;

    CanonicalObject(TreeMap<String, Object> map) {
      this.map = map;
    }

    @Override
    public java.util.Set<Map.Entry<String, Object>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
      return key instanceof String ? map.get(key) : null;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return key instanceof String && map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }

  /** A canonical JSON array: unmodifiable. Recognised so it is never copied again. */
  private static final class CanonicalArray extends java.util.AbstractList<Object>
      implements java.util.RandomAccess {
    private final List<Object> list;

    CanonicalArray(List<Object> list) {
      this.list = list;
    }

    @Override
    public @Nullable Object get(int index) {
      return list.get(index);
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
