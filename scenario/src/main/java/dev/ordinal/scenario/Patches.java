package dev.ordinal.scenario;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The three patch types of {@code kubectl patch}, applied to an object's JSON-like tree.
 *
 * <p>RFC 6902 JSON patch is fabric8's zjsonpatch; RFC 7386 merge patch is fabric8's {@link
 * KubernetesSerialization#mergePatch}, which merges maps but keeps a {@code null} where the RFC
 * removes the member, so nulls are pruned afterwards. Strategic merge patch has no Java library:
 * this is the subset a StatefulSet needs, written here — maps merge recursively, {@code null}
 * removes a field, and the lists Kubernetes declares with a merge key merge item by item by that
 * key ({@code containers}, {@code initContainers}, {@code volumes}, {@code env}, {@code
 * imagePullSecrets} by {@code name}; container {@code ports} by {@code containerPort}; {@code
 * volumeMounts} by {@code mountPath}); every other list is replaced. The {@code $patch} and
 * {@code $retainKeys} directives are not supported and are rejected.
 */
final class Patches {

  private Patches() {}

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "volumes", "name",
          "env", "name",
          "imagePullSecrets", "name",
          "ports", "containerPort",
          "volumeMounts", "mountPath");

  /**
   * Applies a patch of a {@code kubectl patch --type} to a tree and returns the new tree.
   *
   * @throws KubectlException if the patch is not valid JSON or cannot be applied, as kubectl
   *     reports
   * @throws BadLineException for an unknown type
   */
  static Map<String, Object> apply(String type, Map<String, Object> tree, String patch) {
    switch (type) {
      case "strategic":
        return strategic(tree, parseObject(patch));
      case "merge":
        Map<String, Object> target = deepCopy(tree);
        try {
          SERIALIZATION.mergePatch(target, patch);
        } catch (RuntimeException e) {
          throw new KubectlException("error: unable to parse " + goQuote(patch) + ": " + cause(e));
        }
        return pruneNulls(target);
      case "json":
        try {
          JsonNode source = SERIALIZATION.convertValue(tree, JsonNode.class);
          JsonNode ops = SERIALIZATION.unmarshal(patch, JsonNode.class);
          if (!ops.isArray()) {
            throw new KubectlException("error: unable to parse " + goQuote(patch) + ": not a JSON array");
          }
          JsonNode result = JsonPatch.apply(ops, source);
          @SuppressWarnings("unchecked")
          Map<String, Object> out = SERIALIZATION.convertValue(result, LinkedHashMap.class);
          return out;
        } catch (JsonPatchException e) {
          // kubectl sends a JSON patch as it is; the server applies it, so a path that does not
          // exist is the server's refusal of the request, not kubectl's parse error.
          throw new KubectlException("The request is invalid: " + e.getMessage());
        } catch (JacksonException e) {
          throw new KubectlException("error: unable to parse " + goQuote(patch) + ": " + cause(e));
        } catch (RuntimeException e) {
          if (e instanceof KubectlException) {
            throw e;
          }
          throw new KubectlException("error: unable to parse " + goQuote(patch) + ": " + cause(e));
        }
      default:
        throw new BadLineException(
            "--type must be one of [json merge strategic], not " + goQuote(type));
    }
  }

  /** Returns the text quoted as Go's %q quotes it, as kubectl prints the patch in errors. */
  private static String goQuote(String s) {
    String quoted = dev.ordinal.core.validation.Violation.invalid("", s, "", "kubectl").badValue();
    return quoted == null ? "\"\"" : quoted;
  }

  private static String cause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  private static Map<String, Object> parseObject(String patch) {
    Object parsed;
    try {
      parsed = SERIALIZATION.unmarshal(patch, Object.class);
    } catch (RuntimeException e) {
      throw new KubectlException("error: unable to parse " + goQuote(patch) + ": " + cause(e));
    }
    if (!(parsed instanceof Map)) {
      throw new KubectlException("error: unable to parse " + goQuote(patch) + ": not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return map;
  }

  private static Map<String, Object> strategic(Map<String, Object> target, Map<String, ?> patch) {
    Map<String, Object> out = deepCopy(target);
    for (Map.Entry<String, ?> e : patch.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.startsWith("$")) {
        throw new KubectlException(
            "error: strategic merge patch directive " + key + " is not supported by ordinal");
      }
      Object current = out.get(key);
      if (value == null) {
        out.remove(key);
      } else if (value instanceof Map && current instanceof Map) {
        out.put(key, strategic(asMap(current), asMap(value)));
      } else if (value instanceof List && current instanceof List && MERGE_KEYS.containsKey(key)) {
        out.put(key, mergeList((List<?>) current, (List<?>) value, MERGE_KEYS.get(key)));
      } else {
        out.put(key, copy(value));
      }
    }
    return out;
  }

  private static List<Object> mergeList(List<?> current, List<?> patch, String mergeKey) {
    List<Object> out = new ArrayList<>();
    for (Object o : current) {
      out.add(copy(o));
    }
    for (Object p : patch) {
      if (!(p instanceof Map) || !((Map<?, ?>) p).containsKey(mergeKey)) {
        throw new KubectlException(
            "error: map: " + p + " does not contain declared merge key: " + mergeKey);
      }
      Object key = String.valueOf(((Map<?, ?>) p).get(mergeKey));
      boolean merged = false;
      for (int i = 0; i < out.size(); i++) {
        Object o = out.get(i);
        if (o instanceof Map && key.equals(String.valueOf(((Map<?, ?>) o).get(mergeKey)))) {
          out.set(i, strategic(asMap(o), asMap(p)));
          merged = true;
        }
      }
      if (!merged) {
        out.add(copy(p));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** Returns a mutable deep copy of a JSON-like tree. */
  static Map<String, Object> deepCopy(Map<String, ?> tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    tree.forEach((k, v) -> out.put(k, copy(v)));
    return out;
  }

  private static Object copy(Object v) {
    if (v instanceof Map) {
      return deepCopy(asMap(v));
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object o : (List<?>) v) {
        out.add(copy(o));
      }
      return out;
    }
    return v;
  }

  private static Map<String, Object> pruneNulls(Map<String, Object> tree) {
    for (Iterator<Map.Entry<String, Object>> it = tree.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Object> e = it.next();
      if (e.getValue() == null) {
        it.remove();
      } else if (e.getValue() instanceof Map) {
        pruneNulls(asMap(e.getValue()));
      }
    }
    return tree;
  }
}
