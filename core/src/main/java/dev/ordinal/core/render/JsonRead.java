package dev.ordinal.core.render;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes JSON text into JSON-like data: objects keep their key order, integers become {@code
 * Integer}, {@code Long} or {@code BigInteger} by size and other numbers {@code Double}. Used for a
 * ControllerRevision's {@code data}, which the planner itself wrote, so any error is a bug.
 */
final class JsonRead {

  private final String s;
  private int i;

  private JsonRead(String s) {
    this.s = s;
  }

  static @Nullable Object parse(String text) {
    JsonRead r = new JsonRead(text);
    Object v = r.value();
    r.space();
    if (r.i != text.length()) {
      throw r.bug("trailing text");
    }
    return v;
  }

  private @Nullable Object value() {
    space();
    if (i >= s.length()) {
      throw bug("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return word("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    i++;
    space();
    if (peek('}')) {
      return out;
    }
    do {
      space();
      String key = string();
      space();
      expect(':');
      out.put(key, value());
      space();
    } while (peek(','));
    expect('}');
    return out;
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    i++;
    space();
    if (peek(']')) {
      return out;
    }
    do {
      out.add(value());
      space();
    } while (peek(','));
    expect(']');
    return out;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'b':
          out.append('\b');
          break;
        case 't':
          out.append('\t');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'u':
          out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
          break;
        default:
          out.append(e);
      }
    }
  }

  private Object number() {
    int start = i;
    boolean integral = true;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      integral &= "0123456789-".indexOf(s.charAt(i)) >= 0;
      i++;
    }
    String text = s.substring(start, i);
    if (text.isEmpty()) {
      throw bug("unexpected character");
    }
    if (!integral) {
      return Double.parseDouble(text);
    }
    BigInteger n = new BigInteger(text);
    if (n.bitLength() < 32) {
      return n.intValue();
    }
    return n.bitLength() < 64 ? (Object) n.longValue() : n;
  }

  private @Nullable Object word(String word, @Nullable Object value) {
    if (!s.startsWith(word, i)) {
      throw bug("unexpected character");
    }
    i += word.length();
    return value;
  }

  private boolean peek(char c) {
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw bug("expected '" + c + "'");
    }
  }

  private void space() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private IllegalStateException bug(String what) {
    return new IllegalStateException("bug: revision data is not JSON: " + what + " at " + i);
  }
}
