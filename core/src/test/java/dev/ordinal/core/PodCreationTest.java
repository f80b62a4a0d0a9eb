package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.ReconcilePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the controller puts on the pods it creates (R-LABEL-1..6, R-ID-1, R-PVC-5) and how it
 * repairs an existing pod's identity and storage in place (R-ID-2..4).
 */
class PodCreationTest {

  private static final String POD_NAME = ObservedPod.POD_NAME_LABEL;
  private static final String POD_INDEX = ObservedPod.POD_INDEX_LABEL;
  private static final String REVISION = ObservedPod.REVISION_LABEL;

  /** A template with everything GetPodFromTemplate copies, and a volume a claim shadows. */
  private static final PodTemplate RICH_TEMPLATE =
      PodTemplate.of(
          Map.of(
              "metadata",
              Map.of(
                  "labels", Map.of("foo", "bar", "tier", "db"),
                  "annotations", Map.of("example.com/note", "kept"),
                  "finalizers", List.of("example.com/guard")),
              "spec",
              Map.of(
                  "containers",
                  List.of(Map.of("name", "nginx", "image", "nginx")),
                  "volumes",
                  List.of(
                      Map.of("name", "datadir", "emptyDir", Map.of()),
                      Map.of("name", "home", "hostPath", Map.of("path", "/tmp/home"))))));

  private static DesiredPod firstCreatedPod(StatefulSet set) {
    return firstCreatedPod(new StatefulSetReconciler(), set);
  }

  private static DesiredPod firstCreatedPod(StatefulSetReconciler reconciler, StatefulSet set) {
    ReconcilePlan plan = new FakeCluster(set, reconciler).plan();
    List<Action.CreatePod> creates = plan.actionsOf(Action.CreatePod.class);
    assertThat(creates).hasSize(1);
    return creates.get(0).pod();
  }

  // --- R-LABEL-1: base metadata and spec from the template ---

  @Test
  @Tag("R-LABEL-1")
  void createdPod_copiesTemplateMetadataAndSetsGenerateName() {
    StatefulSet set = Fixtures.withSpec(newStatefulSet(1), b -> b.template(RICH_TEMPLATE));

    DesiredPod pod = firstCreatedPod(set);

    assertThat(pod.name()).isEqualTo("foo-0");
    assertThat(pod.generateName()).isEqualTo("foo-");
    assertThat(pod.labels()).contains(entry("foo", "bar"), entry("tier", "db"));
    assertThat(pod.annotations()).containsExactly(entry("example.com/note", "kept"));
    assertThat(pod.finalizers()).containsExactly("example.com/guard");
    assertThat(pod.spec().get("containers")).isEqualTo(RICH_TEMPLATE.spec().get("containers"));
  }

  // --- R-LABEL-2: the controller reference ---

  @Test
  @Tag("R-LABEL-2")
  void ownerReference_isAControllerRefToTheSet() {
    DesiredPod pod = firstCreatedPod(newStatefulSet(1));

    assertThat(pod.ownerReferences())
        .containsExactly(new OwnerReference("apps/v1", "StatefulSet", "foo", "test", true, true));
  }

  // --- R-LABEL-3/4: identity labels ---

  @Test
  @Tag("R-LABEL-3")
  void podNameLabel_isThePodName() {
    assertThat(firstCreatedPod(newStatefulSet(1)).labels()).containsEntry(POD_NAME, "foo-0");
  }

  @Test
  @Tag("R-LABEL-4")
  void podIndexLabel_isTheAbsoluteOrdinal() {
    DesiredPod pod = firstCreatedPod(Fixtures.withOrdinalsStart(newStatefulSet(1), 5));

    assertThat(pod.name()).isEqualTo("foo-5");
    assertThat(pod.labels()).containsEntry(POD_INDEX, "5").containsEntry(POD_NAME, "foo-5");
  }

  @Test
  @Tag("R-LABEL-4")
  void podIndexLabel_isLeftOutWithoutTheFeatureGate() {
    StatefulSetReconciler withoutGate =
        new StatefulSetReconciler(ReconcilerOptions.defaults().withPodIndexLabel(false));

    DesiredPod pod = firstCreatedPod(withoutGate, newStatefulSet(1));

    assertThat(pod.labels()).doesNotContainKey(POD_INDEX).containsEntry(POD_NAME, "foo-0");
  }

