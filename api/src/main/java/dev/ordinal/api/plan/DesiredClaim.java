package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A claim the controller creates for a pod (R-PVC-2): the claim template with the pod's claim name,
 * the set's namespace and the selector's {@code matchLabels} laid over the template's labels.
 *
 * @param name {@code <template>-<set>-<ordinal>} (R-PVC-1)
 * @param namespace the set's namespace
 * @param templateName the claim template's name: the pod's volume name
 * @param labels claim template labels overlaid with {@code spec.selector.matchLabels}
 * @param annotations the claim template's annotations
 * @param spec the claim template's {@code spec}
 * @since 0.1.0
 */
public record DesiredClaim(
    String name,
    String namespace,
    String templateName,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Object> spec) {

  public DesiredClaim {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    requireNonNull(templateName, "templateName");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    spec = Json.canonicalObject(spec);
  }
}
