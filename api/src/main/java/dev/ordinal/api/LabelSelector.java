package dev.ordinal.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions}, all of which must
 * hold. Matching allocates nothing: it runs once per observed pod on every plan.
 *
 * @since 0.1.0
 */
public final class LabelSelector {

  private final Map<String, String> matchLabels;
  private final List<LabelSelectorRequirement> matchExpressions;
  private final String[] keys;
  private final String[] values;

  /**
   * Returns a selector.
   *
   * @param matchLabels labels that must be present with these values
   * @param matchExpressions set-based requirements
   */
  public LabelSelector(
      Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {
    this.matchLabels = Collections.unmodifiableMap(new TreeMap<>(matchLabels));
    this.matchExpressions = List.copyOf(matchExpressions);
    this.keys = this.matchLabels.keySet().toArray(new String[0]);
    this.values = this.matchLabels.values().toArray(new String[0]);
  }

  /** Returns a selector of {@code matchLabels} only. */
  public static LabelSelector of(Map<String, String> matchLabels) {
    return new LabelSelector(matchLabels, List.of());
  }

  /** Labels that must be present with these values. */
  public Map<String, String> matchLabels() {
    return matchLabels;
  }

  /** Set-based requirements. */
  public List<LabelSelectorRequirement> matchExpressions() {
    return matchExpressions;
  }

  /** Returns true if the selector has no requirement at all (and so would select everything). */
  public boolean isEmpty() {
    return keys.length == 0 && matchExpressions.isEmpty();
  }

  /** Returns true if labels satisfy every requirement. */
  public boolean matches(Map<String, String> labels) {
    for (int i = 0; i < keys.length; i++) {
      if (!values[i].equals(labels.get(keys[i]))) {
        return false;
      }
    }
    for (int i = 0; i < matchExpressions.size(); i++) {
      if (!matchExpressions.get(i).matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LabelSelector
        && matchLabels.equals(((LabelSelector) o).matchLabels)
        && matchExpressions.equals(((LabelSelector) o).matchExpressions);
  }

  @Override
  public int hashCode() {
    return 31 * matchLabels.hashCode() + matchExpressions.hashCode();
  }

  @Override
  public String toString() {
    return "LabelSelector[matchLabels=" + matchLabels + ", matchExpressions=" + matchExpressions
        + "]";
  }
}
