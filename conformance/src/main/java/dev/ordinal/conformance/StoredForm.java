package dev.ordinal.conformance;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts generated sets in the form the apiserver stores them, before anything is derived from them.
 *
 * <p>Upstream hashes a template as Go re-encodes it, and Go writes a container's {@code resources}
 * (a struct held by value) as {@code {}} even when unset. A template read from a cluster has it
 * already, so Ordinal, which hashes the JSON it is given, agrees with upstream on it; the test
 * kit's templates leave it out, and would get another revision name than upstream's for the same
 * template. This adds it, as the apiserver would.
 */
public final class StoredForm {

  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  private StoredForm() {}

  /** Returns the set with its template in stored form. */
  public static StatefulSet set(StatefulSet set) {
    return ImmutableStatefulSet.copyOf(set)
        .withSpec(
            StatefulSetSpec.builder()
                .from(set.spec())
                .template(template(set.spec().template()))
                .build());
  }

  /** Returns the template with {@code resources: {}} on every container that has none. */
  public static PodTemplate template(PodTemplate template) {
    Map<String, Object> content = new LinkedHashMap<>(template.content());
    Object spec = content.get("spec");
    if (!(spec instanceof Map)) {
      return template;
    }
    Map<String, Object> s = new LinkedHashMap<>(cast(spec));
    for (String key : CONTAINER_LISTS) {
      Object list = s.get(key);
      if (list instanceof List) {
        List<Object> containers = new ArrayList<>();
        for (Object c : (List<?>) list) {
          if (c instanceof Map && !((Map<?, ?>) c).containsKey("resources")) {
            Map<String, Object> m = new LinkedHashMap<>(cast(c));
            m.put("resources", Map.of());
            containers.add(m);
          } else {
            containers.add(c);
          }
        }
        s.put(key, containers);
      }
    }
    content.put("spec", s);
    return PodTemplate.of(content);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
