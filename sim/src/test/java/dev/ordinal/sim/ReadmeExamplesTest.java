package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator example of README.md, compiled and run; the cli's {@code ReadmeTest} checks that
 * README shows exactly the text between the {@code // readme:} markers.
 */
class ReadmeExamplesTest {

  @Test
  void readmeSimulatorExample_settlesTheCluster() {
    StatefulSet web =
        StatefulSet.builder()
            .name("web")
            .namespace("default")
            .spec(
                StatefulSetSpec.builder()
                    .replicas(3)
                    .serviceName("nginx")
                    .selector(LabelSelector.of(Map.of("app", "nginx")))
                    .template(PodTemplate.of(Map.of("app", "nginx"), "nginx", "nginx:1.27"))
                    .addVolumeClaimTemplate(VolumeClaimTemplate.of("www", "1Gi"))
                    .build())
            .build();

    // readme: simulator
    SimulatedCluster cluster = SimulatedCluster.create(42);  // same seed, same run
    cluster.apply(Service.headless("nginx", Map.of("app", "nginx"), ServicePort.tcp("web", 80)));
    cluster.apply(web);                                      // the apiserver defaults it
    SettleResult settled = cluster.runUntilSettled(Duration.ofMinutes(5));  // virtual time
    cluster.failPod("web-1");                                // its containers exit
    cluster.scale("web", 1);
    cluster.runUntilSettled(Duration.ofMinutes(5));
    cluster.eventLog().forEach(System.out::println);         // 18.734s pod/web-0 Running 1/1 …
    // readme: end

    assertThat(settled.isSettled()).isTrue();
    assertThat(cluster.listPods("default")).extracting(SimPod::name).containsExactly("web-0");
    assertThat(cluster.eventLog()).isNotEmpty();
  }
}
