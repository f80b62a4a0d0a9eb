package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.LabelSelectorRequirement.Operator;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.revision.RevisionHash;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeMappingTest {

  /** The v1.34 revision data of the rule catalogue, section 6, byte for byte. */
  static final String REVISION_DATA_1_34 =
      "{\"spec\":{\"template\":{\"$patch\":\"replace\","
          + "\"metadata\":{\"annotations\":{\"test\":\"value\"},\"labels\":{\"app\":\"foo\"}},"
          + "\"spec\":{\"containers\":[{\"image\":\"test\",\"imagePullPolicy\":\"Always\","
          + "\"name\":\"test\",\"resources\":{},"
          + "\"terminationMessagePath\":\"/dev/termination-log\","
          + "\"terminationMessagePolicy\":\"File\"}],"
          + "\"dnsPolicy\":\"ClusterFirst\",\"restartPolicy\":\"Always\","
          + "\"schedulerName\":\"default-scheduler\",\"securityContext\":{},"
          + "\"terminationGracePeriodSeconds\":30}}}}";

  /** The v1.33 revision data: the same with {@code "creationTimestamp":null}. */
  static final String REVISION_DATA_1_33 =
      REVISION_DATA_1_34.replace(
          "\"metadata\":{\"annotations\":{\"test\":\"value\"},",
          "\"metadata\":{\"annotations\":{\"test\":\"value\"},\"creationTimestamp\":null,");

  private final ManifestReader reader = new ManifestReader();

  static PodTemplate tutorialTemplate() {
    return PodTemplate.of(
        Map.of(
            "metadata", Map.of("labels", Map.of("app", "nginx")),
            "spec",
                Map.of(
                    "containers",
                    List.of(
                        Map.of(
                            "name",
                            "nginx",
                            "image",
                            "k8s.gcr.io/nginx-slim:0.8",
                            "ports",
                            List.of(Map.of("containerPort", 80, "name", "web")),
                            "volumeMounts",
                            List.of(
                                Map.of(
                                    "name", "www",
                                    "mountPath", "/usr/share/nginx/html")))))));
  }

  static VolumeClaimTemplate tutorialClaimTemplate() {
    // fabric8 writes the embedded claim's apiVersion and kind, as the apiserver returns them.
    return VolumeClaimTemplate.of(
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "PersistentVolumeClaim",
            "metadata",
            Map.of("name", "www"),
            "spec",
            Map.of(
                "accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", "1Gi")))));
  }

  static StatefulSet tutorialSet(PodManagementPolicy policy) {
    return StatefulSet.builder()
        .name("web")
        .namespace("default")
        .spec(
            StatefulSetSpec.builder()
                .replicas(2)
                .selector(LabelSelector.of(Map.of("app", "nginx")))
                .serviceName("nginx")
                .template(tutorialTemplate())
                .addVolumeClaimTemplate(tutorialClaimTemplate())
                .podManagementPolicy(policy)
                .build())
        .build();
  }

  @Test
  void tutorialStatefulSet_mapsToTheApiValue() {
    StatefulSet set =
        KubeMapping.statefulSet(
            ManifestReader.expectOne(
                reader.read(TestFiles.path("web.yaml")),
                io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
                "web.yaml"));

    assertThat(set).isEqualTo(tutorialSet(null));
    assertThat(set.namespace()).isEqualTo("default");
    assertThat(set.generation()).isEqualTo(1);
    assertThat(set.spec().updateStrategy()).isEqualTo(UpdateStrategy.UNSET);
    assertThat(set.spec().podManagementPolicy()).isNull();
    assertThat(set.status()).isEqualTo(StatefulSetStatus.EMPTY);
  }

  @Test
  void tutorialParallelStatefulSet_mapsWithParallelPolicy() {
    List<Manifest> manifests = reader.read(TestFiles.path("web-parallel.yaml"));

    StatefulSet set = KubeMapping.statefulSet(manifests.get(1));

    assertThat(set).isEqualTo(tutorialSet(PodManagementPolicy.PARALLEL));
  }

  @Test
  void tutorialService_mapsToTheHeadlessService() {
    List<Manifest> manifests = reader.read(TestFiles.path("web.yaml"));

    ObservedService service =
        KubeMapping.service(ManifestReader.expectOne(manifests, Service.class, "web.yaml"));

    assertThat(service)
        .isEqualTo(
            new ObservedService(
                "nginx",
                "default",
                Map.of("app", "nginx"),
                Map.of("app", "nginx"),
                "None",
                List.of(new ObservedService.Port("web", "TCP", 80, null))));
    assertThat(service.isHeadless()).isTrue();
  }

  @Test
  void everyStatefulSetField_isMapped() {
    String yaml =
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: StatefulSet",
            "metadata:",
            "  name: db",
            "  namespace: prod",
            "  uid: 0d5b1c7e-0000-0000-0000-000000000001",
            "  generation: 7",
            "  labels: {tier: db}",
            "  annotations: {note: kept}",
            "  creationTimestamp: \"2025-01-02T03:04:05Z\"",
            "  deletionTimestamp: \"2025-01-02T04:00:00.250+02:00\"",
            "spec:",
            "  replicas: 5",
            "  selector:",
            "    matchLabels: {app: db}",
            "    matchExpressions:",
            "    - {key: tier, operator: In, values: [db, cache]}",
            "    - {key: canary, operator: DoesNotExist}",
            "  serviceName: db",
            "  template:",
            "    metadata:",
            "      labels: {app: db, tier: db}",
            "      annotations: {prometheus.io/scrape: \"true\"}",
            "    spec:",
            "      terminationGracePeriodSeconds: 10",
            "      containers:",
            "      - name: db",
            "        image: postgres:16",
            "        args: [\"-c\", \"max_connections=200\"]",
            "        resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 2}}",
            "        env: [{name: PGDATA, value: /data}]",
            "        futureField: {kept: true}",
            "  volumeClaimTemplates:",
            "  - metadata: {name: data, labels: {backup: daily}}",
            "    spec:",
            "      accessModes: [ReadWriteOnce]",
            "      storageClassName: fast",
            "      resources: {requests: {storage: 10Gi}}",
            "  updateStrategy:",
            "    type: RollingUpdate",
            "    rollingUpdate: {partition: 2, maxUnavailable: 25%}",
            "  podManagementPolicy: OrderedReady",
            "  minReadySeconds: 15",
            "  revisionHistoryLimit: 3",
            "  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}",
            "  ordinals: {start: 1}",
            "status:",
            "  observedGeneration: 6",
            "  replicas: 5",
            "  readyReplicas: 4",
            "  currentReplicas: 3",
            "  updatedReplicas: 2",
            "  availableReplicas: 4",
            "  currentRevision: db-5d8c7f6b9",
            "  updateRevision: db-7f9b8c6d5",
            "  collisionCount: 1",
            "  conditions:",
            "  - type: Healthy",
            "    status: \"True\"",
            "    lastTransitionTime: \"2025-01-02T03:10:00Z\"",
            "    reason: AllGood",
            "    message: fine",
            "");

    StatefulSet set = KubeMapping.statefulSet(reader.read(yaml, "db.yaml").get(0));

    assertThat(set.name()).isEqualTo("db");
    assertThat(set.namespace()).isEqualTo("prod");
    assertThat(set.uid()).isEqualTo("0d5b1c7e-0000-0000-0000-000000000001");
    assertThat(set.generation()).isEqualTo(7);
    assertThat(set.labels()).containsExactly(Map.entry("tier", "db"));
    assertThat(set.annotations()).containsExactly(Map.entry("note", "kept"));
    assertThat(set.creationTimestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(set.deletionTimestamp()).isEqualTo(Instant.parse("2025-01-02T02:00:00.250Z"));
    StatefulSetSpec spec = set.spec();
    assertThat(spec.replicas()).isEqualTo(5);
    assertThat(spec.selector())
        .isEqualTo(
            new LabelSelector(
                Map.of("app", "db"),
                List.of(
                    new LabelSelectorRequirement("tier", Operator.IN, List.of("db", "cache")),
                    new LabelSelectorRequirement("canary", Operator.DOES_NOT_EXIST, List.of()))));
    assertThat(spec.serviceName()).isEqualTo("db");
    assertThat(spec.template().labels()).containsEntry("app", "db").containsEntry("tier", "db");
    assertThat(spec.template().annotations()).containsEntry("prometheus.io/scrape", "true");
    assertThat(spec.template().spec()).containsEntry("terminationGracePeriodSeconds", 10L);
    @SuppressWarnings("unchecked")
    Map<String, Object> container =
        (Map<String, Object>) ((List<?>) spec.template().spec().get("containers")).get(0);
    assertThat(container)
        .containsEntry("args", List.of("-c", "max_connections=200"))
        .containsEntry(
            "resources",
            Map.of(
                "requests", Map.of("cpu", "500m", "memory", "1Gi"),
                "limits", Map.of("cpu", "2")))
        .containsEntry("env", List.of(Map.of("name", "PGDATA", "value", "/data")))
        // A field this fabric8 does not know survives: nothing of the template is lost.
        .containsEntry("futureField", Map.of("kept", true));
    assertThat(spec.volumeClaimTemplates()).hasSize(1);
    VolumeClaimTemplate claim = spec.volumeClaimTemplates().get(0);
    assertThat(claim.name()).isEqualTo("data");
    assertThat(claim.labels()).containsEntry("backup", "daily");
    assertThat(claim.spec()).containsEntry("storageClassName", "fast");
    assertThat(spec.updateStrategy())
        .isEqualTo(
            new UpdateStrategy(
                UpdateStrategyType.ROLLING_UPDATE, new RollingUpdate(2, IntOrString.of("25%"))));
    assertThat(spec.podManagementPolicy()).isEqualTo(PodManagementPolicy.ORDERED_READY);
    assertThat(spec.minReadySeconds()).isEqualTo(15);
    assertThat(spec.revisionHistoryLimit()).isEqualTo(3);
    assertThat(spec.persistentVolumeClaimRetentionPolicy())
        .isEqualTo(ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN));
    assertThat(spec.ordinalsStart()).isEqualTo(1);
    assertThat(set.status())
        .isEqualTo(
            StatefulSetStatus.builder()
                .observedGeneration(6)
                .replicas(5)
                .readyReplicas(4)
                .currentReplicas(3)
                .updatedReplicas(2)
                .availableReplicas(4)
                .currentRevision("db-5d8c7f6b9")
                .updateRevision("db-7f9b8c6d5")
                .collisionCount(1)
                .addCondition(
                    new StatefulSetCondition(
                        "Healthy",
                        "True",
                        Instant.parse("2025-01-02T03:10:00Z"),
                        "AllGood",
                        "fine"))
                .build());
  }

  @Test
  void onDeleteStrategy_andIntegerMaxUnavailable_andEmptyOrdinals() {
    String yaml =
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n"
            + "  selector: {matchLabels: {app: web}}\n"
            + "  template: {metadata: {labels: {app: web}}}\n"
            + "  updateStrategy: {type: OnDelete}\n"
            + "  ordinals: {}\n";

    StatefulSetSpec spec = KubeMapping.statefulSet(reader.read(yaml, "w.yaml").get(0)).spec();

    assertThat(spec.updateStrategy()).isEqualTo(UpdateStrategy.ON_DELETE);
    // An ordinals block without start means start 0, not "unset".
    assertThat(spec.ordinalsStart()).isEqualTo(0);

    String rolling = yaml.replace("{type: OnDelete}", "{rollingUpdate: {maxUnavailable: 2}}");
    assertThat(
            KubeMapping.statefulSet(reader.read(rolling, "w.yaml").get(0)).spec().updateStrategy())
        .isEqualTo(new UpdateStrategy(null, new RollingUpdate(null, IntOrString.of(2))));
  }

  @Test
  void podsOfAKubectlList_mapToObservedPods() {
    List<Manifest> manifests = reader.read(TestFiles.path("pods.yaml"));

    ObservedPod web0 = KubeMapping.pod(manifests.get(0));
    ObservedPod web1 = KubeMapping.pod(manifests.get(1));

    assertThat(web0.name()).isEqualTo("web-0");
    assertThat(web0.ordinal()).isZero();
    assertThat(web0.parentName()).isEqualTo("web");
    assertThat(web0.uid()).isEqualTo("aaaaaaaa-0000-0000-0000-000000000000");
    assertThat(web0.revision()).isEqualTo("web-6b7b5c8f9d");
    assertThat(web0.labels()).containsEntry(ObservedPod.POD_INDEX_LABEL, "0");
    assertThat(web0.phase()).isEqualTo(PodPhase.RUNNING);
    assertThat(web0.ready()).isTrue();
    assertThat(web0.readyTransitionTime()).isEqualTo(Instant.parse("2025-01-02T03:04:10Z"));
    assertThat(web0.creationTimestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(web0.deletionTimestamp()).isNull();
    assertThat(web0.claimVolumes()).containsExactly(Map.entry("www", "www-web-0"));
    assertThat(web0.hostname()).isEqualTo("web-0");
    assertThat(web0.subdomain()).isEqualTo("nginx");
    assertThat(web0.ownerReferences())
        .containsExactly(
            OwnerReference.controllerRef(
                "apps/v1", "StatefulSet", "web", "11111111-2222-3333-4444-555555555555"));
    assertThat(web0.controllerRef()).isNotNull();

    assertThat(web1.phase()).isEqualTo(PodPhase.PENDING);
    assertThat(web1.ready()).isFalse();
    assertThat(web1.readyTransitionTime()).isEqualTo(Instant.parse("2025-01-02T03:04:12.500Z"));
    assertThat(web1.deletionTimestamp()).isEqualTo(Instant.parse("2025-01-02T02:05:00Z"));
    assertThat(web1.claimVolumes()).isEmpty();
    assertThat(web1.ownerReferences()).isEmpty();
  }

  @Test
  void podWithoutStatus_hasNoPhaseAndIsNotReady() {
    String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-3, namespace: ns}\n";

    ObservedPod pod = KubeMapping.pod(reader.read(yaml, "p.yaml").get(0));

    assertThat(pod.namespace()).isEqualTo("ns");
    assertThat(pod.phase()).isNull();
    assertThat(pod.ready()).isFalse();
    assertThat(pod.hostname()).isNull();
  }

  @Test
  void claimOfAKubectlList_mapsToObservedClaim() {
    Manifest manifest = reader.read(TestFiles.path("pods.yaml")).get(2);

    ObservedClaim claim = KubeMapping.claim(manifest);

    assertThat(claim)
        .isEqualTo(
            ObservedClaim.builder()
                .name("www-web-0")
                .namespace("default")
                .uid("cccccccc-0000-0000-0000-000000000000")
                .putLabel("app", "nginx")
                .build());
  }

  @Test
  void upstreamRevision_keepsTheStoredDataByteForByte() {
    Manifest manifest = reader.read(TestFiles.path("revision-1.34.yaml")).get(0);

    ControllerRevision revision = KubeMapping.revision(manifest);

    assertThat(revision.data()).isEqualTo(REVISION_DATA_1_34);
    assertThat(revision.name()).isEqualTo("test-776999688b");
    assertThat(revision.revision()).isEqualTo(2);
    assertThat(revision.labels()).containsEntry(ControllerRevision.HASH_LABEL, "776999688b");
    assertThat(revision.creationTimestamp()).isEqualTo(Instant.parse("2025-11-03T19:46:23Z"));
    assertThat(revision.controllerRef())
        .isEqualTo(
            OwnerReference.controllerRef(
                "apps/v1", "StatefulSet", "test", "00000000-0000-0000-0000-000000000001"));
    // The decoded template is the same template: re-encoded, it gives the stored data back, and
    // the data hashes to the revision's name as upstream computed it.
    assertThat(revision.template().labels()).containsEntry("app", "foo");
    assertThat(revision.template().content()).doesNotContainKey("$patch");
    assertThat(revision.template().revisionData()).isEqualTo(REVISION_DATA_1_34);
    assertThat(RevisionHash.hash(revision.data(), 0)).isEqualTo("776999688b");
  }

  @Test
  void revisionFromJson_keepsNullsGoStored() {
    String json =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\","
            + "\"metadata\":{\"name\":\"test-c77f6d978\",\"namespace\":\"default\"},"
            + "\"data\":"
            + REVISION_DATA_1_33
            + ",\"revision\":1}";

    ControllerRevision revision = KubeMapping.revision(reader.read(json, "r.json").get(0));

    assertThat(revision.data()).isEqualTo(REVISION_DATA_1_33);
    assertThat(RevisionHash.hash(revision.data(), 0)).isEqualTo("c77f6d978");
    assertThat(revision.template().revisionData()).isEqualTo(REVISION_DATA_1_33);
  }

  @Test
  void fabric8ObjectsAlone_mapAsAnAdapterNeeds() {
    io.fabric8.kubernetes.api.model.apps.StatefulSet fabric8 =
        new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
            .withNewMetadata()
            .withName("web")
            .withUid("u-1")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withPodManagementPolicy("Parallel")
            .withServiceName("nginx")
            .withNewSelector()
            .addToMatchLabels("app", "nginx")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "nginx")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("nginx")
            .withImage("k8s.gcr.io/nginx-slim:0.8")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();

    StatefulSet set = KubeMapping.statefulSet(fabric8);

    assertThat(set.uid()).isEqualTo("u-1");
    assertThat(set.spec().effectivePodManagementPolicy()).isEqualTo(PodManagementPolicy.PARALLEL);
    assertThat(set.spec().template())
        .isEqualTo(PodTemplate.of(Map.of("app", "nginx"), "nginx", "k8s.gcr.io/nginx-slim:0.8"));
  }

  @Test
  void ignoringUnknownFields_mapsANewerClustersSetAsWithoutThem_andNamesEachField() {
    String known =
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: StatefulSet",
            "metadata: {name: web, uid: u1}",
            "spec:",
            "  replicas: 2",
            "  selector: {matchLabels: {app: nginx}}",
            "  template:",
            "    metadata: {labels: {app: nginx}}",
            "    spec: {containers: [{name: nginx, image: nginx}]}",
            "status: {replicas: 2}",
            "");
    String newer =
        known
            .replace("uid: u1}", "uid: u1, futureMeta: x}")
            .replace("  replicas: 2", "  replicas: 2\n  futureSpec: {on: true}")
            .replace("{replicas: 2}", "{replicas: 2, futureStatus: 1}")
            .replace("{matchLabels:", "{futureSelector: 1, matchLabels:");
    List<String> ignored = new ArrayList<>();

    StatefulSet set =
        KubeMapping.statefulSetIgnoringUnknownFields(
            reader.read(newer, "web.yaml").get(0), ignored::add);

    assertThat(set).isEqualTo(KubeMapping.statefulSet(reader.read(known, "web.yaml").get(0)));
    assertThat(ignored)
        .containsExactly(
            "metadata.futureMeta",
            "spec.futureSpec",
            "spec.selector.futureSelector",
            "status.futureStatus");
  }

  @Test
  void strictMapping_stillRejectsANewerClustersField() {
    String yaml =
        "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: web}, spec: {futureSpec: 1,"
            + " selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}},"
            + " spec: {containers: [{name: a, image: a}]}}}}";
    Manifest m = reader.read(yaml, "web.yaml").get(0);

    assertThatThrownBy(() -> KubeMapping.statefulSet(m))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.futureSpec: Invalid value: 1: unknown field");
  }
}
