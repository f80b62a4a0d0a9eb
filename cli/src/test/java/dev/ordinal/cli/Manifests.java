package dev.ordinal.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manifests of the tutorial's set {@code web} (test resource {@code web/web.yaml}) and of the pods,
 * claims and revisions around it, written as {@code kubectl get -o yaml} prints them.
 */
final class Manifests {

  private Manifests() {}

  /** The set's uid. */
  static final String SET_UID = "7c1e0000-0000-0000-0000-000000000001";

  /** The revision of web.yaml's template (image nginx-slim:0.8). */
  static final String V1 = "web-7c8fc9b8d5";

  /** The revision of the same template with image nginx-slim:0.9. */
  static final String V2 = "web-7d568b457d";

  static final String IMAGE_V1 = "registry.k8s.io/nginx-slim:0.8";
  static final String IMAGE_V2 = "registry.k8s.io/nginx-slim:0.9";

  /** Returns web.yaml with each {@code from} replaced by the following {@code to}. */
  static String set(String... replacements) {
    String text = Cli.text("web/web.yaml");
    for (int i = 0; i < replacements.length; i += 2) {
      if (!text.contains(replacements[i])) {
        throw new IllegalArgumentException("web.yaml has no " + replacements[i]);
      }
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    return text;
  }

  /** Returns the documents joined into one stream. */
  static String documents(List<String> documents) {
    return String.join("---\n", documents);
  }

  /** Returns the objects as the items of a {@code List}, as {@code kubectl get -o yaml} prints. */
  static String list(List<String> objects) {
    StringBuilder out = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (String o : objects) {
      String indented = "  " + o.strip().replace("\n", "\n  ");
      out.append("-").append(indented.substring(1)).append('\n');
    }
    return out.toString();
  }

  /** Writes text to a file of the directory and returns the file as a string. */
  static String file(Path dir, String name, String text) {
    return Cli.write(dir.resolve(name), text);
  }

  /** A pod of the set, Running and Ready at its creation time unless changed. */
  static final class Pod {
    String name;
    int ordinal;
    String revision = V1;
    String phase = "Running";
    boolean ready = true;
    String created = "2025-01-02T03:00:02Z";
    String readySince = "2025-01-02T03:00:10Z";
    String ownerUid = SET_UID;
    String deleted;
    Map<String, String> labels = new LinkedHashMap<>();

    Pod(int ordinal) {
      this.ordinal = ordinal;
      this.name = "web-" + ordinal;
    }

    static Pod of(int ordinal) {
      return new Pod(ordinal);
    }

    Pod revision(String r) {
      revision = r;
      return this;
    }

    Pod notReady() {
      ready = false;
      return this;
    }

    Pod phase(String p) {
      phase = p;
      return this;
    }

    Pod readySince(String t) {
      readySince = t;
      return this;
    }

    Pod owner(String uid) {
      ownerUid = uid;
      return this;
    }

    Pod deleted(String t) {
      deleted = t;
      return this;
    }

    /** Replaces the identity labels (app, revision, pod name and index) with these. */
    Pod labels(String... keyValues) {
      labels = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        labels.put(keyValues[i], keyValues[i + 1]);
      }
      return this;
    }

    String yaml() {
      Map<String, String> l = labels;
      if (l.isEmpty()) {
        l = new LinkedHashMap<>();
        l.put("app", "nginx");
        l.put("apps.kubernetes.io/pod-index", "\"" + ordinal + "\"");
        l.put("controller-revision-hash", revision);
        l.put("statefulset.kubernetes.io/pod-name", name);
      }
      List<String> lines = new ArrayList<>();
      lines.add("apiVersion: v1");
      lines.add("kind: Pod");
      lines.add("metadata:");
      lines.add("  name: " + name);
      lines.add("  namespace: default");
      lines.add("  uid: pod-uid-" + ordinal);
      lines.add("  creationTimestamp: \"" + created + "\"");
      if (deleted != null) {
        lines.add("  deletionTimestamp: \"" + deleted + "\"");
      }
      lines.add("  labels:");
      l.forEach((k, v) -> lines.add("    " + k + ": " + v));
      if (ownerUid != null) {
        lines.add("  ownerReferences:");
        lines.add(
            "  - {apiVersion: apps/v1, kind: StatefulSet, name: web, uid: "
                + ownerUid
                + ", controller: true, blockOwnerDeletion: true}");
      }
      lines.add("spec:");
      lines.add("  hostname: " + name);
      lines.add("  subdomain: nginx");
      lines.add("  containers: [{name: nginx, image: " + IMAGE_V1 + "}]");
      lines.add("  volumes: [{name: www, persistentVolumeClaim: {claimName: www-" + name + "}}]");
      lines.add("status:");
      lines.add("  phase: " + phase);
      lines.add("  conditions:");
      lines.add("  - type: Ready");
      lines.add("    status: \"" + (ready ? "True" : "False") + "\"");
      lines.add("    lastTransitionTime: \"" + readySince + "\"");
      return String.join("\n", lines) + "\n";
    }
  }

