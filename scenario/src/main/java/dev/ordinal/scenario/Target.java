package dev.ordinal.scenario;

import dev.ordinal.api.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resource arguments of a kubectl command: a kind and the names, written either as {@code pods
 * web-0 web-1} or as {@code pod/web-0 pod/web-1}; no names means every object of the kind.
 */
record Target(ResourceKind kind, List<String> names) {

  /**
   * Reads the positional arguments of {@code kubectl COMMAND}.
   *
   * @throws BadLineException if there are none, or TYPE/NAME is mixed with other forms or kinds
   */
  static Target parse(List<String> positional, String command) {
    if (positional.isEmpty()) {
      throw new BadLineException("kubectl " + command + " needs a resource type");
    }
    String first = positional.get(0);
    int slash = first.indexOf('/');
    if (slash > 0) {
      List<String> names = new ArrayList<>();
      ResourceKind kind = ResourceKind.of(first.substring(0, slash));
      for (String p : positional) {
        int s = p.indexOf('/');
        if (s <= 0 || ResourceKind.of(p.substring(0, s)) != kind) {
          throw new BadLineException("mix of TYPE/NAME and other arguments: " + p);
        }
        names.add(p.substring(s + 1));
      }
      return new Target(kind, names);
    }
    return new Target(ResourceKind.of(first), positional.subList(1, positional.size()));
  }

  /** Returns the same kind with no names: every object of it. */
  Target all() {
    return new Target(kind, List.of());
  }

  /**
   * Reads a {@code -l} selector: equality terms only ({@code app=nginx,tier==web}), the ones the
   * tutorial and the simulation's label selectors have.
   *
   * @throws BadLineException for set-based or negated terms
   */
  static LabelSelector selector(String text) {
    Map<String, String> labels = new TreeMap<>();
    for (String part : text.split(",")) {
      String[] kv = part.split("==?", 2);
      if (kv.length != 2 || kv[0].isBlank() || part.contains("!")) {
        throw new BadLineException(
            "unsupported label selector (use key=value[,key=value]): " + text);
      }
      labels.put(kv[0].strip(), kv[1].strip());
    }
    return LabelSelector.of(labels);
  }
}
