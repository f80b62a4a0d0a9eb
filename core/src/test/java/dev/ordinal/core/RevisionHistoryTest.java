package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.burst;
import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.withImage;
import static dev.ordinal.core.UpdateTestSupport.converged;
import static dev.ordinal.core.UpdateTestSupport.deleted;
import static dev.ordinal.core.UpdateTestSupport.plan;
import static dev.ordinal.core.UpdateTestSupport.revisions;
import static dev.ordinal.core.UpdateTestSupport.withHistoryLimit;
import static dev.ordinal.core.UpdateTestSupport.withReplicas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.revision.RevisionHash;
import dev.ordinal.core.revision.Revisions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ControllerRevisions at the planner level: what a new revision holds (R-REV-3), which revision a
 * sync updates to (R-REV-4, R-UPDATE-8), name collisions (R-REV-5), which revisions count
 * (R-REV-6) and how history is cut (R-REV-7). The hash itself is tested in {@code
 * dev.ordinal.core.revision}.
 */
class RevisionHistoryTest {

  private static final OwnerReference SET_REF =
      OwnerReference.controllerRef(
          OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, "foo", "test");

  // --- R-REV-3: the revision object ---

  @Test
  @Tag("R-REV-3")
  void firstRevision_recordsTheTemplateWithHashLabelAnnotationsAndOwner() {
    StatefulSet set =
        newStatefulSet(3).withAnnotations(Map.of("note", "kept"));

    ReconcilePlan plan = plan(new FakeCluster(set));

    ControllerRevision r = plan.actionsOf(Action.CreateRevision.class).get(0).revision();
    String data = set.spec().template().revisionData();
    String hash = RevisionHash.hash(data, 0);
    assertThat(r.name()).isEqualTo(RevisionHash.revisionName("foo", hash));
    assertThat(r.revision()).isEqualTo(1);
    assertThat(r.data()).isEqualTo(data);
    assertThat(r.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("foo", "bar", ControllerRevision.HASH_LABEL, hash));
    assertThat(r.annotations()).containsExactlyEntriesOf(Map.of("note", "kept"));
    assertThat(r.ownerReferences()).containsExactly(SET_REF);
    assertThat(r.namespace()).isEqualTo("default");
  }

