package dev.ordinal.scenario;

import dev.ordinal.api.Json;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What kubectl remembers of each StatefulSet: the manifest as last applied, patched or scaled.
 * It is the base of the next {@code kubectl patch}, and the spec {@code get -o yaml} shows, with
 * the fields the user wrote rather than the simulation's typed model of them.
 */
final class LastApplied {

  private final Map<String, Map<String, Object>> trees = new TreeMap<>();

  /** Returns the manifest last applied for a set, or null if none was (or the set was deleted). */
  @Nullable Map<String, Object> get(String set) {
    return trees.get(set);
  }

  /** Returns the spec last applied for a set, or an empty map. */
  Map<String, Object> spec(String set) {
    Map<String, Object> tree = trees.get(set);
    return tree == null ? Map.of() : Json.object(tree, "spec");
  }

  void put(String set, Map<String, Object> tree) {
    trees.put(set, tree);
  }

  /** Records a {@code kubectl scale}: it changes spec.replicas and nothing else. */
  void scaled(String set, int replicas) {
    Map<String, Object> tree = trees.get(set);
    if (tree != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
      spec.put("replicas", replicas);
    }
  }

  void remove(String set) {
    trees.remove(set);
  }
}
