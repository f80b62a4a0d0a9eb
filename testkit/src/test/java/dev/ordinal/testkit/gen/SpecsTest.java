package dev.ordinal.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.Observation;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.core.validation.SpecValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecsTest {

  static final int EXAMPLES = Integer.getInteger("ordinal.examples", 1000);

  @Test
  void everyGeneratedSet_isValidDefaultedAndPlannable() {
    StatefulSetReconciler reconciler = new StatefulSetReconciler();
    qt().withExamples(EXAMPLES)
        .forAll(Gens.statefulSets())
        .checkAssert(
            set -> {
              assertThat(SpecValidator.validate(set)).isEmpty();
              assertThat(Defaults.isDefaulted(set)).isTrue();
              assertThat(set.spec().effectiveReplicas()).isBetween(0, 5);
              assertThat(set.generation()).isEqualTo(1);
              Observation empty = Observation.builder().set(set).now(ObservedStates.NOW).build();
              assertThat(reconciler.plan(empty)).isNotNull();
            });
  }

  @Test
  void rawSets_areValidOnceDefaulted() {
    for (long seed = 0; seed < 500; seed++) {
      StatefulSet raw = Specs.rawStatefulSet(Source.of(seed), Specs.Bounds.DEFAULT);
      assertThat(SpecValidator.validate(Defaults.apply(raw))).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void replicas_stayWithinTheConfiguredBound() {
    Specs.Bounds bounds = Specs.Bounds.DEFAULT.withMaxReplicas(2);
    for (long seed = 0; seed < 300; seed++) {
      assertThat(Specs.statefulSet(Source.of(seed), bounds).spec().effectiveReplicas())
          .isBetween(0, 2);
    }
    assertThatThrownBy(() -> new Specs.Bounds(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generatedSets_coverEveryFeature() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 2000; seed++) {
      StatefulSet set = Specs.statefulSet(Source.of(seed));
      StatefulSetSpec spec = set.spec();
      seen.add("policy " + spec.podManagementPolicy());
      RollingUpdate ru = spec.updateStrategy().rollingUpdate();
      if (spec.updateStrategy().isOnDelete()) {
        seen.add("OnDelete");
      } else if (ru == null) {
        seen.add("RollingUpdate without block");
      } else {
        seen.add("RollingUpdate with block");
        if (ru.effectivePartition() > 0) {
          seen.add("partition");
        }
        seen.add(ru.maxUnavailable().isInt() ? "maxUnavailable int" : "maxUnavailable percent");
      }
      if (spec.minReadySeconds() > 0) {
        seen.add("minReadySeconds");
      }
      ClaimRetentionPolicy p = spec.effectiveRetentionPolicy();
      seen.add("retention " + p.whenDeleted() + "/" + p.whenScaled());
      if (spec.ordinalsStart() != null && spec.ordinalsStart() > 0) {
        seen.add("ordinals.start");
      }
      seen.add("claim templates " + spec.volumeClaimTemplates().size());
      if (spec.effectiveReplicas() == 0) {
        seen.add("zero replicas");
      }
    }
    assertThat(seen)
        .contains(
            "policy ORDERED_READY",
            "policy PARALLEL",
            "OnDelete",
            "RollingUpdate without block",
            "RollingUpdate with block",
            "partition",
            "maxUnavailable int",
            "maxUnavailable percent",
            "minReadySeconds",
            "retention RETAIN/RETAIN",
            "retention RETAIN/DELETE",
            "retention DELETE/RETAIN",
            "retention DELETE/DELETE",
            "ordinals.start",
            "claim templates 0",
            "claim templates 1",
            "claim templates 2",
            "zero replicas");
  }

  @Test
  void withImage_replacesOnlyThatContainersImage() {
    PodTemplate t =
        PodTemplate.of(
            Map.of(
                "metadata", Map.of("labels", Map.of("app", "web")),
                "spec",
                    Map.of(
                        "containers",
                        List.of(
                            Map.of("name", "app", "image", "nginx:1.0"),
                            Map.of("name", "sidecar", "image", "envoy:1")))));
    PodTemplate edited = Specs.withImage(t, "app", "nginx:2.0");
    assertThat(edited.revisionData())
        .contains("\"image\":\"nginx:2.0\"")
        .contains("\"image\":\"envoy:1\"")
        .doesNotContain("nginx:1.0");
    assertThatThrownBy(() -> Specs.withImage(t, "missing", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template has no container named missing");
  }
}
