package dev.ordinal.core;

import static dev.ordinal.invariants.StatefulSetInvariants.assertNone;
import static dev.ordinal.invariants.StatefulSetInvariants.writtenStatusValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.revision.RevisionHash;
import dev.ordinal.core.revision.Revisions;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.invariants.StatefulSetInvariants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Laws of one sync, checked with QuickTheories over random defaulted specs and random observed
 * states: pods with odd names, phases, readiness, deletion timestamps, revisions and owners, claims
 * with random owners, and revision histories. Each law names the rules it stands for.
 *
 * <p>Every property runs {@code ordinal.examples} cases (1000 unless overridden); a failure prints
 * the shrunk observation and the seed.
 */
class PlannerPropertiesTest {

  private static final int EXAMPLES = Integer.getInteger("ordinal.examples", 1000);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SET = "foo";
  private static final String NAMESPACE = "default";
  private static final String SET_UID = "test";
  private static final List<String> IMAGES = List.of("nginx", "nginx:2", "nginx:3");

  /** The fixture's template per image, built once so that their revision data is cached. */
  private static final List<PodTemplate> TEMPLATES =
      IMAGES.stream().map(Fixtures::template).toList();

  private static final List<VolumeClaimTemplate> CLAIM_TEMPLATES =
      List.of(VolumeClaimTemplate.of("datadir", "1Gi"), VolumeClaimTemplate.of("logs", "1Gi"));

  /** The five policies upstream runs over, and half-set ones that defaulting completes. */
  private static final List<ClaimRetentionPolicy> RETENTIONS;

  static {
    List<ClaimRetentionPolicy> r = new ArrayList<>(Fixtures.RETENTION_POLICIES);
    r.add(new ClaimRetentionPolicy(RetentionPolicyType.DELETE, null));
    r.add(new ClaimRetentionPolicy(null, RetentionPolicyType.DELETE));
    RETENTIONS = List.copyOf(r);
  }

  /** A revision of each image, built once: their data and names never change. */
  private static final List<ControllerRevision> BASE_REVISIONS =
      TEMPLATES.stream()
          .map(t -> Revisions.newRevision(withTemplate(Fixtures.newStatefulSet(1), t), 1, 0))
          .toList();

  private final StatefulSetReconciler reconciler = new StatefulSetReconciler();

  // --------------------------------------------------------------------------------------------
  // Laws

  /** A plan is a function of the observation alone: equal observations, equal plans. */
  @Test
  void plan_isDeterministic() {
    check(
        observations(),
        obs -> {
          ReconcilePlan first = reconciler.plan(obs);
          Observation rebuilt = Observation.builder().from(obs).build();
          assertThat(new StatefulSetReconciler().plan(rebuilt)).isEqualTo(first);
          assertThat(reconciler.plan(obs)).isEqualTo(first);
        });
  }

  /**
   * R-ORDER-2, R-NAME-5: a slot with a managed, created pod gets no CreatePod, and no name is
   * created twice. (A pod of that name the set does not manage, or one without a phase, does not
   * stop upstream either: its create fails with AlreadyExists, R-ORDER-10.)
   */
  @Test
  @Tag("R-ORDER-2")
  @Tag("R-ORDER-10")
  @Tag("R-NAME-5")
  void plan_neverCreatesALivePodAgain_R_ORDER_2() {
    check(
        observations(),
        obs -> {
          StatefulSet set = obs.set();
          ReconcilePlan plan = reconciler.plan(obs);
          Set<String> created = new HashSet<>();
          for (Action.CreatePod c : plan.actionsOf(Action.CreatePod.class)) {
            String name = c.pod().name();
            assertThat(created.add(name)).as("two CreatePod for %s", name).isTrue();
            assertThat(c.pod().namespace()).isEqualTo(set.namespace());
            int ordinal = PodNames.ordinal(name);
            assertThat(name).isEqualTo(PodNames.podName(set.name(), ordinal));
            assertThat(StatefulSetInvariants.inRange(set.spec(), ordinal))
                .as("%s is in the replica range", name)
                .isTrue();
            for (ObservedPod pod : obs.pods()) {
              if (pod.name().equals(name) && managed(set, pod)) {
                assertThat(pod.phase() == null || pod.deletionTimestamp() != null)
                    .as("%s is created although %s is live", name, describe(pod))
                    .isTrue();
              }
            }
          }
        });
  }

