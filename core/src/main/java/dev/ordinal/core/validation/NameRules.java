package dev.ordinal.core.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Syntax checks of apimachinery's {@code util/validation} package, each returning the messages the
 * apiserver attaches to a {@code field.Invalid}, in upstream order. Lengths are counted in UTF-8
 * bytes, as Go's {@code len} counts them.
 */
final class NameRules {

  private NameRules() {}

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_LABEL_MSG =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String PERCENT_MSG =
      "a valid percent string must be a numeric string followed by an ending '%'";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);

  /** Returns the messages of {@code IsDNS1123Label}; empty if the value is a DNS label. */
  static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>(2);
    if (byteLength(value) > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        // A valid subdomain but not a label: since the length was checked, it must be dots.
        errs.add("must not contain dots");
      } else {
        errs.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  /** Returns the messages of {@code IsDNS1123Subdomain}. */
  static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>(2);
    if (byteLength(value) > 253) {
      errs.add(maxLen(253));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  /** Returns the messages of {@code IsQualifiedName}, the syntax of label and annotation keys. */
  static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>(2);
    int slash = value.indexOf('/');
    String name = value;
    if (slash >= 0) {
      if (value.indexOf('/', slash + 1) >= 0) {
        errs.add(
            "a qualified name "
                + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
      String prefix = value.substring(0, slash);
      name = value.substring(slash + 1);
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String msg : dns1123Subdomain(prefix)) {
          errs.add("prefix part " + msg);
        }
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (byteLength(name) > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add(
          "name part "
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** Returns the messages of {@code IsValidLabelValue}. */
  static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>(2);
    if (byteLength(value) > 63) {
      errs.add(maxLen(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** Returns true if {@code IsValidPercent} accepts the value. */
  static boolean isPercent(String value) {
    return PERCENT.matcher(value).matches();
  }

  /** Returns the message of {@code IsValidPercent}. */
  static String percentError() {
    return regexError(PERCENT_MSG, PERCENT_FMT, "1%", "93%");
  }

  /** Returns the length Go's {@code len} gives the string. */
  static int byteLength(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String maxLen(int length) {
    return "must be no more than " + length + " characters";
  }

  /** Returns apimachinery's {@code RegexError}, double space after each example comma included. */
  private static String regexError(String msg, String fmt, String... examples) {
    StringBuilder out = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        out.append(" or ");
      }
      out.append('\'').append(examples[i]).append("', ");
    }
    return out.append("regex used for validation is '").append(fmt).append("')").toString();
  }
}
