package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which pods and revisions a set claims (R-ADOPT-1..6), after upstream's {@code
 * getPodsForStatefulSet}, {@code ControllerRefManager.ClaimObject} and {@code adoptOrphanRevisions}
 * and their tests in {@code stateful_set_test.go} ({@code TestGetPodsForStatefulSetAdopt}, {@code
 * TestGetPodsForStatefulSetRelease}, {@code TestAdoptOrphanRevisions}).
 */
class AdoptionTest {

  private static final Instant DELETED_AT = Instant.parse("2025-12-31T23:00:00Z");
  private static final OwnerReference FOREIGN =
      OwnerReference.controllerRef("apps/v1", "ReplicaSet", "other", "other-uid");

  private static FakeCluster converged(int replicas) {
    FakeCluster c = new FakeCluster(newStatefulSet(replicas));
    c.converge(100);
    return c;
  }

  private static OwnerReference controllerRefTo(StatefulSet set) {
    return OwnerReference.controllerRef("apps/v1", "StatefulSet", set.name(), set.uid());
  }

  private static ObservedPod orphan(ObservedPod pod) {
    return pod.withOwnerReferences();
  }

  /** A copy of a pod under another name and uid, labels included. */
  private static ObservedPod renamed(ObservedPod pod, String name, String uid) {
    Map<String, String> labels = new HashMap<>(pod.labels());
    labels.put(ObservedPod.POD_NAME_LABEL, name);
    return pod.withName(name).withUid(uid).withLabels(labels);
  }

  private static Map<String, String> withoutSelectorLabel(ObservedPod pod) {
    Map<String, String> labels = new HashMap<>(pod.labels());
    labels.remove("foo");
    return labels;
  }

  private static ReconcilePlan planWhileDeleted(FakeCluster c) {
    StatefulSet deleted = c.set().withDeletionTimestamp(DELETED_AT);
    return new StatefulSetReconciler()
        .plan(Observation.builder().from(c.observe()).set(deleted).build());
  }

  private static List<Action> actionsOn(ReconcilePlan plan, String target) {
    return plan.actions().stream().filter(a -> a.target().equals(target)).toList();
  }

  private static int indexOf(ReconcilePlan plan, Class<? extends Action> kind) {
    for (int i = 0; i < plan.actions().size(); i++) {
      if (kind.isInstance(plan.actions().get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " in " + plan);
  }

  // --- pods -------------------------------------------------------------------------------

  @Test
  @Tag("R-ADOPT-4")
  void orphanWithMatchingLabelsAndName_isAdopted() {
    FakeCluster c = converged(3);
    ObservedPod pod = c.pod("foo-1");
    c.put(orphan(pod));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actions())
        .containsExactly(new Action.AdoptPod("foo-1", pod.uid(), controllerRefTo(c.set())));
    assertThat(plan.status().replicas()).isEqualTo(3);
    assertThat(c.pod("foo-1").ownerReferences()).containsExactly(controllerRefTo(c.set()));
    assertThat(c.sync().actions()).isEmpty();
  }

  @Test
  @Tag("R-ADOPT-4")
  void adoption_comesBeforeRevisionWrites() {
    FakeCluster c = converged(3);
    c.put(orphan(c.pod("foo-1")));
    c.update(withImage(c.set(), "nginx:2"));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actions().get(0)).isInstanceOf(Action.AdoptPod.class);
    assertThat(indexOf(plan, Action.AdoptPod.class))
        .isLessThan(indexOf(plan, Action.CreateRevision.class));
  }

