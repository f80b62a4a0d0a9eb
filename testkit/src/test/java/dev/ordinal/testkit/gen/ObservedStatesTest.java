package dev.ordinal.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObservedStatesTest {

  private final StatefulSetReconciler reconciler = new StatefulSetReconciler();

  @Test
  void planner_neverThrowsAndIsDeterministic_onGeneratedObservations() {
    qt().withExamples(SpecsTest.EXAMPLES)
        .forAll(Gens.observations())
        .checkAssert(
            obs -> {
              ReconcilePlan plan = reconciler.plan(obs);
              assertThat(reconciler.plan(obs)).isEqualTo(plan);
            });
  }

  @Test
  void sameSeed_sameObservation() {
    StatefulSet set = Specs.statefulSet(Source.of(11));
    assertThat(ObservedStates.observation(Source.of(12), set))
        .isEqualTo(ObservedStates.observation(Source.of(12), set));
  }

  @Test
  void podNames_areUniqueAndSpecIsKept() {
    for (long seed = 0; seed < 300; seed++) {
      Source s = Source.of(seed);
      StatefulSet set = Specs.statefulSet(s);
      Observation obs = ObservedStates.observation(s, set);
      assertThat(obs.set().spec()).isEqualTo(set.spec());
      Set<String> names = new HashSet<>();
      for (ObservedPod p : obs.pods()) {
        assertThat(names.add(p.namespace() + "/" + p.name())).as(p.name()).isTrue();
      }
    }
  }

  @Test
  void generatedObservations_coverOddClusterStates() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 1500; seed++) {
      Source s = Source.of(seed);
      StatefulSet set = Specs.statefulSet(s);
      Observation obs = ObservedStates.observation(s, set);
      int start = set.spec().startOrdinal();
      int end = start + set.spec().effectiveReplicas();
      Map<Integer, Integer> perOrdinal = new HashMap<>();
      for (ObservedPod p : obs.pods()) {
        seen.add("phase " + p.phase());
        if (p.ordinal() >= 0 && p.parentName().equals(set.name())) {
          perOrdinal.merge(p.ordinal(), 1, Integer::sum);
          seen.add(p.ordinal() >= start && p.ordinal() < end ? "in range" : "out of range");
        }
        if (p.ordinal() < 0) {
          seen.add("unparsable name");
        }
        if (p.ready()) {
          seen.add("ready");
        }
        if (p.deletionTimestamp() != null) {
          seen.add("terminating");
        }
        OwnerReference c = p.controllerRef();
        seen.add(c == null ? "orphan" : c.uid().equals(set.uid()) ? "ours" : "foreign");
        seen.add(p.revision().isEmpty() ? "no revision" : "revision");
      }
      if (perOrdinal.values().stream().anyMatch(n -> n > 1)) {
        seen.add("duplicate ordinal");
      }
      for (ObservedClaim c : obs.claims()) {
        for (OwnerReference r : c.ownerReferences()) {
          seen.add("claim owned by " + r.kind() + (r.uid().startsWith("stale") ? " (stale)" : ""));
        }
        if (c.deletionTimestamp() != null) {
          seen.add("claim terminating");
        }
      }
      if (obs.revisions().size() > 1) {
        seen.add("history");
      }
    }
    assertThat(seen)
        .contains(
            "phase PENDING",
            "phase RUNNING",
            "phase SUCCEEDED",
            "phase FAILED",
            "phase UNKNOWN",
            "in range",
            "out of range",
            "unparsable name",
            "ready",
            "terminating",
            "orphan",
            "ours",
            "foreign",
            "no revision",
            "revision",
            "duplicate ordinal",
            "claim owned by StatefulSet",
            "claim owned by Pod",
            "claim owned by Pod (stale)",
            "claim owned by ConfigMap",
            "claim terminating",
            "history");
  }

  @Test
  void describe_printsOneLinePerObject() {
    Source s = Source.of(77);
    Observation obs = ObservedStates.observation(s, Specs.statefulSet(s));
    String text = ObservedStates.describe(obs);
    assertThat(text).startsWith("sts " + obs.set().key());
    assertThat(text.lines().filter(l -> l.startsWith("  pod "))).hasSize(obs.pods().size());
    assertThat(text.lines().filter(l -> l.startsWith("  pvc "))).hasSize(obs.claims().size());
  }
}
