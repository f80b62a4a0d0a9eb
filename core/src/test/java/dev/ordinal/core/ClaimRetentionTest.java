package dev.ordinal.core;

import static dev.ordinal.api.RetentionPolicyType.DELETE;
import static dev.ordinal.api.RetentionPolicyType.RETAIN;
import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withRetention;
import static dev.ordinal.core.Fixtures.withSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.api.plan.SyncError;
import dev.ordinal.core.validation.Defaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the planner does with claims over a set's life (R-PVC-3..12), each test run over upstream's
 * five retention policies where upstream's {@code runTestOverPVCRetentionPolicies} would. Scenarios
 * follow {@code stateful_set_control_test.go} ({@code RecreatesPVCForPendingPod}, {@code
 * TestStaleOwnerRefOnScaleup}) and {@code stateful_pod_control_test.go} ({@code
 * TestStatefulPodControlCreatePodPVCDeleting}, {@code TestPodClaimIsStale}).
 */
class ClaimRetentionTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final OwnerReference FOREIGN =
      OwnerReference.controllerRef("apps/v1", "ReplicaSet", "other", "other-uid");

  static Stream<ClaimRetentionPolicy> policies() {
    return Fixtures.RETENTION_POLICIES.stream();
  }

  /** The policies under which some claim gets an owner reference. */
  static Stream<ClaimRetentionPolicy> deletingPolicies() {
    return policies().filter(p -> !effective(p).equals(ClaimRetentionPolicy.RETAIN));
  }

  static Stream<ClaimRetentionPolicy> scaledDeletePolicies() {
    return policies().filter(p -> p.effectiveWhenScaled() == DELETE);
  }

  static Stream<ClaimRetentionPolicy> scaledRetainPolicies() {
    return policies().filter(p -> p.effectiveWhenScaled() == RETAIN);
  }

  private static ClaimRetentionPolicy effective(ClaimRetentionPolicy p) {
    return ClaimRetentionPolicy.of(p.effectiveWhenDeleted(), p.effectiveWhenScaled());
  }

  private static StatefulSet set(int replicas, ClaimRetentionPolicy policy) {
    return withRetention(newStatefulSet(replicas), policy);
  }

  private static FakeCluster converged(StatefulSet set) {
    FakeCluster c = new FakeCluster(set);
    c.converge(100);
    return c;
  }

  private static ReconcilePlan plan(StatefulSet set, ObservedClaim... claims) {
    return new StatefulSetReconciler()
        .plan(Observation.builder().set(set).addClaims(claims).now(NOW).build());
  }

  private static OwnerReference setRef(StatefulSet set) {
    return OwnerReference.controllerRef("apps/v1", "StatefulSet", set.name(), set.uid());
  }

  private static OwnerReference podRef(ObservedPod pod) {
    return OwnerReference.controllerRef("v1", "Pod", pod.name(), pod.uid());
  }

  /** R-PVC-8's "pod in range" column. */
  private static List<OwnerReference> inRangeRefs(StatefulSet set) {
    return set.spec().effectiveRetentionPolicy().effectiveWhenDeleted() == DELETE
        ? List.of(setRef(set))
        : List.of();
  }

  /** R-PVC-8's "pod condemned" column. */
  private static List<OwnerReference> condemnedRefs(StatefulSet set, ObservedPod pod) {
    ClaimRetentionPolicy p = set.spec().effectiveRetentionPolicy();
    if (p.effectiveWhenScaled() == DELETE) {
      return List.of(podRef(pod));
    }
    return p.effectiveWhenDeleted() == DELETE ? List.of(setRef(set)) : List.of();
  }

  private static void setClaimRefs(FakeCluster c, String claim, OwnerReference... refs) {
    c.putClaim(c.claims().get(claim).withOwnerReferences(refs));
  }

  private static ObservedClaim claim(String name, OwnerReference... refs) {
    return ObservedClaim.builder().name(name).uid(name + "-uid").addOwnerReferences(refs).build();
  }

  private static List<String> names(List<? extends Action> actions) {
    return actions.stream().map(Action::target).toList();
  }

  private static int indexOf(ReconcilePlan plan, Class<? extends Action> kind, String target) {
    for (int i = 0; i < plan.actions().size(); i++) {
      Action a = plan.actions().get(i);
      if (kind.isInstance(a) && a.target().equals(target)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " of " + target + " in " + plan);
  }

  // --- R-PVC-7 ----------------------------------------------------------------------------

  @Test
  @Tag("R-PVC-7")
  void defaultPolicy_isRetainRetain() {
    StatefulSet raw = Fixtures.rawStatefulSet(3);
    assertThat(raw.spec().persistentVolumeClaimRetentionPolicy()).isNull();

    assertThat(Defaults.apply(raw).spec().persistentVolumeClaimRetentionPolicy())
        .isEqualTo(ClaimRetentionPolicy.RETAIN);
    assertThat(
            Defaults.apply(withRetention(raw, new ClaimRetentionPolicy(null, DELETE)))
                .spec()
                .persistentVolumeClaimRetentionPolicy())
        .isEqualTo(ClaimRetentionPolicy.of(RETAIN, DELETE));
  }

  @Test
  @Tag("R-PVC-7")
  void unsetPolicy_plansLikeRetainRetain() {
    FakeCluster unset = converged(set(2, new ClaimRetentionPolicy(null, null)));
    FakeCluster retain = converged(set(2, ClaimRetentionPolicy.RETAIN));
    for (FakeCluster c : List.of(unset, retain)) {
      setClaimRefs(c, "datadir-foo-1", setRef(c.set()));
    }

    ReconcilePlan fromUnset = unset.sync();
    ReconcilePlan fromRetain = retain.sync();

    assertThat(fromUnset.actions()).isEqualTo(fromRetain.actions());
    assertThat(fromUnset.actionsOf(Action.UpdateClaimOwners.class))
        .singleElement()
        .satisfies(u -> assertThat(u.ownerReferences()).isEmpty());
  }

  // --- R-PVC-8 ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void claimsOfReplicas_carryTheInRangeColumn(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(3, policy));

    assertThat(c.claims()).containsOnlyKeys("datadir-foo-0", "datadir-foo-1", "datadir-foo-2");
    for (ObservedClaim claim : c.claims().values()) {
      assertThat(claim.ownerReferences()).as(claim.name()).isEqualTo(inRangeRefs(c.set()));
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void missingRefs_areAddedToAReplicasClaim(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    setClaimRefs(c, "datadir-foo-0");
    ObservedClaim claim = c.claims().get("datadir-foo-0");
    ObservedPod pod = c.pod("foo-0");

    ReconcilePlan plan = c.sync();

    if (inRangeRefs(c.set()).isEmpty()) {
      assertThat(plan.actions()).isEmpty();
    } else {
      // UpdateStatefulPod marks the pod dirty when it re-owns its claims, so the pod is written
      // too, unchanged.
      assertThat(plan.actions())
          .containsExactly(
              new Action.UpdateClaimOwners(
                  "datadir-foo-0", claim.uid(), inRangeRefs(c.set()), "foo-0", false),
              new Action.UpdatePod(
                  "foo-0", pod.uid(), "default", pod.labels(), pod.claimVolumes()));
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void staleSetRef_leavesTheClaimAlone(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    setClaimRefs(
        c,
        "datadir-foo-0",
        OwnerReference.controllerRef("apps/v1", "StatefulSet", "foo", "uid-of-an-earlier-foo"));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.anomalies()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void stalePodRef_leavesTheClaimAlone(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    setClaimRefs(
        c,
        "datadir-foo-0",
        setRef(c.set()),
        OwnerReference.controllerRef("v1", "Pod", "foo-0", "uid-of-an-earlier-foo-0"));

    assertThat(c.sync().actions()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("deletingPolicies")
  @Tag("R-PVC-8")
  void foreignController_scrubsOurRefsAndAddsNone(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    ObservedPod pod = c.pod("foo-0");
    setClaimRefs(c, "datadir-foo-0", setRef(c.set()), podRef(pod), FOREIGN);

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class))
        .singleElement()
        .satisfies(u -> assertThat(u.ownerReferences()).containsExactly(FOREIGN));
    assertThat(plan.anomalies())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subject()).isEqualTo("datadir-foo-0");
              assertThat(a.rule()).isEqualTo("R-PVC-8");
            });
  }

  @Test
  @Tag("R-PVC-8")
  void retainRetain_foreignControllerIsNoConflict() {
    FakeCluster c = converged(set(1, ClaimRetentionPolicy.RETAIN));
    setClaimRefs(c, "datadir-foo-0", setRef(c.set()), FOREIGN);

    ReconcilePlan plan = c.sync();

    // Retain/Retain wants no references of ours, so ours go; upstream raises no
    // ConflictingController event under Retain/Retain (hasUnexpectedController is false).
    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class))
        .singleElement()
        .satisfies(u -> assertThat(u.ownerReferences()).containsExactly(FOREIGN));
    assertThat(plan.anomalies()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void foreignControllerAlone_isLeftAlone(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    setClaimRefs(c, "datadir-foo-0", FOREIGN);

    ReconcilePlan plan = c.sync();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.anomalies()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void podCreation_reportsAForeignControllerOnItsClaim(ClaimRetentionPolicy policy) {
    StatefulSet set = set(1, policy);

    ReconcilePlan plan = plan(set, claim("datadir-foo-0", FOREIGN));

    // CreateStatefulPod always runs UpdatePodClaimForRetentionPolicy, which warns about the
    // conflicting controller and then finds nothing to update.
    assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0");
    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();
    if (effective(policy).equals(ClaimRetentionPolicy.RETAIN)) {
      assertThat(plan.anomalies()).isEmpty();
    } else {
      assertThat(plan.anomalies())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.subject()).isEqualTo("datadir-foo-0");
                assertThat(a.rule()).isEqualTo("R-PVC-8");
              });
    }
  }

  @ParameterizedTest
  @MethodSource("deletingPolicies")
  @Tag("R-PVC-8")
  void pendingPod_reportsAForeignControllerOnItsClaim(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(2, policy));
    setClaimRefs(c, "datadir-foo-1", FOREIGN);
    c.phase("foo-1", PodPhase.PENDING);

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();
    assertThat(plan.anomalies())
        .singleElement()
        .satisfies(a -> assertThat(a.subject()).isEqualTo("datadir-foo-1"));
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void nonControllerRefToOurSet_needsUpdate(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    setClaimRefs(
        c,
        "datadir-foo-0",
        new OwnerReference("apps/v1", "StatefulSet", "foo", "test", false, false));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class))
        .singleElement()
        .satisfies(u -> assertThat(u.ownerReferences()).isEqualTo(inRangeRefs(c.set())));
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-8")
  void nonControllerRefToOurPod_needsUpdate(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(1, policy));
    ObservedPod pod = c.pod("foo-0");
    List<OwnerReference> refs = new ArrayList<>(inRangeRefs(c.set()));
    refs.add(new OwnerReference("v1", "Pod", "foo-0", pod.uid(), false, false));
    setClaimRefs(c, "datadir-foo-0", refs.toArray(new OwnerReference[0]));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class))
        .singleElement()
        .satisfies(u -> assertThat(u.ownerReferences()).isEqualTo(inRangeRefs(c.set())));
  }

  // --- R-PVC-9 ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-9")
  void condemnedClaims_getTheCondemnedColumnBeforeDeletion(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(3, policy));
    ObservedPod two = c.pod("foo-2");
    ObservedPod one = c.pod("foo-1");
    c.update(withSpec(c.set(), b -> b.replicas(1)));

    ReconcilePlan plan = c.sync();

    assertThat(names(plan.actionsOf(Action.DeletePod.class))).containsExactly("foo-2");
    List<Action.UpdateClaimOwners> updates = plan.actionsOf(Action.UpdateClaimOwners.class);
    if (condemnedRefs(c.set(), two).equals(inRangeRefs(c.set()))) {
      assertThat(updates).isEmpty();
      return;
    }
    // Both condemned pods' claims are fixed, highest ordinal first, before the one deletion.
    assertThat(names(updates)).containsExactly("datadir-foo-2", "datadir-foo-1");
    assertThat(updates.get(0).ownerReferences()).isEqualTo(condemnedRefs(c.set(), two));
    assertThat(updates.get(0).podName()).isEqualTo("foo-2");
    assertThat(updates.get(1).ownerReferences()).isEqualTo(condemnedRefs(c.set(), one));
    assertThat(indexOf(plan, Action.UpdateClaimOwners.class, "datadir-foo-1"))
        .isLessThan(indexOf(plan, Action.DeletePod.class, "foo-2"));
    // fixPodClaim rewrites only the claims; the condemned pods themselves are not updated.
    assertThat(plan.actionsOf(Action.UpdatePod.class)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("deletingPolicies")
  @Tag("R-PVC-9")
  void burst_fixesEveryCondemnedClaimBeforeAnyDeletion(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(burst(set(4, policy)));
    c.update(withSpec(c.set(), b -> b.replicas(1)));

    ReconcilePlan plan = c.sync();

    assertThat(names(plan.actionsOf(Action.DeletePod.class)))
        .containsExactlyInAnyOrder("foo-1", "foo-2", "foo-3");
    int firstDelete = plan.actions().indexOf(plan.actionsOf(Action.DeletePod.class).get(0));
    for (Action.UpdateClaimOwners u : plan.actionsOf(Action.UpdateClaimOwners.class)) {
      assertThat(plan.actions().indexOf(u)).isLessThan(firstDelete);
      assertThat(u.ownerReferences()).isEqualTo(condemnedRefs(c.set(), c.pod(u.podName())));
    }
  }

  @ParameterizedTest
  @MethodSource("scaledDeletePolicies")
  @Tag("R-PVC-9")
  void podsBelowANewStartOrdinal_areCondemnedToo(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(2, policy));
    ObservedPod zero = c.pod("foo-0");
    // The range moves from [0, 1] to [1, 2]: foo-2 is created first, then foo-0 goes.
    c.update(withSpec(c.set(), b -> b.ordinalsStart(1)));
    int before = c.plans().size();
    c.converge(100);

    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-1", "foo-2");
    List<Action.UpdateClaimOwners> zeroUpdates = new ArrayList<>();
    for (ReconcilePlan p : c.plans().subList(before, c.plans().size())) {
      p.actionsOf(Action.UpdateClaimOwners.class).stream()
          .filter(u -> u.target().equals("datadir-foo-0"))
          .forEach(zeroUpdates::add);
    }
    assertThat(zeroUpdates)
        .singleElement()
        .satisfies(u -> assertThat(u.ownerReferences()).containsExactly(podRef(zero)));
    // Collected with foo-0, through that reference.
    assertThat(c.claims()).containsOnlyKeys("datadir-foo-1", "datadir-foo-2");
  }

  @Test
  @Tag("R-PVC-9")
  void condemnedClaims_waitUntilTheReplicasAreReady() {
    FakeCluster c = converged(set(3, ClaimRetentionPolicy.of(RETAIN, DELETE)));
    c.running("foo-0");
    c.update(withSpec(c.set(), b -> b.replicas(1)));

    ReconcilePlan plan = c.sync();

    // OrderedReady stops at foo-0 before the condemned are looked at.
    assertThat(plan.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();
    assertThat(plan.actionsOf(Action.DeletePod.class)).isEmpty();
    assertThat(plan.stopReason())
        .hasValueSatisfying(s -> assertThat(s.rule()).isEqualTo("R-ORDER-5"));
  }

  @ParameterizedTest
  @MethodSource("deletingPolicies")
  @Tag("R-PVC-8")
  void noClaim_isTouchedWhileTheSetIsBeingDeleted(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(3, policy));
    setClaimRefs(c, "datadir-foo-0");
    setClaimRefs(c, "datadir-foo-2");
    StatefulSet deleted =
        withSpec(c.set(), b -> b.replicas(1))
            .withDeletionTimestamp(NOW);

    ReconcilePlan plan =
        new StatefulSetReconciler()
            .plan(Observation.builder().from(c.observe()).set(deleted).build());

    assertThat(plan.actions()).allMatch(a -> a instanceof Action.WriteStatus);
  }

  // --- R-PVC-10 ---------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-10")
  void claimCreatedInTheSameSync_getsItsRefsOnALaterSync(ClaimRetentionPolicy policy) {
    FakeCluster c = new FakeCluster(set(1, policy));

    ReconcilePlan first = c.sync();

    assertThat(names(first.actionsOf(Action.CreateClaim.class))).containsExactly("datadir-foo-0");
    assertThat(first.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();

    ReconcilePlan second = c.sync();

    if (inRangeRefs(c.set()).isEmpty()) {
      assertThat(second.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();
    } else {
      assertThat(second.actionsOf(Action.UpdateClaimOwners.class))
          .singleElement()
          .satisfies(u -> assertThat(u.ownerReferences()).isEqualTo(inRangeRefs(c.set())));
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-10")
  void observedClaim_getsItsRefsRightAfterThePodIsCreated(ClaimRetentionPolicy policy) {
    StatefulSet set = set(1, policy);

    ReconcilePlan plan = plan(set, claim("datadir-foo-0"));

    assertThat(plan.actionsOf(Action.CreateClaim.class)).isEmpty();
    assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0");
    if (inRangeRefs(set).isEmpty()) {
      assertThat(plan.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();
    } else {
      assertThat(plan.actionsOf(Action.UpdateClaimOwners.class))
          .singleElement()
          .satisfies(u -> assertThat(u.ownerReferences()).isEqualTo(inRangeRefs(set)));
      assertThat(indexOf(plan, Action.CreatePod.class, "foo-0"))
          .isLessThan(indexOf(plan, Action.UpdateClaimOwners.class, "datadir-foo-0"));
    }
  }

  // --- R-PVC-11 ---------------------------------------------------------------------------

  /** Upstream's TestPodClaimIsStale, at plan level: two claim templates, pod foo-0 missing. */
  static Stream<Arguments> staleClaimStates() {
    return Stream.of(
        Arguments.of("all missing", "missing", "missing", false),
        Arguments.of("exists", "missing", "exists", false),
        Arguments.of("stale & exists", "stale", "exists", true),
        Arguments.of("stale & missing", "stale", "missing", true),
        Arguments.of("withRef & stale", "withRef", "stale", true),
        // The pod is not created yet, so even a reference with "its" uid is an earlier pod's.
        Arguments.of("withRef", "withRef", "exists", true));
  }

  private static ObservedClaim staleStateClaim(String name, String state) {
    switch (state) {
      case "exists":
        return claim(name);
      case "stale":
        return claim(name, OwnerReference.controllerRef("v1", "Pod", "foo-0", "stale"));
      case "withRef":
        return claim(name, OwnerReference.controllerRef("v1", "Pod", "foo-0", "123"));
      default:
        throw new AssertionError(state);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staleClaimStates")
  @Tag("R-PVC-11")
  void staleClaim_blocksCreation_whenScaledDelete(
      String name, String first, String second, boolean stale) {
    for (ClaimRetentionPolicy policy : scaledDeletePolicies().toList()) {
      StatefulSet set =
          withSpec(
              set(1, policy),
              b ->
                  b.volumeClaimTemplates(
                      List.of(
                          VolumeClaimTemplate.of("datadir", "1Gi"),
                          VolumeClaimTemplate.of("logs", "1Gi"))));
      List<ObservedClaim> claims = new ArrayList<>();
      if (!first.equals("missing")) {
        claims.add(staleStateClaim("datadir-foo-0", first));
      }
      if (!second.equals("missing")) {
        claims.add(staleStateClaim("logs-foo-0", second));
      }

      ReconcilePlan plan = plan(set, claims.toArray(new ObservedClaim[0]));

      if (stale) {
        assertThat(plan.actionsOf(Action.CreatePod.class)).isEmpty();
        assertThat(plan.actionsOf(Action.CreateClaim.class)).isEmpty();
        assertThat(plan.actionsOf(Action.UpdateClaimOwners.class)).isEmpty();
        assertThat(plan.stopReason())
            .hasValueSatisfying(
                s -> {
                  assertThat(s.rule()).isEqualTo("R-PVC-11");
                  assertThat(s.pod()).isEqualTo("foo-0");
                });
        // PodClaimIsStale only holds the pod back: the sync succeeds and nothing is retried.
        assertThat(plan.fails()).isFalse();
      } else {
        assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0");
        assertThat(plan.actionsOf(Action.CreateClaim.class)).hasSize(2 - claims.size());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("scaledRetainPolicies")
  @Tag("R-PVC-11")
  void claim_isNeverStale_whenScaledRetain(ClaimRetentionPolicy policy) {
    StatefulSet set = set(1, policy);

    ReconcilePlan plan =
        plan(
            set,
            claim("datadir-foo-0", OwnerReference.controllerRef("v1", "Pod", "foo-0", "stale")));

    assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0");
  }

  @ParameterizedTest
  @MethodSource("scaledDeletePolicies")
  @Tag("R-PVC-11")
  void staleClaim_holdsBackOnlyItsOwnPodInBurstMode(ClaimRetentionPolicy policy) {
    StatefulSet set = burst(set(3, policy));

    ReconcilePlan plan =
        plan(
            set,
            claim("datadir-foo-1", OwnerReference.controllerRef("v1", "Pod", "foo-1", "stale")));

    assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0", "foo-2");
  }

  @ParameterizedTest
  @MethodSource("scaledDeletePolicies")
  @Tag("R-PVC-11")
  void staleOwnerRefOnScaleUp_holdsBackThePod(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(3, policy));
    c.update(withSpec(c.set(), b -> b.replicas(2)));
    c.converge(100);
    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-0", "foo-1");
    // The garbage collector has not yet removed foo-2's claim, still owned by the old foo-2.
    c.putClaim(claim("datadir-foo-2", OwnerReference.controllerRef("v1", "Pod", "foo-2", "stale")));
    c.update(withSpec(c.set(), b -> b.replicas(3)));

    int before = c.plans().size();
    c.converge(10);

    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-0", "foo-1");
    assertThat(c.set().status().replicas()).isEqualTo(2);
    assertThat(c.claims().get("datadir-foo-2").ownerReferences())
        .containsExactly(OwnerReference.controllerRef("v1", "Pod", "foo-2", "stale"));
    for (ReconcilePlan p : c.plans().subList(before, c.plans().size())) {
      assertThat(names(p.actionsOf(Action.CreatePod.class))).doesNotContain("foo-2");
      assertThat(names(p.actionsOf(Action.UpdateClaimOwners.class)))
          .doesNotContain("datadir-foo-2");
    }

    c.claims().remove("datadir-foo-2");
    c.converge(100);

    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-0", "foo-1", "foo-2");
    assertThat(c.set().status().replicas()).isEqualTo(3);
    assertThat(c.claims().get("datadir-foo-2").ownerReferences()).isEqualTo(inRangeRefs(c.set()));
  }

  // --- R-PVC-3 ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-3")
  void claimBeingDeleted_stopsPodCreation(ClaimRetentionPolicy policy) {
    StatefulSet set = set(3, policy);
    ObservedClaim deleting =
        claim("datadir-foo-0").withDeletionTimestamp(NOW);

    ReconcilePlan plan = plan(set, deleting);

    assertThat(plan.actionsOf(Action.CreatePod.class)).isEmpty();
    assertThat(plan.actionsOf(Action.CreateClaim.class)).isEmpty();
    assertThat(plan.stopReason())
        .hasValueSatisfying(
            s -> {
              assertThat(s.rule()).isEqualTo("R-PVC-3");
              assertThat(s.pod()).isEqualTo("foo-0");
              assertThat(s.message()).contains("datadir-foo-0");
            });
    // The sync ends with createPersistentVolumeClaims' error, so it is retried, not requeued.
    assertThat(plan.error())
        .contains(new SyncError("datadir-foo-0", "R-PVC-3", "pvc datadir-foo-0 is being deleted"));
    assertThat(plan.requeueAfter()).isNull();
  }

  @Test
  @Tag("R-PVC-3")
  void everyClaimBeingDeleted_isInTheAggregatedError() {
    StatefulSet set =
        withSpec(
            newStatefulSet(1),
            b ->
                b.volumeClaimTemplates(
                    List.of(
                        VolumeClaimTemplate.of("datadir", "1Gi"),
                        VolumeClaimTemplate.of("logs", "1Gi"))));
    ObservedClaim datadir =
        claim("datadir-foo-0").withDeletionTimestamp(NOW);
    ObservedClaim logs =
        claim("logs-foo-0").withDeletionTimestamp(NOW);

    ReconcilePlan plan = plan(set, datadir, logs);

    assertThat(plan.error())
        .contains(
            new SyncError(
                "datadir-foo-0",
                "R-PVC-3",
                "[pvc datadir-foo-0 is being deleted, pvc logs-foo-0 is being deleted]"));
  }

  @Test
  @Tag("R-PVC-3")
  void otherMissingClaims_areStillCreated() {
    StatefulSet set =
        withSpec(
            newStatefulSet(1),
            b ->
                b.volumeClaimTemplates(
                    List.of(
                        VolumeClaimTemplate.of("datadir", "1Gi"),
                        VolumeClaimTemplate.of("logs", "1Gi"))));
    ObservedClaim deleting =
        claim("datadir-foo-0").withDeletionTimestamp(NOW);

    ReconcilePlan plan = plan(set, deleting);

    // createPersistentVolumeClaims tries every template and only then reports the failure.
    assertThat(names(plan.actionsOf(Action.CreateClaim.class))).containsExactly("logs-foo-0");
    assertThat(plan.actionsOf(Action.CreatePod.class)).isEmpty();
    assertThat(plan.stopReason())
        .hasValueSatisfying(s -> assertThat(s.rule()).isEqualTo("R-PVC-3"));
  }

  @Test
  @Tag("R-PVC-3")
  void burst_finishesTheFailingBatchAndStartsNoOther() {
    StatefulSet set = burst(newStatefulSet(5));
    ObservedClaim deleting =
        claim("datadir-foo-1").withDeletionTimestamp(NOW);

    ReconcilePlan plan = plan(set, deleting);

    // Batches [0], [1, 2], [3, 4]: the second fails on foo-1, so the third never starts.
    assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0", "foo-2");
    assertThat(plan.stopReason()).hasValueSatisfying(s -> assertThat(s.pod()).isEqualTo("foo-1"));
    assertThat(plan.error().map(SyncError::message)).contains("pvc datadir-foo-1 is being deleted");
  }

  @Test
  @Tag("R-PVC-3")
  void pendingPodWithAClaimBeingDeleted_fails() {
    FakeCluster c = converged(set(2, ClaimRetentionPolicy.RETAIN));
    c.phase("foo-1", PodPhase.PENDING);
    c.putClaim(
        c.claims().get("datadir-foo-1").withDeletionTimestamp(NOW));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.CreateClaim.class)).isEmpty();
    assertThat(plan.stopReason())
        .hasValueSatisfying(
            s -> {
              assertThat(s.rule()).isEqualTo("R-PVC-3");
              assertThat(s.pod()).isEqualTo("foo-1");
            });
    // createMissingPersistentVolumeClaims returns the same error for a Pending pod.
    assertThat(plan.error().map(SyncError::object)).contains("datadir-foo-1");
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-3")
  void existingClaim_isReusedAsIs(ClaimRetentionPolicy policy) {
    StatefulSet set = set(1, policy);
    ObservedClaim existing =
        claim("datadir-foo-0")
            .withLabels(Map.of("unrelated", "label"));

    ReconcilePlan plan = plan(set, existing);

    assertThat(plan.actionsOf(Action.CreateClaim.class)).isEmpty();
    assertThat(names(plan.actionsOf(Action.CreatePod.class))).containsExactly("foo-0");
    assertThat(plan.actions())
        .filteredOn(a -> a.target().equals("datadir-foo-0"))
        .allMatch(a -> a instanceof Action.UpdateClaimOwners);
  }

  // --- R-PVC-4 ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-4")
  void orderedReady_createsClaimsBeforeThePod(ClaimRetentionPolicy policy) {
    StatefulSet set =
        withSpec(
            set(1, policy),
            b ->
                b.volumeClaimTemplates(
                    List.of(
                        VolumeClaimTemplate.of("datadir", "1Gi"),
                        VolumeClaimTemplate.of("logs", "1Gi"))));

    ReconcilePlan plan = plan(set);

    int pod = indexOf(plan, Action.CreatePod.class, "foo-0");
    assertThat(indexOf(plan, Action.CreateClaim.class, "datadir-foo-0")).isLessThan(pod);
    assertThat(indexOf(plan, Action.CreateClaim.class, "logs-foo-0")).isLessThan(pod);
  }

  @Test
  @Tag("R-PVC-4")
  void burst_createsEachPodsClaimsBeforeIt() {
    ReconcilePlan plan = plan(burst(newStatefulSet(4)));

    for (int i = 0; i < 4; i++) {
      assertThat(indexOf(plan, Action.CreateClaim.class, "datadir-foo-" + i))
          .isLessThan(indexOf(plan, Action.CreatePod.class, "foo-" + i));
    }
  }

  // --- R-PVC-6 ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-6")
  void pendingPod_getsMissingClaimsRecreated(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(3, policy));
    c.claims().remove("datadir-foo-0");
    c.phase("foo-0", PodPhase.PENDING);

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.CreateClaim.class))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.claim().name()).isEqualTo("datadir-foo-0");
              assertThat(a.podName()).isEqualTo("foo-0");
            });
    assertThat(plan.actionsOf(Action.CreatePod.class)).isEmpty();

    // The new claim gets its references once it is observed, while foo-0 is still Pending.
    c.sync();
    assertThat(c.claims().get("datadir-foo-0").ownerReferences()).isEqualTo(inRangeRefs(c.set()));
  }

  @Test
  @Tag("R-PVC-6")
  void runningPodWithAMissingClaim_isLeftAlone() {
    FakeCluster c = converged(set(2, ClaimRetentionPolicy.of(DELETE, DELETE)));
    c.claims().remove("datadir-foo-0");

    assertThat(c.sync().actions()).isEmpty();
  }

  // --- R-PVC-12 ---------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-12")
  void scaleDown_keepsClaimsUnlessCollectedThroughOwnerRefs(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(set(3, policy));
    ObservedPod one = c.pod("foo-1");
    ObservedPod two = c.pod("foo-2");
    c.update(withSpec(c.set(), b -> b.replicas(1)));

    c.converge(100);

    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-0");
    boolean scaledDelete =
        c.set().spec().effectiveRetentionPolicy().effectiveWhenScaled() == DELETE;
    if (scaledDelete) {
      // Only the garbage collector removed them, through the pod references of R-PVC-9.
      assertThat(c.claims()).containsOnlyKeys("datadir-foo-0");
    } else {
      assertThat(c.claims()).containsOnlyKeys("datadir-foo-0", "datadir-foo-1", "datadir-foo-2");
      assertThat(c.claims().get("datadir-foo-1").ownerReferences())
          .isEqualTo(condemnedRefs(c.set(), one));
      assertThat(c.claims().get("datadir-foo-2").ownerReferences())
          .isEqualTo(condemnedRefs(c.set(), two));
    }
    assertThat(c.claims().get("datadir-foo-0").ownerReferences()).isEqualTo(inRangeRefs(c.set()));
    assertClaimsOnlyCreatedOrReOwned(c);
  }

  @ParameterizedTest
  @MethodSource("policies")
  @Tag("R-PVC-12")
  void anyPlan_neverDeletesAClaim(ClaimRetentionPolicy policy) {
    FakeCluster c = converged(burst(set(4, policy)));
    c.update(withSpec(c.set(), b -> b.replicas(2)));
    c.converge(100);
    c.update(Fixtures.withImage(c.set(), "nginx:2"));
    c.converge(100);
    c.update(withSpec(c.set(), b -> b.replicas(0)));
    c.converge(100);

    assertThat(c.pods()).isEmpty();
    assertClaimsOnlyCreatedOrReOwned(c);
  }

  /** Every action of every plan that touches a claim creates it or rewrites its owners. */
  private static void assertClaimsOnlyCreatedOrReOwned(FakeCluster c) {
    Set<String> claimNames = new HashSet<>();
    for (ReconcilePlan p : c.plans()) {
      for (Action.CreateClaim a : p.actionsOf(Action.CreateClaim.class)) {
        claimNames.add(a.claim().name());
      }
    }
    assertThat(claimNames).isNotEmpty();
    for (ReconcilePlan p : c.plans()) {
      assertThat(p.actions())
          .filteredOn(a -> claimNames.contains(a.target()))
          .allMatch(a -> a instanceof Action.CreateClaim || a instanceof Action.UpdateClaimOwners);
    }
  }

  @Test
  @Tag("R-PVC-12")
  void claimTemplateChange_doesNotTouchExistingClaims() {
    FakeCluster c = converged(set(2, ClaimRetentionPolicy.RETAIN));
    // Validation forbids this change on a live set (R-VALID-14); the planner still never resizes.
    c.update(
        withSpec(
            c.set(),
            b -> b.volumeClaimTemplates(List.of(VolumeClaimTemplate.of("datadir", "9Gi")))));

    assertThat(c.sync().actions())
        .noneMatch(a -> a instanceof Action.CreateClaim || a instanceof Action.UpdateClaimOwners);
  }

  @Test
  @Tag("R-PVC-5")
  void podWithWrongClaimVolume_isRepointedAndClaimCreated() {
    FakeCluster c = converged(set(2, ClaimRetentionPolicy.RETAIN));
    ObservedPod pod = c.pod("foo-1");
    c.put(pod.withClaimVolumes(Map.of("datadir", "someone-else")));
    c.claims().remove("datadir-foo-1");

    ReconcilePlan plan = c.sync();

    assertThat(names(plan.actionsOf(Action.CreateClaim.class))).containsExactly("datadir-foo-1");
    assertThat(plan.actionsOf(Action.UpdatePod.class))
        .singleElement()
        .satisfies(u -> assertThat(u.claimVolumes()).containsEntry("datadir", "datadir-foo-1"));
    assertThat(indexOf(plan, Action.CreateClaim.class, "datadir-foo-1"))
        .isLessThan(indexOf(plan, Action.UpdatePod.class, "foo-1"));
  }
}
