package dev.ordinal.api;

/**
 * Parsing of StatefulSet pod names, {@code <parent>-<ordinal>}, as upstream's {@code
 * getParentNameAndOrdinal} does with the regular expression {@code (.*)-([0-9]+)$} (R-NAME-2).
 *
 * @since 0.1.0
 */
public final class PodNames {

  private PodNames() {}

  /** Returns {@code <setName>-<ordinal>} (R-NAME-1). */
  public static String podName(String setName, int ordinal) {
    return setName + "-" + ordinal;
  }

  /** Returns {@code <templateName>-<setName>-<ordinal>} (R-PVC-1). */
  public static String claimName(String templateName, String setName, int ordinal) {
    return templateName + "-" + setName + "-" + ordinal;
  }

  /**
   * Returns the index of the dash that separates parent and ordinal, or -1 if the name does not
   * match {@code (.*)-([0-9]+)$}.
   */
  static int separator(String name) {
    int i = name.length() - 1;
    while (i >= 0 && isDigit(name.charAt(i))) {
      i--;
    }
    if (i == name.length() - 1 || i < 0 || name.charAt(i) != '-') {
      return -1;
    }
    // Go's '.' does not match a newline, so such a parent cannot match.
    if (name.lastIndexOf('\n', i) >= 0) {
      return -1;
    }
    return i;
  }

  /** Returns the parent set name of a pod name, or "" when the name does not match. */
  public static String parentName(String name) {
    int sep = separator(name);
    return sep < 0 ? "" : name.substring(0, sep);
  }

  /**
   * Returns the ordinal of a pod name, or -1 when the name does not match or the number does not
   * fit a signed 32-bit integer.
   */
  public static int ordinal(String name) {
    int sep = separator(name);
    if (sep < 0) {
      return -1;
    }
    long value = 0;
    for (int i = sep + 1; i < name.length(); i++) {
      value = value * 10 + (name.charAt(i) - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return (int) value;
  }

  /**
   * Returns true if {@code name} is exactly {@code <parent>-<ordinal>} with the ordinal written as
   * Go's {@code %d} writes it (no leading zeros), given that it parsed to that ordinal.
   */
  static boolean isCanonical(String name, int ordinal) {
    if (ordinal < 0) {
      return false;
    }
    int sep = separator(name);
    return !(name.charAt(sep + 1) == '0' && name.length() - sep - 1 > 1);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
