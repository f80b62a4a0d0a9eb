package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.StopReason;
import dev.ordinal.api.plan.SyncError;
import dev.ordinal.core.validation.Defaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code plan} against its documentation: {@code docs/plan.schema.json} and {@code
 * docs/plan-json-schema.md}. Every scenario's plan must match the schema, every documented property
 * must appear in some plan, and the documented example must be what the command prints.
 */
class PlanJsonSchemaTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static JsonNode schema;
  private static String doc;

  @TempDir static Path dir;

  private static final Map<String, JsonNode> plans = new java.util.LinkedHashMap<>();

  @BeforeAll
  static void runEveryScenario() throws IOException {
    schema = MAPPER.readTree(Files.readString(Cli.repository("docs/plan.schema.json")));
    doc = Files.readString(Cli.repository("docs/plan-json-schema.md"), StandardCharsets.UTF_8);
    for (Map.Entry<String, List<String>> e : Scenarios.all(dir).entrySet()) {
      List<String> args = new ArrayList<>(e.getValue());
      args.add("-o");
      args.add("json");
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertThat(r.code()).as(e.getKey()).isEqualTo(Exit.OK);
      plans.put(e.getKey(), MAPPER.readTree(r.out()));
    }
  }

  @Test
  void everyScenario_matchesTheSchema() {
    SchemaChecker checker = new SchemaChecker(schema);

    for (Map.Entry<String, JsonNode> e : plans.entrySet()) {
      assertThat(checker.check(e.getValue())).as(e.getKey()).isEmpty();
    }
  }

  @Test
  void everyDocumentedProperty_appearsWithAValue() {
    SchemaChecker checker = new SchemaChecker(schema);
    plans.values().forEach(checker::check);
    // The planner never writes conditions; a status that carries one shows their shape.
    assertThat(checker.check(MAPPER.valueToTree(PlanJson.tree(reportWithCondition())))).isEmpty();
    // Nor do the bundled scenarios fail; a plan with a sync error shows its shape.
    assertThat(checker.check(MAPPER.valueToTree(PlanJson.tree(reportWithError())))).isEmpty();

    assertThat(checker.seen()).containsExactlyInAnyOrderElementsOf(checker.properties());
  }

  @Test
  void everyActionType_isDocumentedInBothPlaces() {
    Set<String> types = new TreeSet<>();
    for (JsonNode branch : schema.get("$defs").get("action").get("oneOf").values()) {
      types.add(branch.get("$ref").stringValue().replace("#/$defs/", ""));
    }
    Set<String> produced = new TreeSet<>();
    for (JsonNode plan : plans.values()) {
      plan.get("actions").values().forEach(a -> produced.add(a.get("type").stringValue()));
    }

    assertThat(types).hasSize(12).isEqualTo(produced);
    for (String type : types) {
      assertThat(doc).contains("| `" + type + "` |");
    }
  }

  @Test
  void everyDocumentedProperty_isNamedInTheMarkdown() {
    for (String location : new SchemaChecker(schema).properties()) {
      String name = location.substring(location.lastIndexOf('/') + 1);
      assertThat(doc).as(location).contains("`" + name + "`");
    }
  }

  @Test
  void schemaVersion_isTheOneWritten() {
    assertThat(schema.get("properties").get("schemaVersion").get("const").intValue())
        .isEqualTo(PlanJson.SCHEMA_VERSION);
    assertThat(doc).startsWith("# `ordinal plan -o json`: the plan as JSON, schema version 1\n");
    plans.values().forEach(p -> assertThat(p.get("schemaVersion").intValue()).isEqualTo(1));
  }

  @Test
  void theDocumentedExample_isExactlyWhatTheCommandPrints() {
    Cli.Result r =
        Cli.run(
            "plan",
            "--statefulset",
            Cli.file("web/web.yaml"),
            "--pods",
            Cli.file("web/pods.yaml"),
            "--claims",
            Cli.file("web/claims.yaml"),
            "--revisions",
            Cli.file("web/revisions.yaml"),
            "-o",
            "json");

    Matcher example = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(example.find()).isTrue();
    assertThat(r.out()).isEqualTo(example.group(1));
    assertThat(new SchemaChecker(schema).check(MAPPER.readTree(example.group(1)))).isEmpty();
  }

  @Test
  void output_isStable_goldenFile() throws IOException {
    String golden = Cli.text("golden/plan-parallel.json");

    Cli.Result r =
        Cli.run("plan", "--statefulset", Cli.file("web/web-parallel.yaml"), "-o", "json");

    assertThat(r.out()).isEqualTo(golden);
  }

  @Test
  void requeueAfterSeconds_isAnIntegerWhenWhole_andExactOtherwise() {
    assertThat(plans.get("minReadySeconds").get("requeueAfterSeconds").decimalValue())
        .isEqualByComparingTo("4.5");
    assertThat(plans.get("fromScratch").get("requeueAfterSeconds").isNull()).isTrue();
    PlanReport whole = reportWithRequeue(Duration.ofSeconds(10));
    assertThat(PlanJson.write(whole)).contains("\"requeueAfterSeconds\": 10,");
    PlanReport fine = reportWithRequeue(Duration.ofMillis(1250));
    assertThat(PlanJson.write(fine)).contains("\"requeueAfterSeconds\": 1.25,");
  }

  @Test
  @Tag("R-PVC-3")
  void error_isPresentOnlyWhenTheSyncFails() {
    assertThat(plans.get("converged").has("error")).isFalse();
    String json = PlanJson.write(reportWithError());
    assertThat(json)
        .contains("\"error\": {")
        .contains("\"object\": \"www-web-0\"")
        .contains("\"message\": \"pvc www-web-0 is being deleted\"");
    assertThat(PlanText.write(reportWithError()))
        .contains("fails: pvc www-web-0 is being deleted (R-PVC-3); the controller retries");
  }

  @Test
  void stop_isNullWhenTheSyncRunsToTheEnd_andItsPodNullWhenNoPodIsToBlame() {
    assertThat(plans.get("converged").get("stop").isNull()).isTrue();
    assertThat(plans.get("beingDeleted").get("stop").get("pod").isNull()).isTrue();
    assertThat(plans.get("beingDeleted").get("stop").get("rule").stringValue())
        .isEqualTo("R-SYNC-3");
  }

  // ---- the checker itself must catch what it is there to catch

  @Test
  void checker_rejectsAMissingProperty() {
    ObjectNode plan = (ObjectNode) plans.get("fromScratch").deepCopy();
    plan.remove("stop");

    assertThat(new SchemaChecker(schema).check(plan))
        .containsExactly("$: required property stop is missing");
  }

  @Test
  void checker_rejectsAnUndocumentedProperty() {
    ObjectNode plan = (ObjectNode) plans.get("fromScratch").deepCopy();
    plan.put("extra", true);

    assertThat(new SchemaChecker(schema).check(plan))
        .containsExactly("$.extra: property not in the schema");
  }

  @Test
  void checker_rejectsAWrongType() {
    ObjectNode plan = (ObjectNode) plans.get("fromScratch").deepCopy();
    ((ObjectNode) plan.get("status")).put("replicas", "3");

    assertThat(new SchemaChecker(schema).check(plan))
        .containsExactly("$.status.replicas: string is not of type \"integer\"");
  }

  @Test
  void checker_rejectsAnUnknownActionType() {
    ObjectNode plan = (ObjectNode) plans.get("fromScratch").deepCopy();
    ((ObjectNode) plan.get("actions").get(0)).put("type", "PatchPod");

    assertThat(new SchemaChecker(schema).check(plan))
        .singleElement()
        .asString()
        .startsWith("$.actions[0]: matches no branch of oneOf");
  }

  /** Returns a report whose status carries a condition with every field set. */
  private static PlanReport reportWithCondition() {
    StatefulSetStatus status =
        StatefulSetStatus.builder()
            .observedGeneration(1)
            .currentRevision("web-1")
            .updateRevision("web-1")
            .addCondition(
                new StatefulSetCondition(
                    "Custom",
                    "True",
                    Instant.parse("2025-01-02T03:00:00Z"),
                    "SomeReason",
                    "some message"))
            .build();
    ReconcilePlan plan = new ReconcilePlan(List.of(), status, null, null, null, List.of(), List.of());
    return new PlanReport(set(), Instant.EPOCH, Options.KubernetesVersion.V1_35, false, plan);
  }

  private static PlanReport reportWithError() {
    ReconcilePlan plan =
        new ReconcilePlan(
            List.of(),
            StatefulSetStatus.EMPTY,
            new StopReason("web-0", "R-PVC-3", "pvc www-web-0 is being deleted; web-0 waits"),
            new SyncError("www-web-0", "R-PVC-3", "pvc www-web-0 is being deleted"),
            null,
            List.of(),
            List.of());
    return new PlanReport(set(), Instant.EPOCH, Options.KubernetesVersion.V1_35, false, plan);
  }

  private static PlanReport reportWithRequeue(Duration requeue) {
    ReconcilePlan plan =
        new ReconcilePlan(List.of(), StatefulSetStatus.EMPTY, null, null, requeue, List.of(), List.of());
    return new PlanReport(set(), Instant.EPOCH, Options.KubernetesVersion.V1_35, false, plan);
  }

  private static StatefulSet set() {
    return Defaults.apply(new Inputs().statefulSet(Cli.path("web/web.yaml")));
  }
}
