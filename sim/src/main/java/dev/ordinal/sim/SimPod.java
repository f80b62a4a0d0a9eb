package dev.ordinal.sim;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pod of the simulated cluster as a client reads it: metadata, the full spec the controller
 * created it with, and a status that reads like {@code kubectl get pods}.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}
 * @param uid {@code metadata.uid}
 * @param resourceVersion {@code metadata.resourceVersion}
 * @param labels {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param ownerReferences {@code metadata.ownerReferences}
 * @param phase {@code status.phase}
 * @param ready whether the pod's {@code Ready} condition is {@code True}
 * @param readySince the {@code Ready} condition's {@code lastTransitionTime}, if it ever was Ready
 * @param statusText the STATUS column of {@code kubectl get pods}: {@code Pending}, {@code
 *     ContainerCreating}, {@code Running}, {@code Terminating}, {@code Error}, {@code Completed}
 * @param restarts the RESTARTS column: restarts of all containers
 * @param ip {@code status.podIP}, null before the pod's sandbox exists
 * @param node {@code spec.nodeName}, null before it is scheduled
 * @param hostname {@code spec.hostname}
 * @param subdomain {@code spec.subdomain}, null when unset
 * @param containers the containers, in spec order, with their status
 * @param claimVolumes volume name to claim name, for every volume backed by a claim
 * @param spec the whole {@code spec} as created (canonical JSON-like data)
 * @param creationTimestamp {@code metadata.creationTimestamp}
 * @param deletionTimestamp {@code metadata.deletionTimestamp}: set while the pod terminates
 * @since 0.1.0
 */
public record SimPod(
    String name,
    String namespace,
    String uid,
    String resourceVersion,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    PodPhase phase,
    boolean ready,
    @Nullable Instant readySince,
    String statusText,
    int restarts,
    @Nullable String ip,
    @Nullable String node,
    String hostname,
    @Nullable String subdomain,
    List<SimContainer> containers,
    Map<String, String> claimVolumes,
    Map<String, Object> spec,
    Instant creationTimestamp,
    @Nullable Instant deletionTimestamp) {

  /** Returns the READY column of {@code kubectl get pods}, for example {@code 1/1}. */
  public String readyColumn() {
    int ready = 0;
    for (SimContainer c : containers) {
      if (c.ready() && c.state() == SimContainer.State.RUNNING) {
        ready++;
      }
    }
    return ready + "/" + containers.size();
  }

  /** Returns the containers' images, in spec order. */
  public List<String> images() {
    return containers.stream().map(SimContainer::image).toList();
  }

  /** Returns true if the pod has a deletion timestamp. */
  public boolean isTerminating() {
    return deletionTimestamp != null;
  }

  /** Returns true if the pod is Running and Ready, what the StatefulSet controller waits for. */
  public boolean isRunningAndReady() {
    return phase == PodPhase.RUNNING && ready;
  }

  /** Returns the {@code controller-revision-hash} label, or "" when missing. */
  public String revision() {
    return labels.getOrDefault(ObservedPod.REVISION_LABEL, "");
  }

  /** Returns the owner reference with {@code controller: true}, or null. */
  public @Nullable OwnerReference controllerRef() {
    for (OwnerReference r : ownerReferences) {
      if (r.controller()) {
        return r;
      }
    }
    return null;
  }
}