  /**
   * R-PVC-8, R-PVC-12: the planner never deletes or rewrites a claim beyond its owner references.
   * Claims are only created when missing or have their references to this set and pod replaced;
   * other owners' references survive.
   */
  @Test
  @Tag("R-PVC-8")
  @Tag("R-PVC-12")
  void plan_touchesClaimsOnlyToCreateThemOrFixOwners_R_PVC_8() {
    check(
        observations(),
        obs -> {
          StatefulSet set = obs.set();
          ReconcilePlan plan = reconciler.plan(obs);
          Set<String> claimNames = new HashSet<>();
          for (ObservedClaim c : obs.claims()) {
            claimNames.add(c.name());
          }
          Map<String, List<Action.CreateClaim>> createdClaims = new HashMap<>();
          for (Action a : plan.actions()) {
            if (a instanceof Action.CreateClaim c) {
              String name = c.claim().name();
              List<Action.CreateClaim> creates =
                  createdClaims.computeIfAbsent(name, n -> new ArrayList<>());
              creates.add(c);
              // Parallel only: a Pending pod's missing claims are created (R-PVC-6), and the
              // storage repair that follows reads the same cache and creates them again before
              // it updates the pod (R-ID-3), as upstream's calls do.
              assertThat(creates).as("CreateClaim for %s", name).hasSizeLessThanOrEqualTo(2);
              assertThat(
                      creates.size() == 1
                          || parallel(set) && creates.get(0).podName().equals(c.podName()))
                  .as("two CreateClaim for %s: %s", name, creates)
                  .isTrue();
              assertThat(c.claim().namespace()).isEqualTo(set.namespace());
              assertThat(obs.claim(name)).as("%s is created though it exists", name).isNull();
            } else if (a instanceof Action.UpdateClaimOwners u) {
              ObservedClaim claim = obs.claim(u.name());
              assertThat(claim)
                  .as("UpdateClaimOwners of unobserved claim %s", u.name())
                  .isNotNull();
              assertThat(u.uid()).isEqualTo(claim.uid());
              assertThat(othersRefs(u.ownerReferences(), set, u.podName()))
                  .as("references of other owners on %s", u.name())
                  .isEqualTo(othersRefs(claim.ownerReferences(), set, u.podName()));
            } else {
              assertThat(claimNames.contains(a.target()) || looksLikeClaim(set, a.target()))
                  .as("%s targets a claim", a)
                  .isFalse();
            }
          }
        });
  }

  /**
   * R-ADOPT-3, R-ADOPT-4: pods controlled by another owner, or in another namespace, are never
   * deleted, updated, released or adopted; only orphans are adopted and only our pods released.
   */
  @Test
  @Tag("R-ADOPT-3")
  @Tag("R-ADOPT-4")
  void plan_neverTouchesPodsItDoesNotOwn_R_ADOPT_3() {
    check(
        observations(),
        obs -> {
          StatefulSet set = obs.set();
          for (Action a : reconciler.plan(obs).actions()) {
            String uid = podUid(a);
            if (uid == null) {
              continue;
            }
            ObservedPod pod = podByUid(obs, uid);
            assertThat(pod).as("%s names an observed pod", a).isNotNull();
            assertThat(pod.name()).isEqualTo(a.target());
            assertThat(pod.namespace())
                .as("namespace of the pod %s touches", a)
                .isEqualTo(set.namespace());
            OwnerReference controller = pod.controllerRef();
            if (a instanceof Action.AdoptPod) {
              assertThat(controller).as("%s adopts an owned pod", a).isNull();
            } else if (a instanceof Action.ReleasePod) {
              assertThat(controller).isNotNull();
              assertThat(controller.uid()).isEqualTo(set.uid());
            } else {
              assertThat(controller == null || controller.uid().equals(set.uid()))
                  .as("%s touches %s, controlled by %s", a, pod.name(), controller)
                  .isTrue();
            }
          }
        });
  }

  /**
   * DeletePod carries the uid of the observed pod it was planned for (a delete precondition), and
   * never targets a pod already terminating (R-ORDER-1, R-ORDER-8, R-UPDATE-5).
   */
  @Test
  @Tag("R-ORDER-1")
  @Tag("R-ORDER-8")
  @Tag("R-UPDATE-5")
  void deletePod_carriesTheObservedUid() {
    check(
        observations(),
        obs -> {
          Map<String, List<DeleteReason>> deleted = new HashMap<>();
          for (Action.DeletePod d : reconciler.plan(obs).actionsOf(Action.DeletePod.class)) {
            assertThat(d.uid()).as("uid of %s", d).isNotEmpty();
            ObservedPod pod = podByUid(obs, d.uid());
            assertThat(pod).as("%s names an observed pod", d).isNotNull();
            assertThat(pod.name()).isEqualTo(d.name());
            assertThat(pod.namespace()).isEqualTo(obs.set().namespace());
            assertThat(pod.deletionTimestamp()).as("%s is already terminating", d.name()).isNull();
            deleted.computeIfAbsent(d.uid(), u -> new ArrayList<>()).add(d.reason());
          }
          for (Map.Entry<String, List<DeleteReason>> e : deleted.entrySet()) {
            // Parallel only: a Failed or Succeeded replica is deleted (R-ORDER-1), and the update
            // phase, which still sees it live and outdated, deletes it again (R-UPDATE-5), as
            // upstream's calls do; nothing else is deleted twice.
            if (e.getValue().size() > 1) {
              assertThat(
                      parallel(obs.set())
                          && e.getValue()
                              .equals(List.of(DeleteReason.FINISHED, DeleteReason.UPDATE)))
                  .as("deletions of %s: %s", e.getKey(), e.getValue())
                  .isTrue();
            }
          }
        });
  }

  /**
   * R-STATUS-9 with R-ORDER, R-UPDATE, R-PVC-8 and R-REV-7: N pods Running, Ready and available at
   * the update revision, with their identity, storage and claims in place and the status already
   * written, need nothing at all.
   */
  @Test
  @Tag("R-STATUS-9")
  @Tag("R-PVC-8")
  @Tag("R-REV-7")
  void convergedState_yieldsAnEmptyPlan_R_STATUS_9() {
    check(
        converged(),
        obs -> {
          ReconcilePlan plan = reconciler.plan(obs);
          assertThat(plan.actions()).isEmpty();
          assertThat(plan.stop()).isNull();
          StatefulSetStatus old = obs.set().status();
          // An unset collisionCount is computed as 0 but alone does not call for a write.
          assertThat(plan.status())
              .isEqualTo(
                  StatefulSetStatus.builder()
                      .observedGeneration(old.observedGeneration())
                      .replicas(old.replicas())
                      .readyReplicas(old.readyReplicas())
                      .currentReplicas(old.currentReplicas())
                      .updatedReplicas(old.updatedReplicas())
                      .availableReplicas(old.availableReplicas())
                      .currentRevision(old.currentRevision())
                      .updateRevision(old.updateRevision())
                      .collisionCount(old.effectiveCollisionCount())
                      .build());
        });
  }