  @Test
  @Tag("R-REV-3")
  void nextRevision_isTheHighestPlusOne() {
    StatefulSet set = newStatefulSet(3);
    FakeCluster c = new FakeCluster(set);
    c.putRevision(revision(withImage(set, "a"), 1));
    c.putRevision(revision(withImage(set, "b"), 7));

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class))
        .singleElement()
        .satisfies(a -> assertThat(a.revision().revision()).isEqualTo(8));
  }

  // --- R-REV-4: reuse, roll back, or create (TestStatefulSetControl_getSetRevisions) ---

  @Test
  @Tag("R-REV-4")
  void firstSync_createsTheInitialRevision() {
    ReconcilePlan plan = plan(new FakeCluster(newStatefulSet(3)));

    assertThat(plan.actionsOf(Action.CreateRevision.class)).hasSize(1);
    assertThat(plan.status().currentRevision()).isEqualTo(plan.status().updateRevision());
  }

  @Test
  @Tag("R-REV-4")
  void templateUpdate_createsARevision() {
    StatefulSet set0 = newStatefulSet(3);
    ControllerRevision rev0 = revision(set0, 1);
    FakeCluster c = new FakeCluster(withCurrent(withImage(set0, "foo"), rev0));
    c.putRevision(rev0);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class))
        .singleElement()
        .satisfies(a -> assertThat(a.revision().revision()).isEqualTo(2));
    assertThat(plan.status().currentRevision()).isEqualTo(rev0.name());
  }

  @Test
  @Tag("R-REV-4")
  void unchangedTemplate_doesNotRecreateItsRevision() {
    StatefulSet set0 = newStatefulSet(3);
    StatefulSet set1 = withImage(set0, "foo");
    ControllerRevision rev0 = revision(set0, 1);
    ControllerRevision rev1 = revision(set1, 2);
    FakeCluster c = new FakeCluster(withCurrent(set1, rev0));
    c.putRevision(rev0);
    c.putRevision(rev1);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class)).isEmpty();
    assertThat(plan.actionsOf(Action.RenumberRevision.class)).isEmpty();
    assertThat(plan.status().updateRevision()).isEqualTo(rev1.name());
    assertThat(plan.status().currentRevision()).isEqualTo(rev0.name());
  }

  @Test
  @Tag("R-REV-4")
  void rollback_renumbersTheEqualRevision() {
    StatefulSet set0 = newStatefulSet(3);
    StatefulSet set1 = withImage(set0, "foo");
    ControllerRevision rev0 = revision(set0, 1);
    ControllerRevision rev1 = revision(set1, 2);
    ControllerRevision rev2 = revision(withImage(set0, "bar"), 3);
    FakeCluster c = new FakeCluster(withCurrent(set1, rev0));
    c.putRevision(rev0);
    c.putRevision(rev1);
    c.putRevision(rev2);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class)).isEmpty();
    assertThat(plan.actionsOf(Action.RenumberRevision.class))
        .containsExactly(new Action.RenumberRevision(rev1.name(), rev1.uid(), 4));
    assertThat(plan.status().updateRevision()).isEqualTo(rev1.name());
    assertThat(plan.status().currentRevision()).isEqualTo(rev0.name());
  }

  /** TestStatefulSetControlRollback: roll forward, then back to the first revision's template. */
  @ParameterizedTest(name = "burst={0}, replicas {1} -> {2}")
  @CsvSource({
    "false, 3, 3", "false, 3, 5", "false, 5, 3", "true, 3, 3", "true, 3, 5", "true, 5, 3"
  })
  @Tag("R-UPDATE-8")
  void rollback_rollsPodsBackToTheRenumberedFirstRevision(
      boolean parallel, int initial, int updated) {
    StatefulSet set = newStatefulSet(initial);
    FakeCluster c = converged(parallel ? burst(set) : set);
    ControllerRevision first = c.revisions().get(c.set().status().currentRevision());
    c.update(withImage(withReplicas(c.set(), updated), "foo"));
    c.converge(200);
    assertThat(revisions(c)).doesNotContain(first.name());

    PodTemplate original = first.template();
    c.update(Fixtures.withSpec(c.set(), b -> b.template(original)));
    c.converge(200);

    StatefulSetStatus status = c.set().status();
    assertThat(status.updateRevision()).isEqualTo(first.name());
    assertThat(status.currentRevision()).isEqualTo(first.name());
    assertThat(revisions(c)).hasSize(updated).containsOnly(first.name());
    assertThat(c.revisions()).hasSize(2);
    assertThat(c.revisions().get(first.name()).revision()).isEqualTo(3);
    assertThat(c.plans())
        .flatExtracting(p -> p.actionsOf(Action.CreateRevision.class))
        .hasSize(2);
  }

  @Test
  @Tag("R-REV-4")
  void semanticComparison_reusesA133RevisionWithNullCreationTimestamp() {
    FakeCluster c = onA133Revision();

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class)).isEmpty();
    assertThat(plan.status().updateRevision()).isEqualTo(c.set().status().updateRevision());
    assertThat(deleted(plan)).isEmpty();
  }

  @Test
  @Tag("R-REV-4")
  void withoutSemanticComparisonThe134Encoding_rollsEveryPod() {
    FakeCluster c = onA133Revision();
    ReconcilerOptions off = ReconcilerOptions.V1_35.withSemanticRevisionComparison(false);

    ReconcilePlan plan = plan(c, off);

    assertThat(plan.actionsOf(Action.CreateRevision.class)).hasSize(1);
    assertThat(plan.status().updateRevision()).isNotEqualTo(c.set().status().updateRevision());
    assertThat(deleted(plan)).containsExactly("foo-2");
  }

  // --- R-REV-5: name collisions ---

  @Test
  @Tag("R-REV-5")
  void aSameNamedRevisionWithOtherData_bumpsTheCollisionCount() {
    StatefulSet set = newStatefulSet(3);
    String data = set.spec().template().revisionData();
    String firstHash = RevisionHash.hash(data, 0);
    String firstName = RevisionHash.revisionName("foo", firstHash);
    ControllerRevision squatter =
        revision(withImage(set, "other"), 1)
            .withName(firstName)
            .withLabels(Map.of("foo", "bar", ControllerRevision.HASH_LABEL, "squatter"));
    FakeCluster c = new FakeCluster(set);
    c.putRevision(squatter);

    ReconcilePlan plan = plan(c);

    ControllerRevision created = plan.actionsOf(Action.CreateRevision.class).get(0).revision();
    String secondHash = RevisionHash.hash(data, 1);
    assertThat(created.name()).isEqualTo(RevisionHash.revisionName("foo", secondHash));
    // The hash label keeps the hash of the first attempt, as upstream's CreateControllerRevision.
    assertThat(created.labels()).containsEntry(ControllerRevision.HASH_LABEL, firstHash);
    assertThat(created.revision()).isEqualTo(2);
    assertThat(plan.status().collisionCount()).isEqualTo(1);
    assertThat(plan.status().updateRevision()).isEqualTo(created.name());
  }

  @Test
  @Tag("R-REV-5")
  void publishedCollisionCount_findsTheRevisionAgain() {
    StatefulSet set = newStatefulSet(3);
    ControllerRevision squatter =
        revision(withImage(set, "other"), 1)
            .withName(revision(set, 1).name());
    FakeCluster c = new FakeCluster(set);
    c.putRevision(squatter);
    String name = c.sync().status().updateRevision();

    ReconcilePlan next = plan(c);

    assertThat(next.actionsOf(Action.CreateRevision.class)).isEmpty();
    assertThat(next.status().updateRevision()).isEqualTo(name);
    assertThat(next.status().collisionCount()).isEqualTo(1);
  }

  @Test
  @Tag("R-REV-5")
  void aSameNamedRevisionWithTheSameData_isUsedEvenIfNotInTheHistory() {
    StatefulSet set = newStatefulSet(3);
    ControllerRevision foreign =
        revision(set, 1)
            .withOwnerReferences(
                OwnerReference.controllerRef(
                    OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, "other", "other-uid"));
    FakeCluster c = new FakeCluster(set);
    c.putRevision(foreign);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class)).isEmpty();
    assertThat(plan.status().updateRevision()).isEqualTo(foreign.name());
    assertThat(plan.status().collisionCount()).isZero();
  }

  // --- R-REV-6: which revisions are the set's history ---

  @Test
  @Tag("R-REV-6")
  void revisionsOwnedByAnotherController_areNotHistory() {
    StatefulSet set = newStatefulSet(3);
    ControllerRevision foreign =
        revision(set, 7)
            .withName("other-equal")
            .withOwnerReferences(
                OwnerReference.controllerRef(
                    OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, "other", "other-uid"));
    FakeCluster c = new FakeCluster(set);
    c.putRevision(foreign);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class))
        .singleElement()
        .satisfies(a -> assertThat(a.revision().revision()).isEqualTo(1));
    assertThat(plan.actionsOf(Action.AdoptRevision.class)).isEmpty();
    assertThat(plan.actionsOf(Action.DeleteRevision.class)).isEmpty();
  }

  @Test
  @Tag("R-REV-6")
  void revisionsOutsideTheSelectorOrNamespace_areNotHistory() {
    StatefulSet set = withHistoryLimit(newStatefulSet(3), 0);
    ControllerRevision unselected =
        revision(set, 5)
            .withName("foo-unselected")
            .withLabels(Map.of("foo", "baz"))
            .withOwnerReferences(SET_REF);
    ControllerRevision elsewhere =
        revision(set, 6)
            .withName("foo-elsewhere")
            .withNamespace("other");
    FakeCluster c = new FakeCluster(set);
    c.putRevision(unselected);
    c.putRevision(elsewhere);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actionsOf(Action.CreateRevision.class))
        .singleElement()
        .satisfies(a -> assertThat(a.revision().revision()).isEqualTo(1));
    // Not history, so not truncated either, although the limit is 0.
    assertThat(plan.actionsOf(Action.DeleteRevision.class)).isEmpty();
  }

  @Test
  @Tag("R-REV-6")
  void matchingOrphanRevision_isAdoptedAndReused() {
    StatefulSet set = newStatefulSet(3);
    ControllerRevision orphan =
        revision(set, 1)
            .withName("foo-orphan")
            .withOwnerReferences(List.of());
    FakeCluster c = new FakeCluster(set);
    c.putRevision(orphan);

    ReconcilePlan plan = plan(c);

    assertThat(plan.actions().get(0))
        .isEqualTo(new Action.AdoptRevision("foo-orphan", orphan.uid()));
    assertThat(plan.actionsOf(Action.CreateRevision.class)).isEmpty();
    assertThat(plan.status().updateRevision()).isEqualTo("foo-orphan");
  }

  // --- R-REV-7: history limit ---

  @ParameterizedTest(name = "limit {0} deletes {1}")
  @CsvSource({"-1, ''", "0, 'v2 v4'", "1, v2", "2, ''", "10, ''"})
  @Tag("R-REV-7")
  void truncation_keepsLiveRevisionsAndDeletesTheOldestOthers(int limit, String expected) {
    FakeCluster c = withFiveRevisions(limit);

    ReconcilePlan plan = plan(c);

    List<String> deletedRevisions =
        plan.actionsOf(Action.DeleteRevision.class).stream()
            .map(Action.DeleteRevision::name)
            .toList();
    List<String> expectedNames =
        expected.isBlank()
            ? List.of()
            : List.of(expected.split(" ")).stream().map(v -> name(c, v)).toList();
    assertThat(deletedRevisions).containsExactlyElementsOf(expectedNames);
  }

  @Test
  @Tag("R-REV-7")
  void history_isTruncatedAfterTheStatusWrite() {
    FakeCluster c = withFiveRevisions(0);

    List<Action> actions = plan(c).actions();

    int status = indexOf(actions, Action.WriteStatus.class);
    int firstDelete = indexOf(actions, Action.DeleteRevision.class);
    assertThat(status).isNotNegative();
    assertThat(firstDelete).isEqualTo(status + 1);
    assertThat(actions.subList(firstDelete, actions.size()))
        .allMatch(a -> a instanceof Action.DeleteRevision);
  }

  /** TestStatefulSetControlLimitsHistory: ten image updates, each rolled out. */
  @ParameterizedTest(name = "burst={0}, limit {1}")
  @CsvSource({"false, 2", "true, 2", "false, 0", "false, 5", "false, -2"})
  @Tag("R-REV-7")
  void history_staysWithinTheLimitPlusTheLiveRevisions(boolean parallel, int limit) {
    StatefulSet set = withHistoryLimit(newStatefulSet(3), limit);
    FakeCluster c = converged(parallel ? burst(set) : set);
    for (int i = 0; i < 10; i++) {
      c.update(withImage(c.set(), "foo-" + i));
      c.converge(200);
      c.sync();

      if (limit < 0) {
        assertThat(c.revisions()).hasSize(i + 2);
      } else {
        assertThat(c.revisions().size()).isLessThanOrEqualTo(limit + 2);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Returns the revision upstream's newRevision builds for the set, with a uid. */
  private static ControllerRevision revision(StatefulSet set, long number) {
    ControllerRevision r = Revisions.newRevision(set, number, 0);
    return r.withUid("uid-" + r.name());
  }

  private static StatefulSet withCurrent(StatefulSet set, ControllerRevision current) {
    StatefulSetStatus s = set.status();
    return set
        .withStatus(
            StatefulSetStatus.builder()
                .observedGeneration(s.observedGeneration())
                .replicas(s.replicas())
                .readyReplicas(s.readyReplicas())
                .currentReplicas(s.currentReplicas())
                .updatedReplicas(s.updatedReplicas())
                .availableReplicas(s.availableReplicas())
                .currentRevision(current.name())
                .updateRevision(current.name())
                .collisionCount(0)
                .build());
  }

  /**
   * Revisions v1..v5 (numbers 1..5), the set at v5, status.currentRevision v3, and pods at v1, v3
   * and v5: live are v1, v3 and v5.
   */
  private static FakeCluster withFiveRevisions(int limit) {
    StatefulSet base = withHistoryLimit(newStatefulSet(3), limit);
    FakeCluster c = converged(base);
    c.revisions().clear();
    for (int v = 1; v <= 5; v++) {
      c.putRevision(revision(withImage(base, "v" + v), v));
    }
    String[] podRevisions = {name(c, "v1"), name(c, "v3"), name(c, "v5")};
    for (int i = 0; i < 3; i++) {
      ObservedPod pod = c.pod("foo-" + i);
      Map<String, String> labels = new HashMap<>(pod.labels());
      labels.put(ObservedPod.REVISION_LABEL, podRevisions[i]);
      c.put(pod.withLabels(labels));
    }
    ControllerRevision v3 = c.revisions().get(name(c, "v3"));
    c.apply(new Action.WriteStatus(withCurrent(c.set(), v3).status()));
    c.update(withImage(c.set(), "v5"));
    return c;
  }

  private static String name(FakeCluster c, String image) {
    return RevisionHash.revisionName(
        "foo", RevisionHash.hash(withImage(c.set(), image).spec().template().revisionData(), 0));
  }

  private static int indexOf(List<Action> actions, Class<? extends Action> kind) {
    for (int i = 0; i < actions.size(); i++) {
      if (kind.isInstance(actions.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A cluster whose pods and newest revision were recorded by Kubernetes 1.33, with {@code
   * creationTimestamp: null} in the template, and whose set now carries the same template as 1.34
   * encodes it.
   */
  private static FakeCluster onA133Revision() {
    StatefulSet set = newStatefulSet(3);
    Map<String, Object> content = new LinkedHashMap<>(set.spec().template().content());
    Map<String, Object> metadata = new LinkedHashMap<>(set.spec().template().metadata());
    metadata.put("creationTimestamp", null);
    content.put("metadata", metadata);
    PodTemplate template133 = PodTemplate.of(content);
    FakeCluster c = converged(Fixtures.withSpec(set, b -> b.template(template133)));
    assertThat(c.revisions().values())
        .singleElement()
        .satisfies(r -> assertThat(r.data()).contains("\"creationTimestamp\":null"));
    c.update(Fixtures.withSpec(c.set(), b -> b.template(set.spec().template())));
    return c;
  }
}
