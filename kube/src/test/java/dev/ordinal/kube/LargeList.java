package dev.ordinal.kube;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@code kubectl get pods -o yaml} List of realistic pods (about 4 KiB each, as the
 * apiserver returns them with managed fields and a last-applied annotation) and reads it back:
 * {@code java -Xmx256m ... dev.ordinal.kube.LargeList FILE PODS} prints the pods read and the
 * file's size. {@link HeapBoundTest} runs it in a JVM with a capped heap.
 */
public final class LargeList {

  private LargeList() {}

  /** Writes the List of n pods to the file. */
  static void write(Path file, int n) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("apiVersion: v1\nkind: List\nmetadata: {resourceVersion: \"\"}\nitems:\n");
      for (int i = 0; i < n; i++) {
        out.write(pod(i));
      }
    }
  }

  private static String pod(int i) {
    String name = "web-" + i;
    StringBuilder p = new StringBuilder();
    p.append("- apiVersion: v1\n  kind: Pod\n  metadata:\n")
        .append("    annotations:\n      kubectl.kubernetes.io/last-applied-configuration: '")
        .append("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"")
        .append(name)
        .append("\"},\"spec\":{\"containers\":[{\"image\":\"registry.k8s.io/nginx-slim:0.24\",")
        .append("\"name\":\"nginx\",\"ports\":[{\"containerPort\":80,\"name\":\"web\"}]}]}}'\n")
        .append("    creationTimestamp: \"2025-01-02T03:04:05Z\"\n")
        .append("    generateName: web-\n    labels:\n      app: nginx\n")
        .append("      apps.kubernetes.io/pod-index: \"")
        .append(i)
        .append("\"\n")
        .append("      controller-revision-hash: web-6f7b8c9d5\n")
        .append("      statefulset.kubernetes.io/pod-name: ")
        .append(name)
        .append('\n')
        .append("    managedFields:\n");
    for (String manager : List.of("kube-controller-manager", "kubelet")) {
      p.append("    - apiVersion: v1\n      fieldsType: FieldsV1\n      fieldsV1:\n")
          .append("        f:metadata:\n          f:generateName: {}\n          f:labels:\n")
          .append(
              "            .: {}\n"
                  + "            f:app: {}\n"
                  + "            f:controller-revision-hash: {}\n")
          .append("        f:spec:\n          f:containers:\n            k:{\"name\":\"nginx\"}:\n")
          .append("              .: {}\n              f:image: {}\n              f:name: {}\n")
          .append("      manager: ")
          .append(manager)
          .append('\n')
          .append("      operation: Update\n      time: \"2025-01-02T03:04:05Z\"\n");
    }
    p.append("    name: ")
        .append(name)
        .append('\n')
        .append("    namespace: default\n")
        .append("    ownerReferences:\n    - apiVersion: apps/v1\n      blockOwnerDeletion: true\n")
        .append("      controller: true\n      kind: StatefulSet\n      name: web\n")
        .append("      uid: 3b2a1c0d-1111-2222-3333-444455556666\n")
        .append("    resourceVersion: \"")
        .append(100000 + i)
        .append("\"\n")
        .append("    uid: 9e8d7c6b-0000-4000-8000-")
        .append(String.format("%012d", i))
        .append('\n')
        .append("  spec:\n    containers:\n    - image: registry.k8s.io/nginx-slim:0.24\n")
        .append("      imagePullPolicy: IfNotPresent\n      name: nginx\n")
        .append(
            "      env:\n"
                + "      - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}\n")
        .append("      ports:\n      - {containerPort: 80, name: web, protocol: TCP}\n")
        .append(
            "      resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}\n")
        .append("      volumeMounts:\n      - {mountPath: /usr/share/nginx/html, name: www}\n")
        .append(
            "      - {mountPath: /var/run/secrets/kubernetes.io/serviceaccount, name:"
                + " kube-api-access, readOnly: true}\n")
        .append("    dnsPolicy: ClusterFirst\n    enableServiceLinks: true\n")
        .append("    hostname: ")
        .append(name)
        .append('\n')
        .append("    nodeName: node-")
        .append(i % 50)
        .append('\n')
        .append("    restartPolicy: Always\n    schedulerName: default-scheduler\n")
        .append("    serviceAccountName: default\n    subdomain: nginx\n")
        .append("    terminationGracePeriodSeconds: 10\n")
        .append("    tolerations:\n")
        .append(
            "    - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists,"
                + " tolerationSeconds: 300}\n")
        .append(
            "    - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists,"
                + " tolerationSeconds: 300}\n")
        .append("    volumes:\n    - name: www\n      persistentVolumeClaim: {claimName: www-")
        .append(name)
        .append("}\n")
        .append(
            "    - name: kube-api-access\n"
                + "      projected:\n"
                + "        defaultMode: 420\n"
                + "        sources:\n")
        .append("        - serviceAccountToken: {expirationSeconds: 3607, path: token}\n")
        .append(
            "        - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}\n")
        .append("  status:\n    conditions:\n");
    for (String type :
        List.of(
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled")) {
      p.append(
              "    - {lastProbeTime: null, lastTransitionTime: \"2025-01-02T03:04:07Z\", status:"
                  + " \"True\", type: ")
          .append(type)
          .append("}\n");
    }
    p.append("    containerStatuses:\n    - containerID: containerd://")
        .append(String.format("%064d", i))
        .append('\n')
        .append("      image: registry.k8s.io/nginx-slim:0.24\n")
        .append("      imageID: registry.k8s.io/nginx-slim@sha256:")
        .append("ab".repeat(32))
        .append('\n')
        .append(
            "      lastState: {}\n      name: nginx\n      ready: true\n      restartCount: 0\n")
        .append(
            "      started: true\n      state: {running: {startedAt: \"2025-01-02T03:04:06Z\"}}\n")
        .append("    hostIP: 10.0.0.")
        .append(i % 250)
        .append('\n')
        .append("    phase: Running\n    podIP: 10.244.")
        .append(i / 250 % 250)
        .append('.')
        .append(i % 250)
        .append('\n')
        .append("    qosClass: Burstable\n    startTime: \"2025-01-02T03:04:05Z\"\n");
    return p.toString();
  }

  /** Writes and reads a List: args FILE PODS. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    write(file, Integer.parseInt(args[1]));
    List<Manifest> pods = new ManifestReader().read(file);
    for (Manifest m : pods) {
      KubeMapping.pod(m);
    }
    System.out.println(pods.size() + " pods read from " + Files.size(file) + " bytes");
  }
}