  /**
   * R-ORDER-2, R-ORDER-5, R-ORDER-6: under OrderedReady a sync creates at most one pod, and ordinal
   * k only when every lower slot holds a pod that is Running, Ready, available and not terminating.
   */
  @Test
  @Tag("R-ORDER-5")
  @Tag("R-ORDER-2")
  @Tag("R-ORDER-6")
  void orderedReady_createsOnlyAfterPredecessorsAreReady_R_ORDER_5() {
    check(
        observations(),
        obs -> {
          StatefulSet set = obs.set();
          if (set.spec().effectivePodManagementPolicy() != PodManagementPolicy.ORDERED_READY) {
            return;
          }
          List<Action.CreatePod> creates = reconciler.plan(obs).actionsOf(Action.CreatePod.class);
          assertThat(creates).hasSizeLessThanOrEqualTo(1);
          Map<Integer, ObservedPod> slots = slots(obs);
          for (Action.CreatePod c : creates) {
            int k = PodNames.ordinal(c.pod().name());
            for (int j = set.spec().startOrdinal(); j < k; j++) {
              ObservedPod lower = slots.get(j);
              assertThat(lower).as("ordinal %s below created %s", j, c.pod().name()).isNotNull();
              assertThat(healthyAndAvailable(obs, lower))
                  .as("%s created while %s is %s", c.pod().name(), lower.name(), describe(lower))
                  .isTrue();
            }
          }
        });
  }

  /**
   * R-UPDATE-5, R-UPDATE-6: rolling-update deletions never exceed the resolved maxUnavailable, nor
   * the budget left by pods already unavailable; they only take outdated, live pods at or above the
   * partition; OnDelete deletes nothing for an update (R-UPDATE-2).
   */
  @Test
  @Tag("R-UPDATE-5")
  @Tag("R-UPDATE-2")
  @Tag("R-UPDATE-6")
  void rollingUpdate_deletesWithinMaxUnavailable_R_UPDATE_5() {
    check(
        observations(),
        obs -> {
          StatefulSet set = obs.set();
          StatefulSetSpec spec = set.spec();
          ReconcilePlan plan = reconciler.plan(obs);
          List<Action.DeletePod> updates =
              plan.actionsOf(Action.DeletePod.class).stream()
                  .filter(d -> d.reason() == DeleteReason.UPDATE)
                  .toList();
          if (spec.updateStrategy().isOnDelete()) {
            assertThat(updates).isEmpty();
            return;
          }
          RollingUpdate ru = spec.updateStrategy().rollingUpdate();
          int replicas = spec.effectiveReplicas();
          int maxUnavailable = StatefulSetInvariants.maxUnavailable(set);
          int partition = ru == null ? 0 : ru.effectivePartition();
          Map<Integer, ObservedPod> slots = slots(obs);
          int unavailable = 0;
          for (int i = 0; i < replicas; i++) {
            ObservedPod pod = slots.get(spec.startOrdinal() + i);
            if (pod == null || !healthyAndAvailable(obs, pod)) {
              unavailable++;
            }
          }
          assertThat(updates.size()).isLessThanOrEqualTo(maxUnavailable);
          assertThat(updates.size())
              .as("deletions with %s of %s unavailable", unavailable, maxUnavailable)
              .isLessThanOrEqualTo(Math.max(0, maxUnavailable - unavailable));
          for (Action.DeletePod d : updates) {
            ObservedPod pod = podByUid(obs, d.uid());
            int index = pod.ordinal() - spec.startOrdinal();
            assertThat(slots.get(pod.ordinal())).isSameAs(pod);
            assertThat(index).isBetween(partition, replicas - 1);
            assertThat(pod.revision()).isNotEqualTo(plan.status().updateRevision());
          }
        });
  }

  /**
   * R-STATUS-11: the status a sync writes passes the apiserver's status validation, except that
   * upstream decrements {@code currentReplicas} for every rolling-update deletion (R-STATUS-4),
   * also of a pod that was never counted at the current revision, and can so go below zero. With
   * those decrements undone the status is valid.
   */
  @Test
  @Tag("R-STATUS-11")
  @Tag("R-STATUS-4")
  void status_passesApiValidation_R_STATUS_11() {
    check(
        observations(),
        obs -> assertNone(writtenStatusValid(obs, reconciler.plan(obs))));
  }

  // --------------------------------------------------------------------------------------------
  // Running a property

  /** Runs a law over {@link #EXAMPLES} cases and checks that QuickTheories ran them all. */
  private static void check(Gen<Observation> gen, Consumer<Observation> law) {
    AtomicInteger cases = new AtomicInteger();
    // QuickTheories 0.26 checks one case fewer than it is asked for.
    qt().withExamples(EXAMPLES + 1)
        .forAll(gen.describedAs(PlannerPropertiesTest::describe))
        .checkAssert(
            obs -> {
              cases.incrementAndGet();
              law.accept(obs);
            });
    assertThat(cases.get()).isGreaterThanOrEqualTo(EXAMPLES);
  }

