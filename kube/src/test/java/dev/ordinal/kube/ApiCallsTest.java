package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Json;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiCallsTest {

  static final OwnerReference SET_REF =
      OwnerReference.controllerRef("apps/v1", "StatefulSet", "web", "set-uid");

  static final Map<String, Object> SET =
      Map.of(
          "apiVersion", "apps/v1",
          "kind", "StatefulSet",
          "metadata", Map.of("name", "web", "namespace", "ns", "uid", "set-uid", "generation", 3),
          "spec", Map.of("replicas", 2, "serviceName", "web"),
          "status", Map.of("replicas", 1, "currentRevision", "web-1"));

  static final Map<String, Object> POD =
      Map.of(
          "apiVersion", "v1",
          "kind", "Pod",
          "metadata",
              Map.of(
                  "name", "web-0",
                  "namespace", "ns",
                  "uid", "pod-uid",
                  "labels", Map.of("app", "web"),
                  "ownerReferences", ApiCalls.ownerReferences(List.of(SET_REF))),
          "spec",
              Map.of(
                  "hostname",
                  "web-0",
                  "volumes",
                  List.of(
                      Map.of("name", "cache", "emptyDir", Map.of()),
                      Map.of(
                          "name", "data", "persistentVolumeClaim", Map.of("claimName", "wrong")))),
          "status", Map.of("phase", "Running"));

  static final Map<String, Object> CLAIM =
      Map.of(
          "apiVersion",
          "v1",
          "kind",
          "PersistentVolumeClaim",
          "metadata",
          Map.of("name", "data-web-0", "namespace", "ns", "uid", "claim-uid"),
          "spec",
          Map.of("accessModes", List.of("ReadWriteOnce")));

  static final Map<String, Object> REVISION =
      Map.of(
          "apiVersion",
          "apps/v1",
          "kind",
          "ControllerRevision",
          "metadata",
          Map.of("name", "web-1", "namespace", "ns", "uid", "rev-uid"),
          "data",
          Map.of("spec", Map.of()),
          "revision",
          1);

  static final ObservedObjects OBSERVED =
      ObservedObjects.of(
          SET,
          List.of(POD, Map.of("metadata", Map.of("name", "web-0", "namespace", "other"))),
          List.of(CLAIM),
          List.of(REVISION));

  static ApiCall call(Action a) {
    return ApiCalls.of(a, OBSERVED);
  }

  static Object at(Map<String, Object> tree, String path) {
    Object v = tree;
    for (String step : path.split("\\.")) {
      v = ((Map<?, ?>) v).get(step);
    }
    return v;
  }

  @Test
  void createPod_sendsTheBuiltPodWithItsIdentityAndControllerRef() {
    DesiredPod pod =
        new DesiredPod(
            "web-1",
            "ns",
            "web-",
            Map.of(
                "app", "web",
                "statefulset.kubernetes.io/pod-name", "web-1",
                "apps.kubernetes.io/pod-index", "1",
                "controller-revision-hash", "web-7f"),
            Map.of("a", "b"),
            List.of("example.com/keep"),
            List.of(SET_REF),
            "web-1",
            "web",
            "web-7f",
            Map.of("data", "data-web-1"),
            Map.of("hostname", "web-1", "subdomain", "web", "containers", List.of()));

    ApiCall c = call(new Action.CreatePod(pod));

    assertThat(c.describe()).isEqualTo("create pods ns/web-1");
    Map<String, Object> body = c.body();
    assertThat(at(body, "metadata.generateName")).isEqualTo("web-");
    assertThat(at(body, "metadata.labels")).isEqualTo(pod.labels());
    assertThat(at(body, "metadata.annotations")).isEqualTo(Map.of("a", "b"));
    assertThat(at(body, "metadata.finalizers")).isEqualTo(List.of("example.com/keep"));
    assertThat(at(body, "metadata.ownerReferences"))
        .isEqualTo(
            Json.canonical(
                List.of(
                    Map.of(
                        "apiVersion", "apps/v1",
                        "kind", "StatefulSet",
                        "name", "web",
                        "uid", "set-uid",
                        "controller", true,
                        "blockOwnerDeletion", true))));
    assertThat(at(body, "spec")).isEqualTo(pod.spec());
    assertThat(body).containsEntry("kind", "Pod").containsEntry("apiVersion", "v1");
  }

  @Test
  void createClaim_sendsTheTemplateWithoutOwnerReferences() {
    DesiredClaim claim =
        new DesiredClaim(
            "data-web-1", "ns", "data", Map.of("app", "web"), Map.of(), Map.of("x", "y"));

    ApiCall c = call(new Action.CreateClaim(claim, "web-1"));

    assertThat(c.describe()).isEqualTo("create persistentvolumeclaims ns/data-web-1");
    assertThat(at(c.body(), "metadata"))
        .isEqualTo(Map.of("name", "data-web-1", "namespace", "ns", "labels", Map.of("app", "web")));
    assertThat(c.body()).containsEntry("spec", Map.of("x", "y"));
  }

  @Test
  void updatePod_rebuildsMismatchedClaimVolumesFirstAndKeepsTheRest() {
    Map<String, String> labels =
        Map.of("app", "web", "statefulset.kubernetes.io/pod-name", "web-0");
    ApiCall c =
        call(new Action.UpdatePod("web-0", "pod-uid", "ns", labels, Map.of("data", "data-web-0")));

    assertThat(c.describe()).isEqualTo("update pods ns/web-0");
    assertThat(at(c.body(), "metadata.labels")).isEqualTo(labels);
    assertThat(at(c.body(), "metadata.uid")).isEqualTo("pod-uid");
    assertThat(at(c.body(), "spec.volumes"))
        .isEqualTo(
            Json.canonical(
                List.of(
                    Map.of(
                        "name", "data", "persistentVolumeClaim", Map.of("claimName", "data-web-0")),
                    Map.of("name", "cache", "emptyDir", Map.of()))));
    assertThat(at(c.body(), "status.phase")).isEqualTo("Running");
  }

  @Test
  void updatePod_keepsMatchingVolumesInTheirOrder() {
    ApiCall c =
        call(
            new Action.UpdatePod(
                "web-0", "pod-uid", "ns", Map.of("app", "web"), Map.of("data", "wrong")));

    assertThat(at(c.body(), "spec.volumes"))
        .isEqualTo(at(Json.canonicalObject(POD), "spec.volumes"));
  }

  @Test
  void updateClaimOwners_sendsTheObservedClaimWithTheNewReferences() {
    OwnerReference podRef = new OwnerReference("v1", "Pod", "web-0", "pod-uid", false, false);
    ApiCall c =
        call(new Action.UpdateClaimOwners("data-web-0", "claim-uid", List.of(podRef), "web-0", false));

    assertThat(c.describe()).isEqualTo("update persistentvolumeclaims ns/data-web-0");
    assertThat(at(c.body(), "metadata.ownerReferences"))
        .isEqualTo(
            Json.canonical(
                List.of(
                    Map.of("apiVersion", "v1", "kind", "Pod", "name", "web-0", "uid", "pod-uid"))));
    assertThat(c.body().get("spec")).isEqualTo(Json.canonical(CLAIM.get("spec")));
  }

  @Test
  void updateClaimOwners_withNoReferencesLeavesTheFieldOut() {
    ApiCall c = call(new Action.UpdateClaimOwners("data-web-0", "claim-uid", List.of(), "web-0", false));

    assertThat(((Map<?, ?>) c.body().get("metadata")).containsKey("ownerReferences")).isFalse();
  }

  @Test
  void deletes_carryNoBodyAndTheUidForAPrecondition() {
    ApiCall pod = call(new Action.DeletePod("web-0", "pod-uid", DeleteReason.SCALE_DOWN));
    ApiCall rev = call(new Action.DeleteRevision("web-1", "rev-uid"));

    assertThat(pod.describe()).isEqualTo("delete pods ns/web-0");
    assertThat(pod.body()).isNull();
    assertThat(pod.uid()).isEqualTo("pod-uid");
    assertThat(rev.describe()).isEqualTo("delete controllerrevisions ns/web-1");
  }

  @Test
  void adoptPod_patchesInTheControllerRefAndTheUid() {
    ApiCall c = call(new Action.AdoptPod("web-3", "orphan-uid", SET_REF));

    assertThat(c.describe()).isEqualTo("patch pods ns/web-3");
    assertThat(c.patchType()).isEqualTo(ApiCall.STRATEGIC_MERGE_PATCH);
    assertThat(Json.marshal(c.patch()))
        .isEqualTo(
            "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"apps/v1\","
                + "\"blockOwnerDeletion\":true,\"controller\":true,\"kind\":\"StatefulSet\","
                + "\"name\":\"web\",\"uid\":\"set-uid\"}],\"uid\":\"orphan-uid\"}}");
  }

  @Test
  void releasePod_deletesTheSetsReferenceByUid() {
    ApiCall c = call(new Action.ReleasePod("web-0", "pod-uid"));

    assertThat(Json.marshal(c.patch()))
        .isEqualTo(
            "{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\",\"uid\":\"set-uid\"}],"
                + "\"uid\":\"pod-uid\"}}");
  }

  @Test
  void adoptRevision_patchesInTheSetAsController() {
    ApiCall c = call(new Action.AdoptRevision("web-1", "rev-uid"));

    assertThat(c.describe()).isEqualTo("patch controllerrevisions ns/web-1");
    assertThat(at(c.patch(), "metadata.uid")).isEqualTo("rev-uid");
    assertThat(at(c.patch(), "metadata.ownerReferences"))
        .isEqualTo(
            ApiCalls.ownerReferences(List.of(SET_REF)).stream().map(Json::canonical).toList());
  }

  @Test
  void createRevision_sendsTheRevisionWithItsDataAsJson() {
    PodTemplate template = PodTemplate.of(Map.of("app", "web"), "app", "nginx:1.0");
    ControllerRevision r =
        ControllerRevision.builder()
            .name("web-5d")
            .namespace("ns")
            .labels(Map.of("app", "web", ControllerRevision.HASH_LABEL, "5d"))
            .annotations(Map.of("note", "x"))
            .ownerReferences(List.of(SET_REF))
            .revision(2)
            .data(template.revisionData())
            .template(template)
            .build();

    ApiCall c = call(new Action.CreateRevision(r));

    assertThat(c.describe()).isEqualTo("create controllerrevisions ns/web-5d");
    assertThat(c.body()).containsEntry("revision", 2L).containsEntry("kind", "ControllerRevision");
    assertThat(Json.marshal(c.body().get("data"))).isEqualTo(template.revisionData());
    assertThat(at(c.body(), "metadata.annotations")).isEqualTo(Map.of("note", "x"));
    assertThat(((Map<?, ?>) c.body().get("metadata")).containsKey("uid")).isFalse();
    assertThat(((Map<?, ?>) c.body().get("metadata")).containsKey("namespace")).isFalse();
    assertThat(c.namespace()).isEqualTo("ns");
  }

  @Test
  void renumberRevision_updatesTheObservedRevisionsNumber() {
    ApiCall c = call(new Action.RenumberRevision("web-1", "rev-uid", 4));

    assertThat(c.describe()).isEqualTo("update controllerrevisions ns/web-1");
    Map<String, Object> expected = new LinkedHashMap<>(Json.canonicalObject(REVISION));
    expected.put("revision", 4L);
    assertThat(c.body()).isEqualTo(expected);
  }

  @Test
  void writeStatus_updatesTheStatusSubresourceWithGoOmitempty() {
    StatefulSetStatus status =
        StatefulSetStatus.builder()
            .observedGeneration(3)
            .replicas(2)
            .currentReplicas(2)
            .currentRevision("web-1")
            .updateRevision("web-1")
            .collisionCount(0)
            .build();

    ApiCall c = call(new Action.WriteStatus(status));

    assertThat(c.describe()).isEqualTo("update statefulsets/status ns/web");
    assertThat(c.body().get("status"))
        .isEqualTo(
            Json.canonical(
                Map.of(
                    "observedGeneration", 3,
                    "replicas", 2,
                    "currentReplicas", 2,
                    "currentRevision", "web-1",
                    "updateRevision", "web-1",
                    "collisionCount", 0,
                    "availableReplicas", 0)));
    assertThat(at(c.body(), "spec.replicas")).isEqualTo(2L);
  }

  @Test
  void plan_mapsEveryActionInOrder() {
    ReconcilePlan plan =
        new ReconcilePlan(
            List.of(
                new Action.DeletePod("web-0", "pod-uid", DeleteReason.SCALE_DOWN),
                new Action.WriteStatus(StatefulSetStatus.EMPTY)),
            StatefulSetStatus.EMPTY,
            null,
            null,
            null,
            List.of(),
            List.of());

    assertThat(ApiCalls.of(plan, OBSERVED).stream().map(ApiCall::describe))
        .containsExactly("delete pods ns/web-0", "update statefulsets/status ns/web");
  }

  @Test
  void updateOfAnUnobservedObject_isRejected() {
    assertThatThrownBy(() -> call(new Action.UpdatePod("web-9", "u", "ns", Map.of(), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pod web-9");
  }

  @Test
  void aCallWithABodyAgainstItsVerb_isRejected() {
    assertThatThrownBy(
            () -> new ApiCall("delete", "pods", "", "ns", "a", Map.of(), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delete carries no body or patch: a");
  }

  @Test
  void objectsOfFabric8_areReadWhole() {
    var pod =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName("web-0")
            .withNamespace("ns")
            .withUid("u")
            .endMetadata()
            .withNewSpec()
            .withHostname("web-0")
            .endSpec()
            .build();
    var set =
        new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("ns")
            .withUid("s")
            .endMetadata()
            .build();

    ObservedObjects o = ObservedObjects.ofFabric8(set, List.of(pod), List.of(), List.of());

    assertThat(o.setUid()).isEqualTo("s");
    assertThat(at(o.pod("web-0"), "spec.hostname")).isEqualTo("web-0");
  }

  @Test
  void time_isWrittenInWholeSeconds() {
    assertThat(ApiCalls.time(Instant.parse("2026-01-01T00:00:00.5Z")))
        .isEqualTo("2026-01-01T00:00:00Z");
  }
}