  // --- R-LABEL-5: controller-revision-hash is the revision's name ---

  @Test
  @Tag("R-LABEL-5")
  void revisionLabel_isTheRevisionNameNotTheHash() {
    ReconcilePlan plan = new FakeCluster(newStatefulSet(1)).plan();
    ControllerRevision revision = plan.actionsOf(Action.CreateRevision.class).get(0).revision();
    DesiredPod pod = plan.actionsOf(Action.CreatePod.class).get(0).pod();

    String hash = revision.labels().get(ControllerRevision.HASH_LABEL);
    assertThat(revision.name()).isEqualTo("foo-" + hash);
    assertThat(pod.labels()).containsEntry(REVISION, revision.name());
    assertThat(pod.revision()).isEqualTo(revision.name());
    assertThat(plan.status().updateRevision()).isEqualTo(revision.name());
  }

  @Test
  @Tag("R-LABEL-5")
  void theWholeLabelSet_isTemplatePlusThreeControllerLabels() {
    ReconcilePlan plan = new FakeCluster(newStatefulSet(1)).plan();
    DesiredPod pod = plan.actionsOf(Action.CreatePod.class).get(0).pod();

    assertThat(pod.labels())
        .containsOnly(
            entry("foo", "bar"),
            entry(POD_NAME, "foo-0"),
            entry(POD_INDEX, "0"),
            entry(REVISION, plan.status().updateRevision()));
  }

  // --- R-LABEL-6: namespace ---

  @Test
  @Tag("R-LABEL-6")
  void podAndClaims_liveInTheSetsNamespace() {
    StatefulSet set = newStatefulSet(1).withNamespace("ns1");

    ReconcilePlan plan = new FakeCluster(set).plan();

    assertThat(plan.actionsOf(Action.CreatePod.class).get(0).pod().namespace()).isEqualTo("ns1");
    assertThat(plan.actionsOf(Action.CreateClaim.class).get(0).claim().namespace())
        .isEqualTo("ns1");
  }

  // --- R-ID-1: hostname and subdomain, on creation only ---

  @Test
  @Tag("R-ID-1")
  void hostname_isThePodNameAndSubdomainTheServiceName() {
    DesiredPod pod = firstCreatedPod(newStatefulSet(1));

    assertThat(pod.hostname()).isEqualTo("foo-0");
    assertThat(pod.subdomain()).isEqualTo("governingsvc");
    assertThat(pod.spec()).containsEntry("hostname", "foo-0");
    assertThat(pod.spec()).containsEntry("subdomain", "governingsvc");
  }

  @Test
  @Tag("R-ID-1")
  void emptyServiceName_leavesNoSubdomainInTheSpec() {
    DesiredPod pod = firstCreatedPod(Fixtures.withSpec(newStatefulSet(1), b -> b.serviceName("")));

    assertThat(pod.subdomain()).isEmpty();
    assertThat(pod.spec()).containsEntry("hostname", "foo-0").doesNotContainKey("subdomain");
  }

  @Test
  @Tag("R-ID-1")
  void hostnameAndSubdomain_areNeverRepaired() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    c.put(c.pod("foo-1").withHostname("elsewhere").withSubdomain("x"));