  // --------------------------------------------------------------------------------------------
  // Oracles, written from the rules rather than taken from the planner

  /**
   * Returns true if the set manages the pod (R-ADOPT-1..4): same namespace, a member selected by
   * the selector, and either controlled by the set or an orphan it may adopt.
   */
  private static boolean managed(StatefulSet set, ObservedPod pod) {
    if (!pod.namespace().equals(set.namespace())
        || !pod.parentName().equals(set.name())
        || !set.spec().selector().matches(pod.labels())) {
      return false;
    }
    OwnerReference controller = pod.controllerRef();
    if (controller != null) {
      return controller.uid().equals(set.uid());
    }
    return !set.isBeingDeleted() && pod.deletionTimestamp() == null;
  }

  /** The managed pod holding each in-range ordinal: the last one listed wins (R-NAME-5). */
  private static Map<Integer, ObservedPod> slots(Observation obs) {
    Map<Integer, ObservedPod> slots = new HashMap<>();
    for (ObservedPod pod : obs.pods()) {
      if (managed(obs.set(), pod)
          && StatefulSetInvariants.inRange(obs.set().spec(), pod.ordinal())) {
        slots.put(pod.ordinal(), pod);
      }
    }
    return slots;
  }

  private static boolean parallel(StatefulSet set) {
    return set.spec().effectivePodManagementPolicy() == PodManagementPolicy.PARALLEL;
  }

  /** P-HEALTHY and P-AVAILABLE at the observation's time (inclusive boundary). */
  private static boolean healthyAndAvailable(Observation obs, ObservedPod pod) {
    if (!StatefulSetInvariants.isRunningAndReady(pod) || pod.deletionTimestamp() != null) {
      return false;
    }
    int minReady = obs.set().spec().minReadySeconds();
    if (minReady == 0) {
      return true;
    }
    Instant since = pod.readyTransitionTime();
    return since != null && !since.plusSeconds(minReady).isAfter(obs.now());
  }

  private static @Nullable String podUid(Action a) {
    if (a instanceof Action.DeletePod d) {
      return d.uid();
    } else if (a instanceof Action.UpdatePod u) {
      return u.uid();
    } else if (a instanceof Action.ReleasePod r) {
      return r.uid();
    } else if (a instanceof Action.AdoptPod p) {
      return p.uid();
    }
    return null;
  }

  private static @Nullable ObservedPod podByUid(Observation obs, String uid) {
    for (ObservedPod pod : obs.pods()) {
      if (pod.uid().equals(uid)) {
        return pod;
      }
    }
    return null;
  }

  /** The references of a claim that name neither this set nor the claim's pod. */
  private static List<OwnerReference> othersRefs(
      List<OwnerReference> refs, StatefulSet set, String podName) {
    return refs.stream()
        .filter(r -> !r.refersTo(OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name()))
        .filter(r -> !r.refersTo("v1", OwnerReference.POD, podName))
        .toList();
  }

  private static boolean looksLikeClaim(StatefulSet set, String name) {
    for (VolumeClaimTemplate t : CLAIM_TEMPLATES) {
      if (name.startsWith(t.name() + "-" + set.name() + "-")) {
        return true;
      }
    }
    return false;
  }

  // --------------------------------------------------------------------------------------------
  // Generators. Draws shrink towards their first, plainest choice: a rare feature is absent.

  private static int between(RandomnessSource in, int lo, int hi) {
    return integers().between(lo, hi).generate(in);
  }

  /** Returns true with about this percent chance; shrinks to false. */
  private static boolean chance(RandomnessSource in, int percent) {
    return between(in, 0, 99) >= 100 - percent;
  }

  private static <T> T pick(RandomnessSource in, List<T> choices) {
    return choices.get(between(in, 0, choices.size() - 1));
  }

  /**
   * Observed states of random defaulted sets: half of them anything goes (odd names, owners,
   * phases, claims), half a converged cluster a few steps off course, which takes the planner
   * past the early stops into creations, scale-down and rolling updates.
   */
  static Gen<Observation> observations() {
    Gen<Observation> chaotic = chaotic();
    Gen<Observation> perturbed = perturbed();
    return in -> chance(in, 50) ? perturbed.generate(in) : chaotic.generate(in);
  }

