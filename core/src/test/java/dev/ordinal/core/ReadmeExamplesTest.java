package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.validation.Defaults;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of README.md that use core, compiled and run; the cli's {@code ReadmeTest}
 * checks that README shows exactly the text between the {@code // readme:} markers.
 */
class ReadmeExamplesTest {

  @Test
  void readmeUseItExample_plansAsShown() {
    List<ObservedPod> observedPods = List.of();
    List<ObservedClaim> observedClaims = List.of();
    List<ControllerRevision> observedRevisions = List.of();

    // readme: use-it
    StatefulSet web = Defaults.apply(StatefulSet.builder()
        .name("web").namespace("default").uid("7c1e0000-0000-0000-0000-000000000001")
        .spec(StatefulSetSpec.builder()
            .replicas(3)
            .selector(LabelSelector.of(Map.of("app", "nginx")))
            .serviceName("nginx")
            .template(PodTemplate.of(
                Map.of("app", "nginx"), "nginx", "registry.k8s.io/nginx-slim:0.8"))
            .addVolumeClaimTemplate(VolumeClaimTemplate.of("www", "1Gi"))
            .build())
        .build());

    ReconcilePlan plan = new StatefulSetReconciler().plan(Observation.builder()
        .set(web).pods(observedPods).claims(observedClaims).revisions(observedRevisions)
        .now(Instant.now())   // time is an input: the planner never reads a clock
        .build());

    // create revision web-…, create claim www-web-0 (for pod web-0), create pod web-0 (revision
    // web-…), write status replicas=0 ready=0 …: one line of words each
    plan.actions().forEach(System.out::println);
    // created web-0; OrderedReady creates one pod per sync … (R-ORDER-2)
    plan.stopReason().ifPresent(System.out::println);
    // only when upstream's sync fails, such as: pvc www-web-1 is being deleted (R-PVC-3)
    plan.error().ifPresent(System.out::println);
    // readme: end

    assertThat(plan.actions())
        .extracting(Action::getClass)
        .containsExactly(
            Action.CreateRevision.class,
            Action.CreateClaim.class,
            Action.CreatePod.class,
            Action.WriteStatus.class);
    assertThat(plan.actions().get(1)).hasToString("create claim www-web-0 (for pod web-0)");
    assertThat(plan.stopReason().orElseThrow().rule()).isEqualTo("R-ORDER-2");
    assertThat(plan.error()).isEmpty();
  }
}
