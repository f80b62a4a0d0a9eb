package dev.ordinal.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions}, all of which must
 * hold.
 *
 * @param matchLabels labels that must be present with these values
 * @param matchExpressions set-based requirements
 * @since 0.1.0
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {

  public LabelSelector {
    matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(matchLabels));
    matchExpressions = List.copyOf(matchExpressions);
  }

  /** Returns a selector of {@code matchLabels} only. */
  public static LabelSelector of(Map<String, String> matchLabels) {
    return new LabelSelector(matchLabels, List.of());
  }

  /** Returns true if the selector has no requirement at all (and so would select everything). */
  public boolean isEmpty() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  /** Returns true if labels satisfy every requirement. */
  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : matchExpressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