  /** A random observed state of a random defaulted set. */
  static Gen<Observation> chaotic() {
    return in -> {
      StatefulSet set = randomSet(in, true);
      List<ControllerRevision> revisions = new ArrayList<>();
      List<String> revisionNames = new ArrayList<>();
      for (int i = 0; i < IMAGES.size(); i++) {
        ControllerRevision r = BASE_REVISIONS.get(i);
        revisionNames.add(r.name());
        if (!chance(in, 50)) {
          continue;
        }
        ControllerRevision rev =
            r
                .withRevision(between(in, 0, 5) * 3 + i + 1)
                .withUid("rev-uid-" + i)
                .withCreationTimestamp(NOW.minusSeconds(86_400 - i));
        int owner = between(in, 0, 99);
        if (owner >= 95) {
          rev = rev.withOwnerReferences(foreignController("StatefulSet", "other", "other-uid"));
        } else if (owner >= 85) {
          rev = rev.withOwnerReferences(List.of());
        }
        revisions.add(rev);
      }
      String updateName =
          RevisionHash.revisionName(
              SET,
              RevisionHash.hash(
                  set.spec().template().revisionData(), set.status().effectiveCollisionCount()));
      List<String> revisionLabels = new ArrayList<>();
      revisionLabels.add(updateName);
      revisionLabels.add(set.status().currentRevision());
      revisionLabels.addAll(revisionNames);
      revisionLabels.add("");
      revisionLabels.add(SET + "-other");

      int high = set.spec().startOrdinal() + set.spec().effectiveReplicas() + 2;
      Map<String, ObservedPod> pods = new LinkedHashMap<>();
      int podCount = between(in, 0, 10);
      for (int i = 0; i < podCount; i++) {
        ObservedPod pod = randomPod(in, set, i, between(in, 0, high), revisionLabels);
        pods.putIfAbsent(pod.namespace() + "/" + pod.name(), pod);
      }
      List<ObservedClaim> claims = new ArrayList<>();
      List<VolumeClaimTemplate> templates = set.spec().volumeClaimTemplates();
      for (int t = 0; t < templates.size(); t++) {
        for (int ordinal = 0; ordinal <= high; ordinal++) {
          if (chance(in, 60)) {
            claims.add(randomClaim(in, set, templates.get(t), ordinal, pods));
          }
        }
      }
      if (chance(in, 5) && !templates.isEmpty()) {
        claims.add(
            ObservedClaim.builder()
                .name(PodNames.claimName(templates.get(0).name(), SET, 0))
                .namespace("other")
                .uid("claim-uid-other")
                .build());
      }
      return Observation.builder()
          .set(set)
          .pods(pods.values())
          .claims(claims)
          .revisions(revisions)
          .now(NOW)
          .build();
    };
  }

  private static StatefulSet randomSet(RandomnessSource in, boolean mayBeDeleted) {
    int replicas = between(in, 0, 8);
    Integer start = chance(in, 60) ? between(in, 0, 3) : null;
    PodManagementPolicy policy =
        pick(in, List.of(PodManagementPolicy.ORDERED_READY, PodManagementPolicy.PARALLEL));
    UpdateStrategy strategy = randomStrategy(in, replicas);
    int minReadySeconds = chance(in, 40) ? between(in, 1, 60) : 0;
    ClaimRetentionPolicy retention = pick(in, RETENTIONS);
    int templates = between(in, 0, CLAIM_TEMPLATES.size());
    PodTemplate template = pick(in, TEMPLATES);
    Integer historyLimit = chance(in, 30) ? between(in, 0, 3) : null;
    long generation = between(in, 1, 3);
    boolean deleting = mayBeDeleted && chance(in, 5);
    StatefulSet raw = Fixtures.rawStatefulSet(replicas);
    StatefulSetSpec spec =
        StatefulSetSpec.builder()
            .from(raw.spec())
            .ordinalsStart(start)
            .podManagementPolicy(policy)
            .updateStrategy(strategy)
            .minReadySeconds(minReadySeconds)
            .persistentVolumeClaimRetentionPolicy(retention)
            .volumeClaimTemplates(CLAIM_TEMPLATES.subList(0, templates))
            .template(template)
            .revisionHistoryLimit(historyLimit)
            .build();
    StatefulSet set =
        Defaults.apply(
            raw
                .withSpec(spec)
                .withGeneration(generation)
                .withDeletionTimestamp(deleting ? NOW.minusSeconds(30) : null));
    return set.withStatus(randomStatus(in, set));
  }

  private static UpdateStrategy randomStrategy(RandomnessSource in, int replicas) {
    int kind = between(in, 0, 19);
    switch (kind < 4 ? 0 : kind < 7 ? 1 : kind < 17 ? 2 : 3) {
      case 0:
        return UpdateStrategy.rollingUpdateWithoutBlock();
      case 1:
        return UpdateStrategy.UNSET;
      case 2:
        Integer partition = chance(in, 70) ? between(in, 0, replicas + 1) : null;
        IntOrString maxUnavailable;
        switch (between(in, 0, 2)) {
          case 0:
            maxUnavailable = null;
            break;
          case 1:
            maxUnavailable = IntOrString.of(between(in, 1, 4));
            break;
          default:
            maxUnavailable = IntOrString.percent(between(in, 1, 100));
        }
        return UpdateStrategy.rollingUpdateWith(new RollingUpdate(partition, maxUnavailable));
      default:
        return UpdateStrategy.ON_DELETE;
    }
  }

  /** A status some earlier sync may have written; only its revisions and counters matter. */
  private static StatefulSetStatus randomStatus(RandomnessSource in, StatefulSet set) {
    List<String> names = new ArrayList<>();
    names.add("");
    for (ControllerRevision r : BASE_REVISIONS) {
      names.add(r.name());
    }
    names.add(SET + "-gone");
    Integer collisions = pick(in, java.util.Arrays.asList(null, 0, 1));
    return StatefulSetStatus.builder()
        .observedGeneration(between(in, 0, (int) set.generation()))
        .replicas(between(in, 0, 9))
        .readyReplicas(between(in, 0, 9))
        .currentReplicas(between(in, 0, 9))
        .updatedReplicas(between(in, 0, 9))
        .availableReplicas(between(in, 0, 9))
        .currentRevision(pick(in, names))
        .updateRevision(pick(in, names))
        .collisionCount(collisions)
        .build();
  }

