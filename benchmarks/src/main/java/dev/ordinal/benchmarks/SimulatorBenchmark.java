package dev.ordinal.benchmarks;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.sim.KubeletTimings;
import dev.ordinal.sim.SettleResult;
import dev.ordinal.sim.SimPod;
import dev.ordinal.sim.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole rolling update of the tutorial's {@code web} set with {@code n} pods on the test kit's
 * simulated cluster, end to end: every sync of the planner, every action through the port, every
 * kubelet step, until the cluster settles. Kubelet stages take no simulated time, so this measures
 * the work, not waiting. Each measured run starts from a settled set on the old image.
 *
 * <pre>{@code
 * ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar SimulatorBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Thread)
public class SimulatorBenchmark {

  private static final String OLD_IMAGE = "registry.k8s.io/nginx-slim:0.8";
  private static final String NEW_IMAGE = "registry.k8s.io/nginx-slim:0.9";
  private static final Duration BOUND = Duration.ofDays(30);

  @Param({"1000"})
  public int n;

  @Param({"ORDERED_READY", "PARALLEL"})
  public PodManagementPolicy policy;

  private SimulatedCluster cluster;

  /** Creates the set and lets every pod become Running and Ready on the old image. */
  @Setup(Level.Iteration)
  public void settleOnOldImage() {
    // Enough nodes that their /24 pod IP ranges hold both generations of pods.
    String[] nodes = new String[Math.max(3, 3 * n / 200)];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = "node-" + (i + 1);
    }
    cluster =
        SimulatedCluster.builder()
            .seed(1)
            .timings(KubeletTimings.instant())
            .nodes(nodes)
            .build();
    cluster.apply(web(n, policy));
    SettleResult settled = cluster.runUntilSettled(BOUND);
    check(settled, OLD_IMAGE);
  }

  /** Changes the image and runs the rolling update to its end. */
  @Benchmark
  public SettleResult rollingUpdate() {
    cluster.setImage("web", "nginx", NEW_IMAGE);
    return cluster.runUntilSettled(BOUND);
  }

  /** Fails the run unless every pod is Ready on the new image: a benchmark of the real thing. */
  @TearDown(Level.Iteration)
  public void checkUpdated() {
    check(cluster.runUntilSettled(BOUND), NEW_IMAGE);
  }

  private void check(SettleResult result, String image) {
    List<SimPod> pods = cluster.listPods("default", SELECTOR);
    long ready = pods.stream().filter(p -> "1/1".equals(p.readyColumn())).count();
    boolean allOnImage = pods.stream().allMatch(p -> p.images().equals(List.of(image)));
    if (pods.size() != n || ready != n || !allOnImage) {
      throw new IllegalStateException(
          "not settled on " + image + ": " + result + ", " + pods.size() + " pods, " + ready
              + " ready");
    }
  }

  private static final LabelSelector SELECTOR = LabelSelector.of(Map.of("app", "nginx"));

  private static StatefulSet web(int replicas, PodManagementPolicy policy) {
    PodTemplate template =
        PodTemplate.of(
            Map.of(
                "metadata", Map.of("labels", Map.of("app", "nginx")),
                "spec",
                    Map.of(
                        "containers",
                        List.of(
                            Map.of(
                                "name", "nginx",
                                "image", OLD_IMAGE,
                                "volumeMounts",
                                    List.of(
                                        Map.of(
                                            "name", "www",
                                            "mountPath", "/usr/share/nginx/html")))))));
    return StatefulSet.builder()
        .name("web")
        .namespace("default")
        .spec(
            StatefulSetSpec.builder()
                .serviceName("nginx")
                .replicas(replicas)
                .podManagementPolicy(policy)
                .selector(SELECTOR)
                .template(template)
                .addVolumeClaimTemplate(VolumeClaimTemplate.of("www", "1Gi"))
                .build())
        .build();
  }
}
