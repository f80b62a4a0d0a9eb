package dev.ordinal.core;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds what the controller creates: pods from a revision's template (R-LABEL, R-ID-1, R-PVC-5)
 * and claims from the claim templates (R-PVC-1, R-PVC-2).
 */
final class PodFactory {

  private final StatefulSet set;
  private final boolean podIndexLabel;

  PodFactory(StatefulSet set, boolean podIndexLabel) {
    this.set = set;
    this.podIndexLabel = podIndexLabel;
  }

  /** Returns the pod for an ordinal, built from a revision's template (newVersionedStatefulSetPod). */
  DesiredPod pod(int ordinal, PodTemplate template, String revisionName) {
    String name = PodNames.podName(set.name(), ordinal);
    Map<String, String> claimVolumes = claimVolumes(ordinal);

    Map<String, Object> spec = new TreeMap<>(template.spec());
    spec.put("hostname", name);
    spec.put("subdomain", set.spec().serviceName());
    spec.put("volumes", volumes(template.spec(), claimVolumes));
    if (set.spec().serviceName().isEmpty()) {
      // An empty subdomain is omitted from a real pod, as Go's omitempty drops it.
      spec.remove("subdomain");
    }

    List<String> finalizers = new ArrayList<>();
    Object f = template.metadata().get("finalizers");
    if (f instanceof List) {
      for (Object o : (List<?>) f) {
        if (o instanceof String) {
          finalizers.add((String) o);
        }
      }
    }
    return new DesiredPod(
        name,
        set.namespace(),
        set.name() + "-",
        podLabels(template.labels(), name, ordinal, revisionName),
        template.annotations(),
        finalizers,
        List.of(
            OwnerReference.controllerRef(
                OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid())),
        name,
        set.spec().serviceName(),
        revisionName,
        claimVolumes,
        spec);
  }

  /**
   * Returns the observed form of a pod not created yet: upstream's placeholder, with no phase, the
   * identity and storage it will be created with, and its revision label.
   */
  ObservedPod placeholder(int ordinal, PodTemplate template, String revisionName) {
    String name = PodNames.podName(set.name(), ordinal);
    return ObservedPod.builder()
        .name(name)
        .namespace(set.namespace())
        .labels(podLabels(template.labels(), name, ordinal, revisionName))
        .claimVolumes(claimVolumes(ordinal))
        .hostname(name)
        .subdomain(set.spec().serviceName())
        .build();
  }

  /** Returns the identity labels a pod must carry (R-LABEL-3, R-LABEL-4) over its own labels. */
  Map<String, String> identityLabels(Map<String, String> labels, String name, int ordinal) {
    Map<String, String> out = new TreeMap<>(labels);
    out.put(ObservedPod.POD_NAME_LABEL, name);
    if (podIndexLabel) {
      out.put(ObservedPod.POD_INDEX_LABEL, Integer.toString(ordinal));
    }
    return out;
  }

  private Map<String, String> podLabels(
      Map<String, String> templateLabels, String name, int ordinal, String revisionName) {
    Map<String, String> labels = identityLabels(templateLabels, name, ordinal);
    labels.put(ObservedPod.REVISION_LABEL, revisionName);
    return labels;
  }

  /** Returns volume name to claim name for every claim template, in template order. */
  Map<String, String> claimVolumes(int ordinal) {
    List<VolumeClaimTemplate> templates = set.spec().volumeClaimTemplates();
    Map<String, String> out = new LinkedHashMap<>();
    for (VolumeClaimTemplate t : templates) {
      out.put(t.name(), PodNames.claimName(t.name(), set.name(), ordinal));
    }
    return out;
  }

  /** The claim of template {@code t} for an ordinal (R-PVC-2): selector labels win. */
  DesiredClaim claim(VolumeClaimTemplate t, int ordinal) {
    Map<String, String> labels = new TreeMap<>(t.labels());
    labels.putAll(set.spec().selector() == null ? Map.of() : set.spec().selector().matchLabels());
    return new DesiredClaim(
        PodNames.claimName(t.name(), set.name(), ordinal),
        set.namespace(),
        t.name(),
        labels,
        t.annotations(),
        t.spec());
  }

  /**
   * Claim volumes first, then the template's other volumes (updateStorage). {@code readOnly: false}
   * is left out, as Go's omitempty leaves it out of a real pod.
   */
  private static List<Object> volumes(Map<String, Object> templateSpec, Map<String, String> claims) {
    List<Object> out = new ArrayList<>();
    claims.forEach(
        (volume, claim) ->
            out.add(
                Map.of(
                    "name",
                    volume,
                    "persistentVolumeClaim",
                    Map.of("claimName", claim))));
    Object existing = templateSpec.get("volumes");
    if (existing instanceof List) {
      for (Object v : (List<?>) existing) {
        Object name = v instanceof Map ? ((Map<?, ?>) v).get("name") : null;
        if (!(name instanceof String) || !claims.containsKey(name)) {
          out.add(v);
        }
      }
    }
    return out;
  }
}
