package dev.ordinal.sim;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The StatefulSet tutorial's objects ({@code web.yaml}): the headless Service {@code nginx} and the
 * StatefulSet {@code web} whose pods mount claim {@code www} at nginx's document root.
 */
final class Web {

  static final Map<String, String> LABELS = Map.of("app", "nginx");
  static final LabelSelector SELECTOR = LabelSelector.of(LABELS);
  static final String IMAGE = "registry.k8s.io/nginx-slim:0.8";
  static final String IMAGE_2 = "registry.k8s.io/nginx-slim:0.7";
  static final String HTML = "/usr/share/nginx/html";
  static final Duration BOUND = Duration.ofMinutes(30);

  private Web() {}

  static PodTemplate template(String image) {
    return PodTemplate.of(
        Map.of(
            "metadata", Map.of("labels", LABELS),
            "spec",
                Map.of(
                    "containers",
                    List.of(
                        Map.of(
                            "name",
                            "nginx",
                            "image",
                            image,
                            "ports",
                            List.of(Map.of("containerPort", 80, "name", "web")),
                            "volumeMounts",
                            List.of(Map.of("name", "www", "mountPath", HTML)))))));
  }

  static ImmutableStatefulSet set(int replicas) {
    return StatefulSet.builder()
        .name("web")
        .namespace("default")
        .spec(
            StatefulSetSpec.builder()
                .serviceName("nginx")
                .replicas(replicas)
                .selector(SELECTOR)
                .template(template(IMAGE))
                .addVolumeClaimTemplate(VolumeClaimTemplate.of("www", "1Gi"))
                .build())
        .build();
  }

  /** {@code web-parallel.yaml}: the same set with {@code podManagementPolicy: Parallel}. */
  static ImmutableStatefulSet parallel(int replicas) {
    StatefulSet s = set(replicas);
    return ImmutableStatefulSet.copyOf(s)
        .withSpec(
            dev.ordinal.api.ImmutableStatefulSetSpec.copyOf(s.spec())
                .withPodManagementPolicy(PodManagementPolicy.PARALLEL));
  }

  static Service service() {
    return Service.headless("nginx", LABELS, ServicePort.tcp("web", 80));
  }

  /** Returns a cluster with the tutorial's Service and a {@code web} set of this many replicas. */
  static SimulatedCluster deployed(SimulatedCluster cluster, StatefulSet set) {
    cluster.apply(service());
    cluster.apply(set);
    return cluster;
  }
}