  /** Returns the claim of template www for the pod of this ordinal. */
  static String claim(int ordinal, String... ownerLines) {
    StringBuilder out =
        new StringBuilder()
            .append("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n")
            .append("  name: www-web-")
            .append(ordinal)
            .append("\n  namespace: default\n  uid: claim-uid-")
            .append(ordinal)
            .append("\n  labels: {app: nginx}\n");
    if (ownerLines.length > 0) {
      out.append("  ownerReferences:\n");
      for (String o : ownerLines) {
        out.append("  - ").append(o).append('\n');
      }
    }
    return out.append("spec:\n  accessModes: [ReadWriteOnce]\n").toString();
  }

  /** Returns the ControllerRevision of web.yaml's template with this image. */
  static String revision(String name, int number, String image, boolean owned) {
    String hash = name.substring("web-".length());
    StringBuilder out =
        new StringBuilder()
            .append("apiVersion: apps/v1\nkind: ControllerRevision\nmetadata:\n")
            .append("  name: ")
            .append(name)
            .append("\n  namespace: default\n  uid: rev-uid-")
            .append(number)
            .append("\n  creationTimestamp: \"2025-01-02T03:00:01Z\"\n")
            .append("  labels: {app: nginx, controller.kubernetes.io/hash: \"")
            .append(hash)
            .append("\"}\n");
    if (owned) {
      out.append("  ownerReferences:\n")
          .append("  - {apiVersion: apps/v1, kind: StatefulSet, name: web, uid: ")
          .append(SET_UID)
          .append(", controller: true, blockOwnerDeletion: true}\n");
    }
    return out.append("revision: ")
        .append(number)
        .append("\ndata:\n  spec:\n    template:\n      $patch: replace\n")
        .append("      metadata: {labels: {app: nginx}}\n")
        .append("      spec:\n        containers:\n        - image: ")
        .append(image)
        .append("\n          name: nginx\n")
        .append("          ports: [{containerPort: 80, name: web}]\n")
        .append("          volumeMounts: [{mountPath: /usr/share/nginx/html, name: www}]\n")
        .toString();
  }

  /** Writes manifests into a directory, one new file per call, and returns the file names. */
  static final class Workspace {
    private final Path dir;
    private int files;

    Workspace(Path dir) {
      this.dir = dir;
    }

    private String write(String kind, String text) {
      return file(dir, kind + "-" + ++files + ".yaml", text);
    }

    /** Writes web.yaml with replacements, as {@link Manifests#set}. */
    String set(String... replacements) {
      return write("web", Manifests.set(replacements));
    }

    /** Writes the pods as a List. */
    String pods(Pod... pods) {
      List<String> items = new ArrayList<>();
      for (Pod p : pods) {
        items.add(p.yaml());
      }
      return write("pods", list(items));
    }

    /** Writes claims www-web-0 up to www-web-(n-1) as separate documents, without owners. */
    String claims(int n) {
      List<String> docs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        docs.add(claim(i));
      }
      return write("claims", documents(docs));
    }

    /** Writes revisions, owned by the set, as separate documents. */
    String revisions(String... revisions) {
      return write("revisions", documents(List.of(revisions)));
    }

    /** Writes any text. */
    String text(String text) {
      return write("file", text);
    }
  }

  /** Returns revision V1 (number 1), owned by the set. */
  static String v1() {
    return revision(V1, 1, IMAGE_V1, true);
  }

  /** Returns the three pods of web.yaml, Running and Ready at V1. */
  static Pod[] threeReadyPods() {
    return new Pod[] {Pod.of(0), Pod.of(1), Pod.of(2)};
  }
}