    // identityMatches does not look at them (R-ID-2), so the pod counts as consistent.
    assertThat(c.plan().actions()).isEmpty();
  }

  // --- R-PVC-5: claim volumes from the DesiredPod ---

  @Test
  @Tag("R-PVC-5")
  void claimVolumes_comeFirstAndReplaceTemplateVolumesOfTheSameName() {
    StatefulSet set = Fixtures.withSpec(newStatefulSet(1), b -> b.template(RICH_TEMPLATE));

    DesiredPod pod = firstCreatedPod(set);

    assertThat(pod.claimVolumes()).containsExactly(entry("datadir", "datadir-foo-0"));
    assertThat(pod.spec().get("volumes"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "datadir",
                    "persistentVolumeClaim",
                    Map.of("claimName", "datadir-foo-0")),
                Map.of("name", "home", "hostPath", Map.of("path", "/tmp/home"))));
  }

  @Test
  @Tag("R-PVC-5")
  void everyClaimTemplate_getsAVolumeAndAClaimBeforeThePod() {
    StatefulSet set =
        Fixtures.withSpec(
            newStatefulSet(1),
            b -> b.addVolumeClaimTemplate(VolumeClaimTemplate.of("logs", "1Gi")));

    ReconcilePlan plan = new FakeCluster(set).plan();

    assertThat(steps(plan))
        .containsExactly(
            "CreateRevision " + plan.status().updateRevision(),
            "CreateClaim datadir-foo-0",
            "CreateClaim logs-foo-0",
            "CreatePod foo-0",
            "WriteStatus status");
    DesiredPod pod = plan.actionsOf(Action.CreatePod.class).get(0).pod();
    assertThat(pod.claimVolumes())
        .containsOnly(entry("datadir", "datadir-foo-0"), entry("logs", "logs-foo-0"));
    // Upstream emits claim volumes from a Go map: their relative order is unspecified.
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> volumes = (List<Map<String, Object>>) pod.spec().get("volumes");
    assertThat(volumes.subList(0, 2))
        .extracting(v -> v.get("name"))
        .containsExactlyInAnyOrder("datadir", "logs");
    assertThat(volumes.get(2)).containsEntry("name", "home");
  }

  @Test
  @Tag("R-LABEL-1")
  void firstSync_createsOnlyWhatThePlanSaysAndCountsNothingYet() {
    ReconcilePlan plan = new FakeCluster(newStatefulSet(3)).plan();
    String revision = plan.status().updateRevision();

    assertThat(steps(plan))
        .containsExactly(
            "CreateRevision " + revision,
            "CreateClaim datadir-foo-0",
            "CreatePod foo-0",
            "WriteStatus status");
    // Creations of this sync are not in its status (R-STATUS-5).
    assertThat(plan.status())
        .isEqualTo(
            StatefulSetStatus.builder()
                .observedGeneration(1)
                .currentRevision(revision)
                .updateRevision(revision)
                .collisionCount(0)
                .build());
  }

  // --- R-ID-2/3/4: identity repair in place ---

  @Test
  @Tag("R-ID-2")
  void missingPodNameLabel_isRepairedWithAnUpdate() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    ObservedPod before = c.pod("foo-1");
    Map<String, String> labels = new HashMap<>(before.labels());
    labels.remove(POD_NAME);
    labels.remove(POD_INDEX);
    c.put(before.withLabels(labels));

    ReconcilePlan plan = c.plan();

    assertThat(steps(plan)).containsExactly("UpdatePod foo-1");
    Action.UpdatePod update = plan.actionsOf(Action.UpdatePod.class).get(0);
    assertThat(update.uid()).isEqualTo(before.uid());
    assertThat(update.namespace()).isEqualTo("default");
    // updateIdentity sets both identity labels and keeps the others.
    assertThat(update.labels()).isEqualTo(before.labels());
    assertThat(update.claimVolumes()).containsExactly(entry("datadir", "datadir-foo-1"));
    assertThat(plan.stop()).isNull();

    c.apply(update);
    assertThat(c.plan().actions()).isEmpty();
  }

  @Test
  @Tag("R-ID-2")
  void wrongPodNameLabel_isRepaired() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    Map<String, String> labels = new HashMap<>(c.pod("foo-0").labels());
    labels.put(POD_NAME, "foo-7");
    c.put(c.pod("foo-0").withLabels(labels));

    ReconcilePlan plan = c.plan();

    assertThat(steps(plan)).containsExactly("UpdatePod foo-0");
    assertThat(plan.actionsOf(Action.UpdatePod.class).get(0).labels())
        .containsEntry(POD_NAME, "foo-0");
  }

  @Test
  @Tag("R-ID-4")
  void podLackingOnlyThePodIndexLabel_isLeftAlone() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    Map<String, String> labels = new HashMap<>(c.pod("foo-1").labels());
    labels.remove(POD_INDEX);
    c.put(c.pod("foo-1").withLabels(labels));

    ReconcilePlan plan = c.plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.stop()).isNull();
  }

  @Test
  @Tag("R-ID-3")
  void wrongClaimVolume_isRepointedAndTheMissingClaimCreatedFirst() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    c.put(
        c.pod("foo-0")
            .withClaimVolumes(Map.of("datadir", "someone-elses-claim")));
    c.claims().remove("datadir-foo-0");

    ReconcilePlan plan = c.plan();

    // UpdateStatefulPod: updateStorage, then createPersistentVolumeClaims, then the pod update.
    assertThat(steps(plan)).containsExactly("CreateClaim datadir-foo-0", "UpdatePod foo-0");
    Action.UpdatePod update = plan.actionsOf(Action.UpdatePod.class).get(0);
    assertThat(update.claimVolumes()).containsExactly(entry("datadir", "datadir-foo-0"));
    assertThat(update.labels()).isEqualTo(c.pod("foo-0").labels());
  }

  @Test
  @Tag("R-ID-3")
  void missingClaimVolume_isAdded() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    c.put(c.pod("foo-0").withClaimVolumes(Map.of()));

    ReconcilePlan plan = c.plan();

    assertThat(steps(plan)).containsExactly("UpdatePod foo-0");
    assertThat(plan.actionsOf(Action.UpdatePod.class).get(0).claimVolumes())
        .containsExactly(entry("datadir", "datadir-foo-0"));
  }

  @Test
  @Tag("R-ID-4")
  void storageRepair_doesNotAddThePodIndexLabel() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    Map<String, String> labels = new HashMap<>(c.pod("foo-0").labels());
    labels.remove(POD_INDEX);
    c.put(
        c.pod("foo-0").withLabels(labels).withClaimVolumes(Map.of()));

    ReconcilePlan plan = c.plan();

    // Identity matches, so updateIdentity does not run and the labels stay as they are.
    assertThat(steps(plan)).containsExactly("UpdatePod foo-0");
    assertThat(plan.actionsOf(Action.UpdatePod.class).get(0).labels()).isEqualTo(labels);
  }

  @Test
  @Tag("R-ID-3")
  void claimRetentionMismatchAlone_stillUpdatesThePod() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    // The set now wants its claims deleted with it: every claim needs a reference to the set.
    c.update(
        Fixtures.withRetention(
            c.set(),
            ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN)));

    ReconcilePlan plan = c.plan();

    // UpdateStatefulPod fixes the claim, marks the pod dirty and updates it unchanged.
    assertThat(steps(plan))
        .containsExactly(
            "UpdateClaimOwners datadir-foo-0", "UpdatePod foo-0", "WriteStatus status");
    Action.UpdatePod update = plan.actionsOf(Action.UpdatePod.class).get(0);
    assertThat(update.labels()).isEqualTo(c.pod("foo-0").labels());
    assertThat(update.claimVolumes()).isEqualTo(c.pod("foo-0").claimVolumes());
  }

  @Test
  @Tag("R-ID-3")
  void podNamedWithLeadingZeros_cannotBeRenamedAndTheSyncFails() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    c.converge(20);
    ObservedPod foo01 =
        c.pod("foo-1").withName("foo-01").withUid("uid-01");

    // foo-01 fills slot 1 (R-NAME-5); no foo-1 exists, and slot 2 is empty.
    ReconcilePlan plan = c.planWithPods(List.of(c.pod("foo-0"), foo01));

    // The in-place update would rename it to foo-1, which the API server refuses: the sync
    // returns that error, so nothing after slot 1 happens and there is no requeue.
    assertThat(plan.actions())
        .noneMatch(a -> a instanceof Action.UpdatePod || a instanceof Action.CreatePod);
    assertThat(plan.stop()).isNotNull();
    assertThat(plan.stop().rule()).isEqualTo("R-ID-3");
    assertThat(plan.stop().pod()).isEqualTo("foo-01");
    assertThat(plan.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.rule()).isEqualTo("R-ID-3");
              assertThat(e.object()).isEqualTo("foo-01");
              // The update is sent for foo-1, which does not exist.
              assertThat(e.message()).isEqualTo("pods \"foo-1\" not found");
            });
    assertThat(plan.requeueAfter()).isNull();
    assertThat(plan.status().replicas()).isEqualTo(2);
  }
}
