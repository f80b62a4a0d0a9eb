package dev.ordinal.cli;

import static dev.ordinal.cli.Manifests.IMAGE_V1;
import static dev.ordinal.cli.Manifests.IMAGE_V2;
import static dev.ordinal.cli.Manifests.V1;
import static dev.ordinal.cli.Manifests.V2;
import static dev.ordinal.cli.Manifests.revision;
import static dev.ordinal.cli.Manifests.threeReadyPods;
import static dev.ordinal.cli.Manifests.v1;

import dev.ordinal.cli.Manifests.Pod;
import dev.ordinal.cli.Manifests.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code plan} command lines on the tutorial's set, one per situation, that between them produce
 * every kind of action, a stop with and without a pod, a requeue, an anomaly and slow-start
 * batches. The plan tests check their text; the JSON schema test checks their JSON.
 */
final class Scenarios {

  private Scenarios() {}

  /** Writes the manifests into the directory and returns the argument lists, by name. */
  static Map<String, List<String>> all(Path dir) {
    Workspace w = new Workspace(dir);
    Map<String, List<String>> out = new LinkedHashMap<>();
    String set = w.set();
    String revisions = w.revisions(v1());
    String pods = w.pods(threeReadyPods());
    String claims = w.claims(3);
    out.put("fromScratch", args("--statefulset", set));
    out.put(
        "converged",
        args(
            "--statefulset",
            w.set(
                "  replicas: 1\n  readyReplicas: 0\n  currentReplicas: 1\n  updatedReplicas: 1\n",
                "  replicas: 3\n  readyReplicas: 3\n  currentReplicas: 3\n  updatedReplicas: 3\n",
                "availableReplicas: 0",
                "availableReplicas: 3"),
            "--revisions",
            revisions,
            "--pods",
            pods,
            "--claims",
            claims));
    out.put(
        "rollingUpdate",
        args(
            "--statefulset",
            w.set(
                IMAGE_V1,
                IMAGE_V2,
                "  replicas: 3\n",
                "  replicas: 3\n  updateStrategy:\n    rollingUpdate: {maxUnavailable: 2}\n"),
            "--revisions",
            revisions,
            "--pods",
            pods,
            "--claims",
            claims));
    out.put(
        "rollback",
        args(
            "--statefulset", set,
            "--revisions", w.revisions(v1(), revision(V2, 2, IMAGE_V2, true)),
            "--pods", pods,
            "--claims", claims));
    out.put(
        "orphanRevision",
        args(
            "--statefulset", set,
            "--revisions", w.revisions(revision(V1, 1, IMAGE_V1, false)),
            "--pods", pods,
            "--claims", claims));
    out.put(
        "history",
        args(
            "--statefulset",
            w.set("  replicas: 3\n", "  replicas: 3\n  revisionHistoryLimit: 0\n"),
            "--revisions",
            w.revisions(revision(V2, 1, IMAGE_V2, true), revision(V1, 2, IMAGE_V1, true)),
            "--pods",
            pods,
            "--claims",
            claims));
    out.put(
        "orphanPod",
        args(
            "--statefulset", set,
            "--revisions", revisions,
            "--pods", w.pods(Pod.of(0).owner(null)),
            "--claims", claims));
    out.put(
        "releasePod",
        args(
            "--statefulset", set,
            "--revisions", revisions,
            "--pods", w.pods(Pod.of(0), Pod.of(1).labels("app", "other")),
            "--claims", claims));
    out.put(
        "repairIdentity",
        args(
            "--statefulset", set,
            "--revisions", revisions,
            "--pods", w.pods(Pod.of(0).labels("app", "nginx", "controller-revision-hash", V1)),
            "--claims", claims));
    out.put(
        "claimOwners",
        args(
            "--statefulset",
            w.set(
                "  replicas: 3\n",
                "  replicas: 3\n  persistentVolumeClaimRetentionPolicy:"
                    + " {whenDeleted: Delete, whenScaled: Delete}\n"),
            "--revisions",
            revisions,
            "--pods",
            pods,
            "--claims",
            claims));
    out.put(
        "failedPod",
        args(
            "--statefulset", set,
            "--revisions", revisions,
            "--pods", w.pods(Pod.of(0), Pod.of(1).phase("Failed").notReady()),
            "--claims", claims));
    out.put(
        "scaleDown",
        args(
            "--statefulset", w.set("replicas: 3", "replicas: 1"),
            "--revisions", revisions,
            "--pods", pods,
            "--claims", claims));
    out.put(
        "foreignController",
        args(
            "--statefulset", set,
            "--revisions", revisions,
            "--pods", w.pods(Pod.of(0).owner("another-uid")),
            "--claims", claims));
    out.put(
        "minReadySeconds",
        args(
            "--statefulset", w.set("  replicas: 3\n", "  replicas: 3\n  minReadySeconds: 10\n"),
            "--revisions", revisions,
            "--pods", pods,
            "--claims", claims,
            "--now", "2025-01-02T03:00:15.5Z"));
    out.put(
        "parallel",
        args(
            "--statefulset",
            w.set("  replicas: 3\n", "  replicas: 3\n  podManagementPolicy: Parallel\n")));
    out.put(
        "beingDeleted",
        args(
            "--statefulset",
            w.set(
                "  generation: 1\n",
                "  generation: 1\n  deletionTimestamp: \"2025-01-02T03:01:00Z\"\n"),
            "--revisions",
            revisions,
            "--pods",
            pods,
            "--claims",
            claims));
    return out;
  }

  private static List<String> args(String... args) {
    List<String> out = new ArrayList<>();
    out.add("plan");
    out.addAll(List.of(args));
    return out;
  }
}
