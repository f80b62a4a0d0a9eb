package dev.ordinal.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import dev.ordinal.core.Fixtures;
import dev.ordinal.core.StatefulSetReconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public renderers write a plan as the {@code ordinal plan} command prints it. */
class PlanRenderTest {

  private static final Instant NOW = Instant.parse("2025-01-02T03:00:01Z");

  private static PlanReport report(ReconcilePlan plan) {
    return new PlanReport(Fixtures.newStatefulSet(3), NOW, "1.35", false, plan);
  }

  @Test
  void text_numbersTheActionsAndSaysWhyTheSyncStops() {
    StatefulSet set = Fixtures.newStatefulSet(3);
    ReconcilePlan plan =
        new StatefulSetReconciler().plan(Observation.builder().set(set).now(NOW).build());
    String revision = plan.status().updateRevision();

    String text = PlanText.write(new PlanReport(set, NOW, "1.35", false, plan));

    assertThat(text.split("\n"))
        .containsExactly(
            "plan for StatefulSet default/foo at 2025-01-02T03:00:01Z (Kubernetes 1.35):",
            "1. create revision " + revision + " (number 1)",
            "2. create claim datadir-foo-0",
            "3. create pod foo-0 (revision " + revision + ", image nginx)",
            "4. write status: " + PlanText.status(plan.status()),
            "events:",
            "  Normal SuccessfulCreate: Create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo"
                + " success",
            "  Normal SuccessfulCreate: Create Pod foo-0 in StatefulSet foo successful",
            "stops: " + plan.stopReason().orElseThrow());
  }

  @Test
  void text_namesTheUpdateRevisionOfAnUpdateDeletion_andTheRequeue() {
    StatefulSetStatus status = StatefulSetStatus.builder().updateRevision("foo-2").build();
    ReconcilePlan plan =
        new ReconcilePlan(
            List.of(new Action.DeletePod("foo-1", "u", DeleteReason.UPDATE)),
            status,
            null,
            null,
            Duration.ofMillis(2500),
            List.of(new Anomaly("foo-x", "R-ID-2", "unparsable ordinal")),
            List.of());

    assertThat(PlanText.write(report(plan)))
        .contains("1. delete pod foo-1 (update to revision foo-2)\n")
        .contains("status unchanged: replicas=0 ")
        .contains("runs to the end\n")
        .contains("anomaly: foo-x: unparsable ordinal (R-ID-2)\n")
        .endsWith("look again in 2.5s\n");
  }

  @Test
  void json_isIndentedWithEveryFieldInOrder() {
    ReconcilePlan plan =
        new ReconcilePlan(
            List.of(),
            StatefulSetStatus.EMPTY,
            new StopReason(null, "R-ORDER-2", "waits"),
            null,
            Duration.ofSeconds(10),
            List.of(),
            List.of());

    String json = PlanJson.write(report(plan));

    assertThat(json)
        .startsWith(
            "{\n"
                + "  \"schemaVersion\": 1,\n"
                + "  \"statefulSet\": {\n"
                + "    \"namespace\": \"default\",\n"
                + "    \"name\": \"foo\"\n"
                + "  },\n"
                + "  \"now\": \"2025-01-02T03:00:01Z\",\n"
                + "  \"options\": {\n"
                + "    \"kubernetes\": \"1.35\",\n"
                + "    \"onDeleteCompletesRollout\": false\n"
                + "  },\n"
                + "  \"actions\": [],\n")
        .contains(
            "  \"stop\": {\n"
                + "    \"pod\": null,\n"
                + "    \"rule\": \"R-ORDER-2\",\n"
                + "    \"message\": \"waits\"\n"
                + "  },\n"
                + "  \"requeueAfterSeconds\": 10,\n"
                + "  \"anomalies\": [],\n"
                + "  \"burstBatches\": [],\n"
                + "  \"events\": []\n"
                + "}\n")
        .endsWith("}\n");
    assertThat(PlanJson.tree(report(plan)).keySet())
        .containsExactly(
            "schemaVersion",
            "statefulSet",
            "now",
            "options",
            "actions",
            "status",
            "stop",
            "requeueAfterSeconds",
            "anomalies",
            "burstBatches",
            "events");
  }

  @Test
  void jsonText_escapesWhatJsonRequiresOnly() {
    StringBuilder out = new StringBuilder();
    JsonText.string("a\"b\\c\nd\te\u0001é/", out);

    assertThat(out).hasToString("\"a\\\"b\\\\c\\nd\\te\\u0001é/\"");
  }

  @Test
  void jsonText_writesNestedArraysAndNumbers() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("list", Arrays.asList(1L, new java.math.BigDecimal("1.25"), null, true, List.of()));
    tree.put("empty", Map.of());
    StringBuilder out = new StringBuilder();

    JsonText.write(tree, 0, out);

    assertThat(out)
        .hasToString(
            "{\n  \"list\": [\n    1,\n    1.25,\n    null,\n    true,\n    []\n  ],\n"
                + "  \"empty\": {}\n}");
  }

  @Test
  void jsonRead_decodesJsonKeepingKeyOrder() {
    String text =
        "{\"b\": [1, 2.5, 12345678901, \"x\\\"\\u00e9\"], \"a\": {\"t\": true, \"n\": null}}";
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("t", true);
    a.put("n", null);

    Object tree = JsonRead.parse(text);

    assertThat(tree).isEqualTo(Map.of("b", List.of(1, 2.5, 12345678901L, "x\"é"), "a", a));
    assertThat(List.copyOf(((Map<?, ?>) tree).keySet())).isEqualTo(List.of("b", "a"));
  }
}