  private static ObservedPod randomPod(
      RandomnessSource in, StatefulSet set, int i, int ordinal, List<String> revisionLabels) {
    int form = between(in, 0, 99);
    String name =
        form < 85
            ? PodNames.podName(SET, ordinal)
            : form < 90
                ? SET + "-0" + ordinal // parses to the same ordinal: a duplicate (R-NAME-5)
                : form < 94 ? "bar-" + ordinal : form < 97 ? SET + "-x" + ordinal : SET;
    Map<String, String> labels = new TreeMap<>();
    if (!chance(in, 8)) {
      labels.put("foo", "bar");
    }
    int podNameLabel = between(in, 0, 99);
    if (podNameLabel < 80) {
      labels.put(ObservedPod.POD_NAME_LABEL, name);
    } else if (podNameLabel < 90) {
      labels.put(ObservedPod.POD_NAME_LABEL, SET + "-99");
    }
    if (chance(in, 70)) {
      labels.put(ObservedPod.POD_INDEX_LABEL, Integer.toString(ordinal));
    }
    String revision = pick(in, revisionLabels);
    if (!revision.isEmpty()) {
      labels.put(ObservedPod.REVISION_LABEL, revision);
    }
    int owner = between(in, 0, 99);
    List<OwnerReference> refs =
        owner < 75
            ? List.of(ours())
            : owner < 85
                ? List.of()
                : owner < 95
                    ? foreignController("ReplicaSet", "x", "rs-uid")
                    : foreignController(OwnerReference.STATEFUL_SET, SET, "old-uid");
    PodPhase phase =
        pick(
            in,
            java.util.Arrays.asList(
                PodPhase.RUNNING,
                PodPhase.RUNNING,
                PodPhase.RUNNING,
                PodPhase.PENDING,
                PodPhase.PENDING,
                null,
                PodPhase.FAILED,
                PodPhase.SUCCEEDED,
                PodPhase.UNKNOWN));
    boolean ready = phase == PodPhase.RUNNING ? !chance(in, 25) : chance(in, 10);
    Instant readySince = chance(in, 10) ? null : NOW.minusSeconds(between(in, -5, 120));
    Map<String, String> volumes = new LinkedHashMap<>();
    for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
      int v = between(in, 0, 99);
      if (v < 85) {
        volumes.put(t.name(), PodNames.claimName(t.name(), SET, ordinal));
      } else if (v >= 92) {
        volumes.put(t.name(), PodNames.claimName(t.name(), SET, 99));
      }
    }
    return ObservedPod.builder()
        .name(name)
        .namespace(chance(in, 5) ? "other" : NAMESPACE)
        .uid("pod-uid-" + i)
        .labels(labels)
        .ownerReferences(refs)
        .creationTimestamp(NOW.minusSeconds(3600))
        .deletionTimestamp(chance(in, 15) ? NOW.minusSeconds(5) : null)
        .phase(phase)
        .ready(ready)
        .readyTransitionTime(readySince)
        .claimVolumes(volumes)
        .hostname(name)
        .subdomain("governingsvc")
        .build();
  }

  private static ObservedClaim randomClaim(
      RandomnessSource in,
      StatefulSet set,
      VolumeClaimTemplate template,
      int ordinal,
      Map<String, ObservedPod> pods) {
    String podName = PodNames.podName(SET, ordinal);
    ObservedPod pod = pods.get(NAMESPACE + "/" + podName);
    String podUid = pod == null ? "pod-uid-gone" : pod.uid();
    OwnerReference setRef = ours();
    OwnerReference podRef = OwnerReference.controllerRef("v1", OwnerReference.POD, podName, podUid);
    int kind = between(in, 0, 99);
    List<OwnerReference> refs = new ArrayList<>();
    if (kind < 40) {
      // no owners
    } else if (kind < 55) {
      refs.add(setRef);
    } else if (kind < 60) {
      refs.add(
          new OwnerReference(
              OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, SET, SET_UID, false, false));
    } else if (kind < 65) {
      refs.add(
          OwnerReference.controllerRef(
              OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, SET, "old-uid"));
    } else if (kind < 80) {
      refs.add(podRef);
    } else if (kind < 85) {
      refs.add(OwnerReference.controllerRef("v1", OwnerReference.POD, podName, "pod-uid-old"));
    } else if (kind < 92) {
      refs.add(setRef);
      refs.add(podRef);
    } else {
      refs.addAll(foreignController("ReplicaSet", "x", "rs-uid"));
    }
    if (chance(in, 15)) {
      refs.add(new OwnerReference("v1", "ConfigMap", "cm", "cm-uid", false, false));
    }
    return ObservedClaim.builder()
        .name(PodNames.claimName(template.name(), SET, ordinal))
        .namespace(NAMESPACE)
        .uid("claim-uid-" + template.name() + "-" + ordinal)
        .labels(Map.of("foo", "bar"))
        .ownerReferences(refs)
        .deletionTimestamp(chance(in, 5) ? NOW.minusSeconds(10) : null)
        .build();
  }

  /**
   * A converged cluster: N pods Running, Ready and available at the update revision with the right
   * identity, storage and claim owners, the status written, the history within its limit, and
   * unrelated objects around (another set's pod, a namesake in another namespace).
   */
  static Gen<Observation> converged() {
    return in -> {
      StatefulSet base = randomSet(in, false);
      StatefulSetSpec spec = base.spec();
      int replicas = spec.effectiveReplicas();
      int start = spec.startOrdinal();
      int limit = spec.revisionHistoryLimit();
      List<ControllerRevision> revisions = new ArrayList<>();
      int older = between(in, 0, Math.min(limit, 2));
      int olderImage = 0;
      for (ControllerRevision r : BASE_REVISIONS) {
        if (revisions.size() < older && !r.template().equals(spec.template())) {
          revisions.add(
              r
                  .withRevision(revisions.size() + 1)
                  .withUid("rev-uid-old-" + olderImage++)
                  .withCreationTimestamp(NOW.minusSeconds(86_400)));
        }
      }
      ControllerRevision update =
          BASE_REVISIONS.get(TEMPLATES.indexOf(spec.template()))
              .withRevision(revisions.size() + 1)
              .withUid("rev-uid-update")
              .withCreationTimestamp(NOW.minusSeconds(3600));
      revisions.add(update);
      Integer collisions = chance(in, 50) ? 0 : null;
      StatefulSet set =
          base
              .withStatus(
                  StatefulSetStatus.builder()
                      .observedGeneration(base.generation())
                      .replicas(replicas)
                      .readyReplicas(replicas)
                      .currentReplicas(replicas)
                      .updatedReplicas(replicas)
                      .availableReplicas(replicas)
                      .currentRevision(update.name())
                      .updateRevision(update.name())
                      .collisionCount(collisions)
                      .build());
      ClaimRetentionPolicy policy = spec.effectiveRetentionPolicy();
      boolean setRef = policy.effectiveWhenDeleted() == RetentionPolicyType.DELETE;

      List<ObservedPod> pods = new ArrayList<>();
      List<ObservedClaim> claims = new ArrayList<>();
      for (int index = 0; index < replicas; index++) {
        int ordinal = start + index;
        String name = PodNames.podName(SET, ordinal);
        Map<String, String> labels = new TreeMap<>(spec.template().labels());
        labels.put(ObservedPod.POD_NAME_LABEL, name);
        if (!chance(in, 20)) {
          labels.put(ObservedPod.POD_INDEX_LABEL, Integer.toString(ordinal)); // R-ID-4
        }
        labels.put(ObservedPod.REVISION_LABEL, update.name());
        Map<String, String> volumes = new LinkedHashMap<>();
        for (VolumeClaimTemplate t : spec.volumeClaimTemplates()) {
          String claimName = PodNames.claimName(t.name(), SET, ordinal);
          volumes.put(t.name(), claimName);
          List<OwnerReference> refs = new ArrayList<>();
          if (setRef) {
            refs.add(ours());
          }
          if (chance(in, 20)) {
            refs.add(new OwnerReference("v1", "ConfigMap", "cm", "cm-uid", false, false));
          }
          claims.add(
              ObservedClaim.builder()
                  .name(claimName)
                  .namespace(NAMESPACE)
                  .uid("claim-uid-" + claimName)
                  .labels(Map.of("foo", "bar"))
                  .ownerReferences(refs)
                  .build());
        }
        pods.add(
            ObservedPod.builder()
                .name(name)
                .namespace(NAMESPACE)
                .uid("pod-uid-" + index)
                .labels(labels)
                .addOwnerReference(ours())
                .creationTimestamp(NOW.minusSeconds(7200))
                .phase(PodPhase.RUNNING)
                .ready(true)
                .readyTransitionTime(NOW.minusSeconds(spec.minReadySeconds() + between(in, 0, 100)))
                .claimVolumes(volumes)
                .hostname(name)
                .subdomain("governingsvc")
                .build());
      }
      for (int i = pods.size() - 1; i > 0; i--) {
        int j = between(in, 0, i);
        ObservedPod p = pods.get(i);
        pods.set(i, pods.get(j));
        pods.set(j, p);
      }
      if (chance(in, 30)) {
        pods.add(
            ObservedPod.builder()
                .name("bar-0")
                .namespace(NAMESPACE)
                .uid("bar-uid")
                .labels(Map.of("foo", "bar"))
                .ownerReferences(foreignController("ReplicaSet", "bar", "rs-uid"))
                .phase(PodPhase.PENDING)
                .build());
      }
      if (chance(in, 30)) {
        pods.add(
            ObservedPod.builder()
                .name(PodNames.podName(SET, start + replicas))
                .namespace("other")
                .uid("namesake-uid")
                .labels(Map.of("foo", "bar"))
                .addOwnerReference(ours())
                .phase(PodPhase.RUNNING)
                .build());
      }
      return Observation.builder()
          .set(set)
          .pods(pods)
          .claims(claims)
          .revisions(revisions)
          .now(NOW)
          .build();
    };
  }

  /**
   * A {@link #converged()} cluster a few steps off course: maybe a new template (every pod
   * outdated) or a set being deleted; pods missing, Pending, not Ready, Ready too recently,
   * terminating, Failed, at an older revision or stripped of claim owners; the top of the range
   * not created yet; extra healthy pods above the range to scale down.
   */
  static Gen<Observation> perturbed() {
    Gen<Observation> converged = converged();
    return in -> {
      Observation base = converged.generate(in);
      StatefulSet set = base.set();
      if (chance(in, 50)) {
        set = withTemplate(set, pick(in, TEMPLATES));
      }
      if (chance(in, 5)) {
        set = set.withDeletionTimestamp(NOW.minusSeconds(30));
      }
      String older = pick(in, BASE_REVISIONS).name();
      List<ObservedPod> pods = new ArrayList<>();
      int rate = pick(in, List.of(0, 10, 35));
      for (ObservedPod pod : base.pods()) {
        if (!chance(in, rate)) {
          pods.add(pod);
          continue;
        }
        ObservedPod p = pod;
        switch (between(in, 0, 7)) {
          case 0:
            continue; // gone
          case 1:
            pods.add(p.withPhase(PodPhase.PENDING).withReady(false));
            break;
          case 2:
            pods.add(p.withReady(false));
            break;
          case 3:
            pods.add(p.withReadyTransitionTime(NOW.minusSeconds(between(in, 0, 5))));
            break;
          case 4:
            pods.add(p.withDeletionTimestamp(NOW.minusSeconds(5)));
            break;
          case 5:
            pods.add(p.withPhase(pick(in, List.of(PodPhase.FAILED, PodPhase.SUCCEEDED))));
            break;
          case 6:
            Map<String, String> labels = new TreeMap<>(pod.labels());
            labels.put(ObservedPod.REVISION_LABEL, older);
            pods.add(p.withLabels(labels));
            break;
          default:
            pods.add(p.withClaimVolumes(Map.of()));
        }
      }
      int end = set.spec().startOrdinal() + set.spec().effectiveReplicas();
      if (chance(in, 30)) {
        // A scale-up under way: the top of the range is not there yet.
        int missingFrom = between(in, set.spec().startOrdinal(), end);
        pods.removeIf(p -> p.ordinal() >= missingFrom);
      }
      int extra = chance(in, 25) ? between(in, 1, 3) : 0;
      for (int i = 0; i < extra; i++) {
        String name = PodNames.podName(SET, end + i);
        Map<String, String> labels = new TreeMap<>(set.spec().template().labels());
        labels.put(ObservedPod.POD_NAME_LABEL, name);
        labels.put(ObservedPod.REVISION_LABEL, set.status().updateRevision());
        Map<String, String> volumes = new LinkedHashMap<>();
        for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
          volumes.put(t.name(), PodNames.claimName(t.name(), SET, end + i));
        }
        pods.add(
            ObservedPod.builder()
                .name(name)
                .namespace(NAMESPACE)
                .uid("extra-uid-" + i)
                .labels(labels)
                .addOwnerReference(ours())
                .phase(PodPhase.RUNNING)
                .ready(true)
                .readyTransitionTime(NOW.minusSeconds(3600))
                .claimVolumes(volumes)
                .build());
      }
      List<ObservedClaim> claims = new ArrayList<>();
      for (ObservedClaim claim : base.claims()) {
        if (chance(in, 10)) {
          claims.add(claim.withOwnerReferences(List.of()));
        } else if (!chance(in, 5)) {
          claims.add(claim);
        }
      }
      return base.withSet(set).withPods(pods).withClaims(claims);
    };
  }

  private static StatefulSet withTemplate(StatefulSet set, PodTemplate template) {
    return set
        .withSpec(StatefulSetSpec.builder().from(set.spec()).template(template).build());
  }

  private static OwnerReference ours() {
    return OwnerReference.controllerRef(
        OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, SET, SET_UID);
  }

  private static List<OwnerReference> foreignController(String kind, String name, String uid) {
    return List.of(OwnerReference.controllerRef(OwnerReference.APPS_V1, kind, name, uid));
  }

  // --------------------------------------------------------------------------------------------
  // Describing a case compactly, for the shrunk counterexample

  static String describe(Observation obs) {
    StatefulSet set = obs.set();
    StatefulSetSpec spec = set.spec();
    StringBuilder sb = new StringBuilder("\n  set: replicas=").append(spec.effectiveReplicas());
    sb.append(" start=").append(spec.ordinalsStart());
    sb.append(" policy=").append(spec.effectivePodManagementPolicy().wireName());
    sb.append(" strategy=").append(spec.updateStrategy());
    sb.append(" minReadySeconds=").append(spec.minReadySeconds());
    sb.append(" retention=").append(spec.effectiveRetentionPolicy());
    sb.append(" claimTemplates=").append(spec.volumeClaimTemplates().size());
    sb.append(" image=").append(spec.template().spec());
    sb.append(" historyLimit=").append(spec.revisionHistoryLimit());
    sb.append(" generation=").append(set.generation());
    sb.append(" deleting=").append(set.isBeingDeleted());
    sb.append("\n  status: ").append(set.status());
    for (ControllerRevision r : obs.revisions()) {
      sb.append("\n  revision ")
          .append(r.name())
          .append(" #")
          .append(r.revision())
          .append(" owner=")
          .append(r.controllerRef() == null ? "none" : r.controllerRef().uid());
    }
    for (ObservedPod p : obs.pods()) {
      sb.append("\n  pod ").append(describe(p));
    }
    for (ObservedClaim c : obs.claims()) {
      sb.append("\n  claim ")
          .append(c.namespace())
          .append('/')
          .append(c.name())
          .append(" owners=")
          .append(
              c.ownerReferences().stream()
                  .map(r -> r.kind() + ":" + r.name() + ":" + r.uid() + (r.controller() ? "*" : ""))
                  .toList());
      if (c.deletionTimestamp() != null) {
        sb.append(" deleting");
      }
    }
    return sb.toString();
  }

  static String describe(ObservedPod p) {
    OwnerReference c = p.controllerRef();
    return p.namespace()
        + "/"
        + p.name()
        + " uid="
        + p.uid()
        + " phase="
        + (p.phase() == null ? "none" : p.phase().wireName())
        + " ready="
        + p.ready()
        + " readySince="
        + (p.readyTransitionTime() == null
            ? "none"
            : java.time.Duration.between(p.readyTransitionTime(), NOW).getSeconds() + "s")
        + (p.deletionTimestamp() == null ? "" : " terminating")
        + " owner="
        + (c == null ? "none" : c.kind() + ":" + c.uid())
        + " labels="
        + p.labels()
        + " volumes="
        + p.claimVolumes();
  }
}
