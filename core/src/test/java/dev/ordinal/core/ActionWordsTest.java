package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import dev.ordinal.api.plan.SyncError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Actions and plans print as one line of words, not as record dumps. */
class ActionWordsTest {

  private static final OwnerReference SET =
      OwnerReference.controllerRef(OwnerReference.APPS_V1, "StatefulSet", "web", "u1");

  @Test
  void revisionActions_printTheirNames() {
    ControllerRevision revision =
        ControllerRevision.builder()
            .name("web-7c8fc9b8d5")
            .revision(3)
            .data("{}")
            .template(PodTemplate.of(Map.of("app", "web"), "nginx", "nginx"))
            .build();

    assertThat(new Action.AdoptRevision("web-1", "u")).hasToString("adopt revision web-1");
    assertThat(new Action.CreateRevision(revision))
        .hasToString("create revision web-7c8fc9b8d5 (number 3)");
    assertThat(new Action.RenumberRevision("web-1", "u", 4))
        .hasToString("renumber revision web-1 to 4");
    assertThat(new Action.DeleteRevision("web-1", "u")).hasToString("delete revision web-1");
  }

  @Test
  void podActions_printPodAndWhy() {
    DesiredPod pod =
        new DesiredPod(
            "web-1",
            "default",
            "web-",
            Map.of(),
            Map.of(),
            List.of(),
            List.of(SET),
            "web-1",
            "nginx",
            "web-7c8fc9b8d5",
            Map.of(),
            Map.of());

    assertThat(new Action.CreatePod(pod)).hasToString("create pod web-1 (revision web-7c8fc9b8d5)");
    assertThat(new Action.DeletePod("web-2", "u", DeleteReason.SCALE_DOWN))
        .hasToString("delete pod web-2 (scale down)");
    assertThat(new Action.DeletePod("web-2", "u", DeleteReason.UPDATE))
        .hasToString("delete pod web-2 (update)");
    assertThat(new Action.DeletePod("web-2", "u", DeleteReason.FINISHED))
        .hasToString("delete pod web-2 (failed or succeeded)");
    assertThat(new Action.UpdatePod("web-0", "u", "default", Map.of("a", "b"), Map.of()))
        .hasToString("update pod web-0");
    assertThat(new Action.AdoptPod("web-0", "u", SET)).hasToString("adopt pod web-0");
    assertThat(new Action.ReleasePod("web-0", "u")).hasToString("release pod web-0");
  }

  @Test
  void claimActions_printClaimAndOwners() {
    DesiredClaim claim =
        new DesiredClaim("www-web-0", "default", "www", Map.of(), Map.of(), Map.of());

    assertThat(new Action.CreateClaim(claim, "web-0"))
        .hasToString("create claim www-web-0 (for pod web-0)");
    assertThat(new Action.UpdateClaimOwners("www-web-0", "u", List.of(SET), "web-0", false))
        .hasToString("update claim owners www-web-0: StatefulSet web");
    assertThat(new Action.UpdateClaimOwners("www-web-0", "u", List.of(), "web-0", true))
        .hasToString("update claim owners www-web-0: none");
  }

  @Test
  void writeStatus_printsTheCounters() {
    StatefulSetStatus status =
        StatefulSetStatus.builder()
            .replicas(3)
            .readyReplicas(3)
            .currentReplicas(3)
            .updatedReplicas(3)
            .availableReplicas(2)
            .currentRevision("web-a")
            .updateRevision("web-b")
            .observedGeneration(2)
            .collisionCount(0)
            .build();

    assertThat(new Action.WriteStatus(status))
        .hasToString(
            "write status replicas=3 ready=3 current=3 updated=3 available=2"
                + " currentRevision=web-a updateRevision=web-b observedGeneration=2"
                + " collisionCount=0");
  }

  @Test
  void plannedActions_printOnOneLineEach() {
    ReconcilePlan plan =
        new StatefulSetReconciler()
            .plan(
                Observation.builder()
                    .set(Fixtures.newStatefulSet(3))
                    .now(Instant.parse("2025-01-01T00:00:00Z"))
                    .build());

    assertThat(plan.actions()).isNotEmpty();
    for (Action a : plan.actions()) {
      assertThat(a.toString()).doesNotContain("\n").doesNotContain("=[").hasSizeLessThan(300);
    }
    assertThat(plan.toString())
        .startsWith("plan: create revision foo-")
        .contains("; create claim datadir-foo-0 (for pod foo-0); create pod foo-0 (revision foo-")
        .contains("; write status replicas=0 ")
        .endsWith("; stops: " + plan.stopReason().orElseThrow());
  }

  @Test
  void planToString_namesStopErrorRequeueAndAnomalies() {
    ReconcilePlan plan =
        new ReconcilePlan(
            List.of(),
            StatefulSetStatus.EMPTY,
            new StopReason("web-0", "R-ORDER-2", "waits for web-0"),
            null,
            Duration.ofSeconds(90),
            List.of(new Anomaly("web-x", "R-ID-2", "unparsable ordinal")),
            List.of());
    ReconcilePlan failing =
        new ReconcilePlan(
            List.of(new Action.DeletePod("web-1", "u", DeleteReason.SCALE_DOWN)),
            StatefulSetStatus.EMPTY,
            null,
            new SyncError("www-web-1", "R-PVC-3", "pvc www-web-1 is being deleted"),
            null,
            List.of(),
            List.of());

    assertThat(plan)
        .hasToString(
            "plan: no actions; stops: waits for web-0 (R-ORDER-2); requeue after 1m30s;"
                + " anomaly: web-x: unparsable ordinal (R-ID-2)");
    assertThat(failing)
        .hasToString(
            "plan: delete pod web-1 (scale down); fails: pvc www-web-1 is being deleted (R-PVC-3)");
  }
}
