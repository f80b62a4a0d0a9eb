package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement.Operator;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Names and content of the claims the planner creates (R-PVC-1, R-PVC-2), after upstream's {@code
 * getPersistentVolumeClaims} and {@code TestGetPersistentVolumeClaims}.
 */
class ClaimNamingTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static ReconcilePlan plan(StatefulSet set) {
    return new StatefulSetReconciler().plan(Observation.builder().set(set).now(NOW).build());
  }

  private static List<DesiredClaim> createdClaims(ReconcilePlan plan) {
    return plan.actionsOf(Action.CreateClaim.class).stream()
        .map(Action.CreateClaim::claim)
        .toList();
  }

  /** A claim template with labels and annotations, kept whole as upstream deep-copies it. */
  private static VolumeClaimTemplate template(
      String name, Map<String, String> labels, Map<String, String> annotations) {
    return VolumeClaimTemplate.of(
        Map.of(
            "metadata", Map.of("name", name, "labels", labels, "annotations", annotations),
            "spec",
                Map.of(
                    "accessModes", List.of("ReadWriteOnce"),
                    "storageClassName", "fast",
                    "resources", Map.of("requests", Map.of("storage", "5Gi")))));
  }

  private static StatefulSet withClaimTemplates(StatefulSet set, VolumeClaimTemplate... templates) {
    return withSpec(set, b -> b.volumeClaimTemplates(List.of(templates)));
  }

  @Test
  @Tag("R-PVC-1")
  void claimName_isTemplateSetOrdinal() {
    ReconcilePlan plan = plan(newStatefulSet(3));

    Action.CreateClaim create = plan.actionsOf(Action.CreateClaim.class).get(0);
    assertThat(create.claim().name()).isEqualTo("datadir-foo-0");
    assertThat(create.podName()).isEqualTo("foo-0");
    assertThat(create.target()).isEqualTo("datadir-foo-0");
    assertThat(plan.actionsOf(Action.CreatePod.class).get(0).pod().claimVolumes())
        .containsExactly(Map.entry("datadir", "datadir-foo-0"));
  }

  @Test
  @Tag("R-PVC-1")
  void everyTemplateAndOrdinal_getsItsOwnClaim() {
    StatefulSet set =
        withClaimTemplates(
            burst(newStatefulSet(3)),
            VolumeClaimTemplate.of("datadir", "1Gi"),
            VolumeClaimTemplate.of("logs", "1Gi"));

    ReconcilePlan plan = plan(set);

    assertThat(plan.actionsOf(Action.CreateClaim.class))
        .extracting(a -> a.claim().name() + "@" + a.podName())
        .containsExactlyInAnyOrder(
            "datadir-foo-0@foo-0", "logs-foo-0@foo-0",
            "datadir-foo-1@foo-1", "logs-foo-1@foo-1",
            "datadir-foo-2@foo-2", "logs-foo-2@foo-2");
    assertThat(plan.actionsOf(Action.CreatePod.class))
        .filteredOn(a -> a.pod().name().equals("foo-2"))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.pod().claimVolumes())
                    .containsOnly(
                        Map.entry("datadir", "datadir-foo-2"), Map.entry("logs", "logs-foo-2")));
  }

  @Test
  @Tag("R-PVC-1")
  void claimName_usesTheAbsoluteOrdinal() {
    StatefulSet set = withSpec(newStatefulSet(2), b -> b.ordinalsStart(5));

    assertThat(createdClaims(plan(set)))
        .extracting(DesiredClaim::name)
        .containsExactly("datadir-foo-5");
  }

  @Test
  @Tag("R-PVC-1")
  void hyphenatedNames_findTheirObservedClaim() {
    StatefulSet set =
        
                withClaimTemplates(
                    newStatefulSet(2),
                    VolumeClaimTemplate.of("data", "1Gi"),
                    VolumeClaimTemplate.of("data-my", "1Gi"))
            .withName("my-set");
    // "data-my-set-0" is template "data" of my-set; "data-my-my-set-0" is template "data-my".
    Observation observation =
        Observation.builder()
            .set(set)
            .addClaims(ObservedClaim.builder().name("data-my-set-0").build())
            .now(NOW)
            .build();

    ReconcilePlan plan = new StatefulSetReconciler().plan(observation);

    assertThat(createdClaims(plan))
        .extracting(DesiredClaim::name)
        .containsExactly("data-my-my-set-0");
    assertThat(plan.actionsOf(Action.CreatePod.class).get(0).pod().claimVolumes())
        .containsOnly(Map.entry("data", "data-my-set-0"), Map.entry("data-my", "data-my-my-set-0"));
  }

  @Test
  @Tag("R-PVC-2")
  void templateWithoutLabels_getsSelectorMatchLabels() {
    assertThat(createdClaims(plan(newStatefulSet(1))))
        .singleElement()
        .satisfies(c -> assertThat(c.labels()).containsExactly(Map.entry("foo", "bar")));
  }

  @Test
  @Tag("R-PVC-2")
  void templateLabels_areMergedWithSelectorMatchLabels() {
    StatefulSet set =
        withClaimTemplates(
            newStatefulSet(1), template("datadir", Map.of("test", "test"), Map.of()));

    assertThat(createdClaims(plan(set)))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.labels())
                    .containsOnly(Map.entry("foo", "bar"), Map.entry("test", "test")));
  }

  @Test
  @Tag("R-PVC-2")
  void selector_winsOverAClaimTemplateLabelOfTheSameKey() {
    StatefulSet set =
        withClaimTemplates(
            newStatefulSet(1),
            template("datadir", Map.of("foo", "other", "test", "test"), Map.of()));

    assertThat(createdClaims(plan(set)))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.labels())
                    .containsOnly(Map.entry("foo", "bar"), Map.entry("test", "test")));
  }

  @Test
  @Tag("R-PVC-2")
  void matchExpressions_contributeNothing() {
    StatefulSet set =
        withSpec(
            newStatefulSet(1),
            b ->
                b.template(
                        PodTemplate.of(
                            Map.of(
                                "metadata",
                                Map.of("labels", Map.of("foo", "bar", "tier", "db")),
                                "spec",
                                Fixtures.template("nginx").spec())))
                    .selector(
                        new LabelSelector(
                            Map.of("foo", "bar"),
                            List.of(
                                new LabelSelectorRequirement("tier", Operator.IN, List.of("db")),
                                new LabelSelectorRequirement(
                                    "zone", Operator.DOES_NOT_EXIST, List.of())))));

    assertThat(createdClaims(plan(set)))
        .singleElement()
        .satisfies(c -> assertThat(c.labels()).containsExactly(Map.entry("foo", "bar")));
  }

  @Test
  @Tag("R-PVC-2")
  void selectorOfOnlyMatchExpressions_leavesTemplateLabelsAlone() {
    StatefulSet set =
        withSpec(
            newStatefulSet(1),
            b ->
                b.selector(
                        new LabelSelector(
                            Map.of(),
                            List.of(
                                new LabelSelectorRequirement("foo", Operator.IN, List.of("bar")))))
                    .volumeClaimTemplates(
                        List.of(template("datadir", Map.of("test", "test"), Map.of()))));

    assertThat(createdClaims(plan(set)))
        .singleElement()
        .satisfies(c -> assertThat(c.labels()).containsExactly(Map.entry("test", "test")));
  }

  @Test
  @Tag("R-PVC-2")
  void claim_keepsTemplateAnnotationsAndSpecInTheSetNamespace() {
    VolumeClaimTemplate template =
        template("datadir", Map.of("test", "test"), Map.of("backup", "daily"));
    StatefulSet set =
        withClaimTemplates(newStatefulSet(1), template)
            .withNamespace("prod");

    DesiredClaim claim = createdClaims(plan(set)).get(0);

    assertThat(claim.namespace()).isEqualTo("prod");
    assertThat(claim.templateName()).isEqualTo("datadir");
    assertThat(claim.annotations()).containsExactly(Map.entry("backup", "daily"));
    assertThat(claim.spec()).isEqualTo(template.spec());
    assertThat(claim.spec())
        .containsEntry("storageClassName", "fast")
        .containsEntry("accessModes", List.of("ReadWriteOnce"));
  }

  @Test
  @Tag("R-PVC-2")
  void podTemplateLabels_areNotCopiedOntoClaims() {
    StatefulSet set =
        withSpec(
            newStatefulSet(1),
            b ->
                b.template(
                    PodTemplate.of(
                        Map.of(
                            "metadata",
                            Map.of("labels", Map.of("foo", "bar", "app", "web")),
                            "spec",
                            Fixtures.template("nginx").spec()))));

    assertThat(createdClaims(plan(set)))
        .singleElement()
        .satisfies(c -> assertThat(c.labels()).doesNotContainKey("app"));
  }
}
