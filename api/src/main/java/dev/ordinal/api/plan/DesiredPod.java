package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import dev.ordinal.api.OwnerReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complete pod the controller creates: identity, labels, owner reference and the template of
 * the right revision, with claim volumes in place.
 *
 * @param name {@code <set>-<ordinal>} (R-NAME-1)
 * @param namespace the set's namespace (R-LABEL-6)
 * @param generateName {@code <set>-}, as {@code GetPodFromTemplate} sets it (R-LABEL-1)
 * @param labels template labels plus pod-name, pod-index and controller-revision-hash
 * @param annotations the template's annotations
 * @param finalizers the template's finalizers
 * @param ownerReferences the controller reference to the set (R-LABEL-2)
 * @param hostname {@code spec.hostname}: the pod name (R-ID-1)
 * @param subdomain {@code spec.subdomain}: the set's serviceName (R-ID-1)
 * @param revision the name of the ControllerRevision the pod is built from
 * @param claimVolumes volume name to claim name, one per claim template (R-PVC-5)
 * @param spec the template's {@code spec} with {@code hostname}, {@code subdomain} and the claim
 *     volumes applied: the pod's whole spec
 * @since 0.1.0
 */
public record DesiredPod(
    String name,
    String namespace,
    String generateName,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> finalizers,
    List<OwnerReference> ownerReferences,
    String hostname,
    String subdomain,
    String revision,
    Map<String, String> claimVolumes,
    Map<String, Object> spec) {

  public DesiredPod {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    requireNonNull(generateName, "generateName");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    finalizers = List.copyOf(finalizers);
    ownerReferences = List.copyOf(ownerReferences);
    requireNonNull(hostname, "hostname");
    requireNonNull(subdomain, "subdomain");
    requireNonNull(revision, "revision");
    claimVolumes = Collections.unmodifiableMap(new LinkedHashMap<>(claimVolumes));
    spec = Json.canonicalObject(spec);
  }
}
