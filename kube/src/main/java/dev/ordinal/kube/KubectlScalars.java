package dev.ordinal.kube;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The values kubectl gives YAML scalars. kubectl reads YAML with {@code sigs.k8s.io/yaml}, which
 * decodes with go-yaml v2: YAML 1.1 words for booleans and null ({@code yes}, {@code off}, {@code
 * y}, {@code ~}), C-style integer prefixes ({@code 010} is 8, {@code 0x1F}, {@code 0o10}, {@code
 * 0b101}), underscores anywhere in a number, no sexagesimal numbers ({@code 1:20} stays a string),
 * and timestamps kept as strings. An explicit tag ({@code !!int "010"}) converts the text the same
 * way and fails when the text is not of that type; unknown tags leave the text a string.
 *
 * <p>Every rule here was checked against kubectl's reader itself (see {@code KubectlScalarsTest}'s
 * data): where the YAML 1.1 specification and kubectl disagree, kubectl wins, since a manifest
 * means what {@code kubectl apply} sends.
 */
final class KubectlScalars {

  private KubectlScalars() {}

  static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");

  /** A scalar's tag and value; the value is null for null, else String, Boolean, Long, ... */
  record Resolved(Tag tag, @Nullable Object value) {}

  /** Thrown when an explicitly tagged scalar's text is not of its tag's type. */
  static final class BadTag extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadTag(String message) {
      super(message, null, false, false);
    }
  }

  private static final Map<String, Resolved> WORDS = new HashMap<>();

  static {
    words(Tag.BOOL, true, "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
    words(Tag.BOOL, false, "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off");
    words(Tag.BOOL, false, "OFF");
    words(Tag.NULL, null, "", "~", "null", "Null", "NULL");
    words(Tag.FLOAT, Double.NaN, ".nan", ".NaN", ".NAN");
    words(Tag.FLOAT, Double.POSITIVE_INFINITY, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
    words(Tag.FLOAT, Double.NEGATIVE_INFINITY, "-.inf", "-.Inf", "-.INF");
  }

  private static void words(Tag tag, @Nullable Object value, String... texts) {
    for (String text : texts) {
      WORDS.put(text, new Resolved(tag, value));
    }
  }

  /** A decimal float as go-yaml accepts one after its integer parses fail. */
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /** A float that starts with a dot, as Go's float parser reads one. */
  private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");

  /** The shapes of the timestamps go-yaml recognizes; they stay strings in kubectl's JSON. */
  private static final Pattern TIMESTAMP_TEXT =
      Pattern.compile(
          "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2}))"
              + "|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?))?");

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * Returns the tag an untagged plain scalar resolves to, for snakeyaml's composer: a plain {@code
   * <<} is a merge key where it is a key (go-yaml tells merge keys by their text, not by a tag).
   */
  static Tag tagOf(String plain) {
    return plain.equals("<<") ? Tag.MERGE : plain(plain).tag();
  }

  /** Returns the tag and value of an untagged plain scalar. */
  static Resolved plain(String in) {
    char hint = in.isEmpty() ? 'N' : hint(in.charAt(0));
    if (hint == 0) {
      return new Resolved(Tag.STR, in);
    }
    Resolved word = WORDS.get(in);
    if (word != null) {
      return word;
    }
    if (hint == '.') {
      if (DOT_FLOAT.matcher(in).matches()) {
        Double d = finite(in);
        if (d != null) {
          return new Resolved(Tag.FLOAT, d);
        }
      }
    } else if (hint == 'D' || hint == 'S') {
      if (TIMESTAMP_TEXT.matcher(in).matches()) {
        return new Resolved(TIMESTAMP, in);
      }
      // go-yaml drops every underscore before it parses a number.
      String digits = in.replace("_", "");
      BigInteger n = integer(digits);
      if (n != null) {
        return new Resolved(Tag.INT, n.bitLength() < 64 ? (Object) n.longValue() : n);
      }
      if (DECIMAL_FLOAT.matcher(digits).matches()) {
        Double d = finite(digits);
        if (d != null) {
          return new Resolved(Tag.FLOAT, d);
        }
      }
    }
    return new Resolved(Tag.STR, in);
  }

  /**
   * Returns the value of a scalar with this tag: the resolver's tag for an untagged scalar, or the
   * explicit one.
   *
   * @throws BadTag if the text is not of the explicit tag's type, in kubectl's words
   */
  static @Nullable Object value(Tag tag, String text) {
    if (tag.equals(Tag.STR)) {
      return text;
    }
    if (tag.equals(Tag.BINARY)) {
      return binary(text);
    }
    if (!(tag.equals(Tag.BOOL)
        || tag.equals(Tag.INT)
        || tag.equals(Tag.FLOAT)
        || tag.equals(Tag.NULL)
        || tag.equals(TIMESTAMP)
        || tag.equals(Tag.MERGE))) {
      return text; // go-yaml leaves the text of a scalar with any other tag as it is
    }
    if (tag.equals(Tag.MERGE)) {
      return text; // as a value, "<<" is just text
    }
    Resolved r = plain(text);
    if (r.tag().equals(tag)) {
      return r.value();
    }
    if (tag.equals(Tag.FLOAT) && r.tag().equals(Tag.INT)) {
      return ((Number) r.value()).doubleValue();
    }
    throw new BadTag(
        "cannot decode " + shortTag(r.tag()) + " `" + text + "` as a " + shortTag(tag));
  }

  private static String shortTag(Tag tag) {
    String v = tag.getValue();
    return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
  }

  /** Returns go-yaml's first-character hint: 0 for text that can only be a string. */
  private static char hint(char c) {
    if (c == '+' || c == '-') {
      return 'S';
    }
    if (c >= '0' && c <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(c) >= 0) {
      return 'M';
    }
    return c == '.' ? '.' : 0;
  }

  /**
   * Returns the integer as Go's base-0 parser reads it into an int64 or, without a sign, a uint64:
   * prefixes 0x, 0o, 0b, and a leading 0 for octal; null when it is not one or is out of range.
   */
  private static @Nullable BigInteger integer(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() >= 2 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (body.charAt(k) > 127 || Character.digit(body.charAt(k), radix) < 0) {
        return null;
      }
    }
    BigInteger n = new BigInteger(body, radix);
    if (negative) {
      n = n.negate();
      return n.bitLength() < 64 ? n : null;
    }
    if (i == 1) {
      return n.bitLength() < 64 ? n : null; // "+" parses only as an int64
    }
    return n.compareTo(UINT64_MAX) <= 0 ? n : null;
  }

  /** Returns the float, or null when it is out of range (Go's parser fails there). */
  private static @Nullable Double finite(String s) {
    double d = Double.parseDouble(s);
    return Double.isInfinite(d) ? null : d;
  }

  /** Decodes !!binary as go-yaml does, to a string; kubectl's JSON can only hold UTF-8 text. */
  private static String binary(String text) {
    String compact = text.replace("\n", "").replace("\r", "");
    byte[] bytes;
    try {
      if (compact.length() % 4 != 0) {
        throw new IllegalArgumentException("unpadded");
      }
      bytes = Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new BadTag("!!binary value contains invalid base64 data");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      // kubectl would replace the bytes with U+FFFD: a silent change of the data.
      throw new BadTag("!!binary value is not UTF-8 text, which a JSON string cannot hold");
    }
  }

  /**
   * Returns a float mapping key as {@code sigs.k8s.io/yaml} spells it: the shortest decimal that
   * reads back as the same 32-bit float, in exponent form below 1e-4 or from 1e6 on (Go's %g).
   */
  static String floatKey(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    float f = (float) d;
    if (Float.isInfinite(f)) {
      return f > 0 ? ".inf" : "-.inf"; // Go rounds to 32 bits first: 1e300 is spelled .inf
    }
    if (f == 0) {
      return (1 / f) < 0 ? "-0" : "0";
    }
    java.math.BigDecimal exact = new java.math.BigDecimal(Float.toString(f)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String sign = f < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = Integer.toString(Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + exact.abs().toPlainString();
  }
}
