package example;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Defaults;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** README's "Use it" example, as a user writes it, on a cluster where nothing exists yet. */
public final class UseIt {

  private UseIt() {}

  /**
   * Plans the first sync of web and prints its actions and why it stops.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    StatefulSet web =
        Defaults.apply(
            StatefulSet.builder()
                .name("web")
                .namespace("default")
                .uid("7c1e")
                .spec(
                    StatefulSetSpec.builder()
                        .replicas(3)
                        .selector(LabelSelector.of(Map.of("app", "nginx")))
                        .serviceName("nginx")
                        .template(
                            PodTemplate.of(
                                Map.of("app", "nginx"), "nginx", "registry.k8s.io/nginx-slim:0.8"))
                        .addVolumeClaimTemplate(VolumeClaimTemplate.of("www", "1Gi"))
                        .build())
                .build());

    ReconcilePlan plan =
        new StatefulSetReconciler()
            .plan(
                Observation.builder()
                    .set(web)
                    .pods(List.of())
                    .claims(List.of())
                    .revisions(List.of())
                    .now(Instant.parse("2025-01-02T03:00:00Z"))
                    .build());

    plan.actions().forEach(System.out::println);
    plan.stopReason().ifPresent(System.out::println);
  }
}
