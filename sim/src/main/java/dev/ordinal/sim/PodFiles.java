package dev.ordinal.sim;

import dev.ordinal.api.PodPhase;
import dev.ordinal.api.port.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code kubectl exec} sees of a container's file system. A path under a volume mount of a
 * claim lands on the claim's PersistentVolume and outlives the pod; any other path (other volumes,
 * the container's own file system) lives and dies with the pod.
 */
final class PodFiles {

  /** Where a path is stored: a volume's file map, or the pod's own. */
  private record Target(
      TreeMap<String, String> files,
      TreeMap<String, String> modes,
      String path,
      @Nullable VolumeState volume) {}

  private final SimContext sim;

  /** Per pod uid and volume name ("" for the container's root): looked up, never iterated. */
  private final Map<String, TreeMap<String, String>> podFiles = new HashMap<>();

  private final Map<String, TreeMap<String, String>> podModes = new HashMap<>();

  PodFiles(SimContext sim) {
    this.sim = sim;
  }

  void write(PodState pod, String path, String content) {
    Target t = locate(pod, path);
    t.files().put(t.path(), content);
    touched(t);
    sim.log.add("exec " + pod.ref() + " wrote " + path + where(t));
  }

  Optional<String> read(PodState pod, String path) {
    Target t = locate(pod, path);
    return Optional.ofNullable(t.files().get(t.path()));
  }

  void chmod(PodState pod, String path, String mode) {
    Target t = locate(pod, path);
    t.modes().put(t.path(), mode);
    touched(t);
    sim.log.add("exec " + pod.ref() + " chmod " + mode + " " + path + where(t));
  }

  Optional<String> mode(PodState pod, String path) {
    Target t = locate(pod, path);
    return Optional.ofNullable(t.modes().get(t.path()));
  }

  /** Drops a removed pod's own files. */
  void podRemoved(String uid) {
    podFiles.keySet().removeIf(k -> k.startsWith(uid + "|"));
    podModes.keySet().removeIf(k -> k.startsWith(uid + "|"));
  }

  /**
   * The container exec goes to: kubectl's default, the first. It must be running.
   *
   * @throws ApiException if it is not
   */
  static Map<?, ?> runningContainer(SimContext sim, PodState pod) {
    Object list = pod.spec.get("containers");
    Map<?, ?> container =
        list instanceof List && !((List<?>) list).isEmpty()
            ? (Map<?, ?>) ((List<?>) list).get(0)
            : Map.of();
    String name = String.valueOf(container.get("name"));
    if (pod.node != null && sim.kubelet.isLost(pod.node)) {
      throw new ApiException(
          Outcome.Kind.FAILED,
          "InternalError",
          "error dialing backend: dial tcp " + pod.node + ":10250: i/o timeout");
    }
    boolean running =
        pod.phase == PodPhase.RUNNING
            && !pod.containers.isEmpty()
            && pod.containers.get(0).state() == SimContainer.State.RUNNING;
    if (!running) {
      throw new ApiException(
          Outcome.Kind.FAILED,
          "BadRequest",
          "unable to upgrade connection: container not found (\"" + name + "\")");
    }
    return container;
  }

  private Target locate(PodState pod, String rawPath) {
    if (!rawPath.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute: " + rawPath);
    }
    String path =
        rawPath.length() > 1 && rawPath.endsWith("/")
            ? rawPath.substring(0, rawPath.length() - 1)
            : rawPath;
    Map<?, ?> container = runningContainer(sim, pod);
    String mountName = "";
    String mountPath = "";
    Object mounts = container.get("volumeMounts");
    if (mounts instanceof List) {
      for (Object o : (List<?>) mounts) {
        Map<?, ?> m = (Map<?, ?>) o;
        String mp = String.valueOf(m.get("mountPath"));
        String trimmed =
            mp.length() > 1 && mp.endsWith("/") ? mp.substring(0, mp.length() - 1) : mp;
        boolean under =
            path.equals(trimmed) || path.startsWith(trimmed.equals("/") ? "/" : trimmed + "/");
        if (under && trimmed.length() > mountPath.length()) {
          mountPath = trimmed;
          mountName = String.valueOf(m.get("name"));
        }
      }
    }
    if (mountName.isEmpty()) {
      return podTarget(pod, "", path);
    }
    String relative = mountPath.equals("/") ? path : path.substring(mountPath.length());
    if (relative.isEmpty()) {
      relative = "/";
    }
    String claimName = claimOf(pod, mountName);
    if (claimName == null) {
      return podTarget(pod, mountName, relative);
    }
    ClaimState claim = sim.store.claim(pod.namespace, claimName);
    VolumeState volume =
        claim == null || claim.volumeName == null ? null : sim.store.volume(claim.volumeName);
    if (volume == null) {
      throw new IllegalStateException(
          "bug: running pod "
              + pod.name
              + " mounts claim "
              + claimName
              + " without a bound volume");
    }
    return new Target(volume.files, volume.modes, relative, volume);
  }

  private static @Nullable String claimOf(PodState pod, String volumeName) {
    Object volumes = pod.spec.get("volumes");
    if (volumes instanceof List) {
      for (Object o : (List<?>) volumes) {
        Map<?, ?> v = (Map<?, ?>) o;
        if (volumeName.equals(v.get("name")) && v.get("persistentVolumeClaim") instanceof Map) {
          Object claim = ((Map<?, ?>) v.get("persistentVolumeClaim")).get("claimName");
          return claim == null ? null : String.valueOf(claim);
        }
      }
    }
    return null;
  }

  private Target podTarget(PodState pod, String volume, String path) {
    String key = pod.uid + "|" + volume;
    return new Target(
        podFiles.computeIfAbsent(key, k -> new TreeMap<>()),
        podModes.computeIfAbsent(key, k -> new TreeMap<>()),
        path,
        null);
  }

  private static void touched(Target t) {
    if (t.volume() != null) {
      t.volume().invalidate();
    }
  }

  private static String where(Target t) {
    return t.volume() == null ? "" : " (pv/" + t.volume().name + ")";
  }
}
