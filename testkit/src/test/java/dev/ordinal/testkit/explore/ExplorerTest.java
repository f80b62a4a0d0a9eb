package dev.ordinal.testkit.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.invariants.Invariant;
import dev.ordinal.invariants.InvariantViolation;
import dev.ordinal.invariants.StatefulSetInvariants;
import dev.ordinal.testkit.gen.Event;
import dev.ordinal.testkit.gen.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplorerTest {

  /** The five retention policies upstream runs its controller tests over (null is the default). */
  static final List<ClaimRetentionPolicy> RETENTION_POLICIES =
      List.of(
          ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.RETAIN),
          ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN),
          ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE),
          ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.DELETE),
          new ClaimRetentionPolicy(null, null));

  static final Event.Scale SCALE_UP = new Event.Scale("web", 3);
  static final Event.Scale SCALE_DOWN = new Event.Scale("web", 1);
  static final Event.SetImage NEW_IMAGE = new Event.SetImage("web", Specs.CONTAINER, "nginx:1.1");

  /** Set web with no replicas yet, one claim template, the given policies. */
  static StatefulSet web(PodManagementPolicy policy, ClaimRetentionPolicy retention) {
    return Defaults.apply(
        StatefulSet.builder()
            .name("web")
            .namespace("default")
            .uid("uid-web")
            .spec(
                StatefulSetSpec.builder()
                    .replicas(0)
                    .selector(LabelSelector.of(Map.of("app", "web")))
                    .template(Specs.template(Map.of("app", "web"), "nginx:1.0"))
                    .addVolumeClaimTemplate(VolumeClaimTemplate.of("data", "1Gi"))
                    .podManagementPolicy(policy)
                    .persistentVolumeClaimRetentionPolicy(retention)
                    .build())
            .build());
  }

  @ParameterizedTest
  @EnumSource(PodManagementPolicy.class)
  void upstreamScaleDriver_invariantsHoldInEveryInterleaving(PodManagementPolicy policy) {
    // Upstream's scaleUp/scaleDown drivers: a sync after every pod step, invariants after each
    // sync, run over five retention policies; here over every interleaving instead of one.
    for (ClaimRetentionPolicy retention : RETENTION_POLICIES) {
      Scenario s =
          Scenario.of(
                  "upstream scale " + policy + " " + retention,
                  web(policy, retention),
                  List.of(SCALE_UP, SCALE_DOWN))
              .withSyncAfterEveryStep(true);
      Exploration e =
          Explorer.explore(s, StatefulSetInvariants.ALL.and(StatefulSetInvariants.UPSTREAM_SCALE));
      assertThat(e.violation()).as(e.summary()).isEmpty();
      assertThat(e.exhaustive()).as(e.summary()).isTrue();
      assertThat(e.states()).isGreaterThan(10);
    }
  }

  @ParameterizedTest
  @EnumSource(PodManagementPolicy.class)
  void upstreamUpdateDriver_invariantsHoldInEveryInterleaving(PodManagementPolicy policy) {
    Scenario s =
        Scenario.of(
                "upstream update " + policy,
                web(policy, ClaimRetentionPolicy.RETAIN),
                List.of(SCALE_UP, NEW_IMAGE))
            .withSyncAfterEveryStep(true);
    Exploration e =
        Explorer.explore(s, StatefulSetInvariants.ALL.and(StatefulSetInvariants.UPSTREAM_UPDATE));
    assertThat(e.violation()).as(e.summary()).isEmpty();
    assertThat(e.exhaustive()).isTrue();
  }

  @Test
  void violation_isReportedWithAShortestPath() {
    Invariant noPodReady =
        step -> {
          List<InvariantViolation> out = new ArrayList<>();
          for (ObservedPod p : step.after().pods()) {
            if (p.ready()) {
              out.add(new InvariantViolation("noPodReady", p.name() + " is Ready"));
            }
          }
          return out;
        };
    Exploration e =
        Explorer.explore(
            Scenario.of(
                "ready",
                web(PodManagementPolicy.PARALLEL, ClaimRetentionPolicy.RETAIN),
                List.of(SCALE_UP)),
            noPodReady);
    assertThat(e.exhaustive()).isFalse();
    Counterexample c = e.violation().orElseThrow();
    assertThat(c.script())
        .isEqualTo(
            "kubectl scale sts web --replicas=3\n"
                + "sim sync web\n"
                + "sim advance web-0\n"
                + "sim advance web-0\n");
    assertThat(c.violations())
        .containsExactly(new InvariantViolation("noPodReady", "web-0 is Ready"));
    assertThat(c.after()).contains("pod web-0 uid=pod:web-0 Running ready");
    assertThat(c.toString()).startsWith("1 violation(s) after 4 steps:");
  }

  @Test
  void upstreamMonotonicInvariant_doesNotSurviveALossOfReadiness() {
    // Why UPSTREAM_SCALE is not part of ALL: outside upstream's drivers a Ready pod can lose
    // readiness under a Ready successor without the controller doing anything wrong.
    Scenario s =
        Scenario.of(
                "readiness",
                web(PodManagementPolicy.ORDERED_READY, ClaimRetentionPolicy.RETAIN),
                List.of(SCALE_UP))
            .withReadinessLoss(true);
    Exploration e =
        Explorer.explore(s, StatefulSetInvariants.ALL.and(StatefulSetInvariants.UPSTREAM_SCALE));
    Counterexample c = e.violation().orElseThrow();
    assertThat(c.violations())
        .extracting(InvariantViolation::message)
        .containsExactly("successor web-1 is Running and Ready while web-0 is not");
    assertThat(c.script())
        .isEqualTo(
            "kubectl scale sts web --replicas=3\n"
                + "sim sync web\n"
                + "sim advance web-0\n"
                + "sim advance web-0\n"
                + "sim sync web\n"
                + "sim unready web-0\n"
                + "sim advance web-1\n"
                + "sim advance web-1\n");
  }

  @Test
  void retentionChangeToRetain_losesAClaimWhosePodEndsBeforeTheNextSync() {
    // Upstream behaviour the explorer finds: whenScaled: Delete gives a condemned pod's claim an
    // owner reference to the pod; if the user switches to Retain and the pod is gone before the
    // controller syncs again, no sync ever visits that claim, and the garbage collector deletes
    // it although the policy now says Retain. A sync in between would have scrubbed the reference.
    Scenario s =
        Scenario.of(
            "retention race",
            web(
                PodManagementPolicy.PARALLEL,
                ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE)),
            List.of(
                SCALE_UP,
                SCALE_DOWN,
                new Event.SetRetention(
                    "web", RetentionPolicyType.RETAIN, RetentionPolicyType.RETAIN)));
    Counterexample c = Explorer.explore(s, StatefulSetInvariants.ALL).violation().orElseThrow();
    assertThat(c.script())
        .isEqualTo(
            "kubectl scale sts web --replicas=3\n"
                + "sim sync web\n"
                + "kubectl scale sts web --replicas=1\n"
                + "sim sync web\n"
                + "kubectl patch sts web -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":"
                + "{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Retain\"}}}'\n"
                + "sim terminated web-1\n"
                + "sim gc data-web-1\n");
    assertThat(c.violations())
        .extracting(InvariantViolation::invariant)
        .containsExactly("claimsDeletedOnlyByRetention");
  }

  @Test
  void freeInterleaving_withFailuresAndAnUpdate_breaksNoInvariant() {
    Scenario s =
        Scenario.of(
                "small",
                web(
                    PodManagementPolicy.ORDERED_READY,
                    ClaimRetentionPolicy.of(
                        RetentionPolicyType.DELETE, RetentionPolicyType.DELETE)),
                List.of(new Event.Scale("web", 2), NEW_IMAGE, SCALE_DOWN))
            .withPodFailures(true)
            .withReadinessLoss(true);
    Exploration e = Explorer.explore(s, StatefulSetInvariants.ALL);
    assertThat(e.violation()).as(e.summary()).isEmpty();
    assertThat(e.exhaustive()).isTrue();
    assertThat(e.transitions()).isGreaterThan(e.states());
  }

  @Test
  void bounds_stopTheExploration() {
    Scenario s =
        Scenario.of(
            "bounded",
            web(PodManagementPolicy.PARALLEL, ClaimRetentionPolicy.RETAIN),
            List.of(SCALE_UP));
    Exploration shallow = Explorer.explore(s.withMaxDepth(3), StatefulSetInvariants.ALL);
    assertThat(shallow.exhaustive()).isFalse();
    assertThat(shallow.depth()).isEqualTo(3);
    Exploration few = Explorer.explore(s.withMaxStates(10), StatefulSetInvariants.ALL);
    assertThat(few.exhaustive()).isFalse();
    assertThat(few.states()).isEqualTo(10);
    assertThat(few.summary()).startsWith("bounded: 10 states, ").contains("(bounded)");
    assertThatThrownBy(() -> s.withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eagerGarbageCollector_exploresFewerStates() {
    Scenario s =
        Scenario.of(
            "gc",
            web(
                PodManagementPolicy.PARALLEL,
                ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE)),
            List.of(SCALE_UP, SCALE_DOWN));
    Exploration lazy = Explorer.explore(s, StatefulSetInvariants.ALL);
    Exploration eager =
        Explorer.explore(s.withLazyGarbageCollector(false), StatefulSetInvariants.ALL);
    assertThat(lazy.violation()).isEmpty();
    assertThat(eager.violation()).isEmpty();
    assertThat(eager.states()).isLessThan(lazy.states());
  }

  @Test
  void canonicalForm_ignoresWhichUidsTheApiServerAssigned() {
    StatefulSet set = web(PodManagementPolicy.PARALLEL, ClaimRetentionPolicy.RETAIN);
    ObservedPod a = ObservedPod.builder().name("web-0").uid("x-1").phase(PodPhase.PENDING).build();
    ObservedPod b = ObservedPod.builder().name("web-0").uid("y-9").phase(PodPhase.PENDING).build();
    ModelState s1 =
        Model.canonical(
            0,
            set.status(),
            new java.util.TreeMap<>(Map.of("web-0", a)),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            java.util.Set.of());
    ModelState s2 =
        Model.canonical(
            0,
            set.status(),
            new java.util.TreeMap<>(Map.of("web-0", b)),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            java.util.Set.of());
    assertThat(s1).isEqualTo(s2);
    assertThat(s1.pods().get(0).uid()).isEqualTo("pod:web-0");
  }
}