  @Test
  @Tag("R-ADOPT-2")
  void orphanWithWrongLabels_isIgnored() {
    FakeCluster c = converged(3);
    ObservedPod pod = c.pod("foo-1");
    c.put(orphan(pod.withLabels(withoutSelectorLabel(pod))));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.AdoptPod.class)).isEmpty();
    assertThat(plan.actionsOf(Action.ReleasePod.class)).isEmpty();
    // The set no longer counts it; its slot is empty to the planner.
    assertThat(plan.status().replicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-ADOPT-2")
  void orphanWithWrongName_isIgnored() {
    FakeCluster c = converged(3);
    c.put(orphan(renamed(c.pod("foo-2"), "xfoo-2", "uid-x")));

    ReconcilePlan plan = c.sync();

    assertThat(actionsOn(plan, "xfoo-2")).isEmpty();
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(3);
  }

  @Test
  @Tag("R-ADOPT-3")
  void ownedButUnselected_isReleased() {
    FakeCluster c = converged(2);
    ObservedPod template = c.pod("foo-1");
    // Owned, wrong name.
    ObservedPod wrongName = renamed(template, "xfoo-2", "uid-x2");
    // Owned, wrong labels.
    ObservedPod three = renamed(template, "foo-3", "uid-3");
    ObservedPod wrongLabels = three.withLabels(withoutSelectorLabel(three));
    // An orphan that does not match: left alone.
    ObservedPod four = renamed(template, "foo-4", "uid-4");
    ObservedPod unmatchedOrphan = orphan(four.withLabels(withoutSelectorLabel(four)));
    c.put(wrongName);
    c.put(wrongLabels);
    c.put(unmatchedOrphan);

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.ReleasePod.class))
        .containsExactlyInAnyOrder(
            new Action.ReleasePod("xfoo-2", "uid-x2"), new Action.ReleasePod("foo-3", "uid-3"));
    assertThat(actionsOn(plan, "foo-4")).isEmpty();
    // Released pods are not the set's: foo-3 is not condemned and deleted.
    assertThat(plan.actionsOf(Action.DeletePod.class)).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-ADOPT-3")
  void setBeingDeleted_releasesNoPod() {
    FakeCluster c = converged(2);
    ObservedPod pod = c.pod("foo-1");
    c.put(pod.withLabels(withoutSelectorLabel(pod)));

    ReconcilePlan plan = planWhileDeleted(c);

    assertThat(plan.actionsOf(Action.ReleasePod.class)).isEmpty();
    assertThat(plan.actions()).allMatch(a -> a instanceof Action.WriteStatus);
    assertThat(plan.stopReason())
        .hasValueSatisfying(s -> assertThat(s.rule()).isEqualTo("R-SYNC-3"));
  }

  @Test
  @Tag("R-ADOPT-4")
  void setBeingDeleted_adoptsNoOrphan() {
    FakeCluster c = converged(3);
    c.put(orphan(c.pod("foo-1")));

    ReconcilePlan plan = planWhileDeleted(c);

    assertThat(plan.actionsOf(Action.AdoptPod.class)).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-ADOPT-4")
  void terminatingOrphan_isNotAdopted() {
    FakeCluster c = converged(3);
    c.put(orphan(c.pod("foo-1").withDeletionTimestamp(DELETED_AT)));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.AdoptPod.class)).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(2);
  }

  @Test
  @Tag("R-ADOPT-4")
  void orphanInAnotherNamespace_isNotAdopted() {
    FakeCluster c = converged(1);
    ObservedPod elsewhere =
        orphan(
            renamed(c.pod("foo-0"), "foo-1", "uid-ns")
                .withNamespace("other"));
    c.put(elsewhere);
    c.update(Fixtures.withSpec(c.set(), b -> b.replicas(2)));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.AdoptPod.class)).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(1);
  }

  @Test
  @Tag("R-ADOPT-3")
  void podControlledByAnotherOwner_isIgnoredWithAnAnomaly() {
    FakeCluster c = converged(3);
    c.put(c.pod("foo-1").withOwnerReferences(FOREIGN));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.AdoptPod.class)).isEmpty();
    assertThat(plan.actionsOf(Action.ReleasePod.class)).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(2);
    assertThat(plan.anomalies())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subject()).isEqualTo("foo-1");
              assertThat(a.rule()).isEqualTo("R-ADOPT-3");
            });
  }

  @Test
  @Tag("R-ADOPT-6")
  void controllerRef_decidesBetweenOverlappingSets() {
    FakeCluster c = converged(2);
    // foo2 selects foo=bar too.
    StatefulSet foo2 =
        newStatefulSet(1).withName("foo2").withUid("test2");
    ObservedPod foo20 = orphan(renamed(c.pod("foo-0"), "foo2-0", "uid-foo2-0"));
    List<ObservedPod> pods = new ArrayList<>(c.pods());
    pods.add(foo20);
    Observation seenByFoo2 = Observation.builder().set(foo2).pods(pods).now(c.now()).build();

    ReconcilePlan plan = new StatefulSetReconciler().plan(seenByFoo2);

    // foo's pods are controlled by foo; foo2 adopts only its own member.
    assertThat(plan.actionsOf(Action.AdoptPod.class))
        .containsExactly(new Action.AdoptPod("foo2-0", "uid-foo2-0", controllerRefTo(foo2)));
    assertThat(actionsOn(plan, "foo-0")).isEmpty();
    assertThat(actionsOn(plan, "foo-1")).isEmpty();
    assertThat(plan.anomalies()).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(1);

    // And foo leaves foo2's orphan alone: its name does not make it a member of foo.
    c.put(foo20);
    assertThat(actionsOn(c.sync(), "foo2-0")).isEmpty();
  }

  // --- revisions --------------------------------------------------------------------------

  private static ControllerRevision onlyRevision(FakeCluster c) {
    assertThat(c.revisions()).hasSize(1);
    return c.revisions().values().iterator().next();
  }

  @Test
  @Tag("R-ADOPT-5")
  void orphanRevisions_areAdoptedFirst() {
    FakeCluster c = converged(3);
    ControllerRevision revision = onlyRevision(c);
    c.putRevision(revision.withOwnerReferences());
    c.put(orphan(c.pod("foo-2")));
    c.update(withImage(c.set(), "nginx:2"));

    ReconcilePlan plan = c.sync();

    assertThat(plan.actions().get(0))
        .isEqualTo(new Action.AdoptRevision(revision.name(), revision.uid()));
    assertThat(plan.actions().get(1)).isInstanceOf(Action.AdoptPod.class);
    assertThat(indexOf(plan, Action.AdoptPod.class))
        .isLessThan(indexOf(plan, Action.CreateRevision.class));
  }

  @Test
  @Tag("R-ADOPT-5")
  void onlyOrphanRevisionsOfTheSelector_areAdopted() {
    FakeCluster c = converged(2);
    ControllerRevision revision = onlyRevision(c);
    ControllerRevision othersRevision =
        revision
            .withName("bar-12345")
            .withUid("rev-bar")
            .withOwnerReferences(
                OwnerReference.controllerRef("apps/v1", "StatefulSet", "bar", "bar-uid"));
    ControllerRevision unselected =
        revision
            .withName("baz-12345")
            .withUid("rev-baz")
            .withLabels(Map.of("app", "baz"))
            .withOwnerReferences();
    c.putRevision(othersRevision);
    c.putRevision(unselected);

    ReconcilePlan plan = c.sync();

    assertThat(plan.actionsOf(Action.AdoptRevision.class)).isEmpty();
    assertThat(actionsOn(plan, "bar-12345")).isEmpty();
    assertThat(actionsOn(plan, "baz-12345")).isEmpty();
  }

  @Test
  @Tag("R-ADOPT-5")
  void setBeingDeletedWithOrphanRevisions_stopsWithNoActions() {
    FakeCluster c = converged(2);
    ControllerRevision revision = onlyRevision(c);
    c.putRevision(revision.withOwnerReferences());
    c.put(orphan(c.pod("foo-1")));

    ReconcilePlan plan = planWhileDeleted(c);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status()).isEqualTo(c.set().status());
    assertThat(plan.requeueAfter()).isNull();
    assertThat(plan.stopReason())
        .hasValueSatisfying(s -> assertThat(s.rule()).isEqualTo("R-ADOPT-5"));
    // canAdopt's recheck fails, in upstream's words (a metav1.Time printed with %v).
    assertThat(plan.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.rule()).isEqualTo("R-ADOPT-5");
              assertThat(e.object()).isEqualTo("foo");
              assertThat(e.message())
                  .isEqualTo(
                      "can't adopt ControllerRevisions: default/foo has just been deleted at"
                          + " 2025-12-31 23:00:00 +0000 UTC");
            });
  }

  @Test
  @Tag("R-ADOPT-1")
  void ownedPodsAndOrphans_areTheCandidates() {
    FakeCluster c = converged(3);
    ObservedPod owned = c.pod("foo-0");
    ObservedPod orphaned = orphan(c.pod("foo-1"));
    ObservedPod foreign = c.pod("foo-2").withOwnerReferences(FOREIGN);
    c.put(orphaned);
    c.put(foreign);

    ReconcilePlan plan = c.sync();

    assertThat(actionsOn(plan, owned.name())).isEmpty();
    assertThat(plan.actionsOf(Action.AdoptPod.class))
        .extracting(Action.AdoptPod::name)
        .containsExactly("foo-1");
    // foo-0 and the adopted foo-1 are counted; foo-2 belongs to someone else.
    assertThat(plan.status().replicas()).isEqualTo(2);
  }
}
