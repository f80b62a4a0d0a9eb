package dev.ordinal.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.kube.ApiCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallDiffTest {

  static final Map<String, Object> POD =
      Map.of(
          "apiVersion",
          "v1",
          "kind",
          "Pod",
          "metadata",
          Map.of("name", "web-0", "labels", Map.of("a", "b")),
          "spec",
          Map.of(
              "volumes",
              List.of(
                  Map.of("name", "z", "persistentVolumeClaim", Map.of("claimName", "z-web-0")),
                  Map.of("name", "a", "persistentVolumeClaim", Map.of("claimName", "a-web-0")),
                  Map.of("name", "tmp", "emptyDir", Map.of()))));

  static OracleResponse.Call oracleCall(
      String verb, String resource, String name, Map<String, Object> object) {
    return new OracleResponse.Call(verb, resource, "", "default", name, object, null, null);
  }

  static OracleResponse response(
      List<OracleResponse.Call> calls,
      List<OracleResponse.Event> events,
      Long requeue,
      boolean retry) {
    return new OracleResponse(
        "x", "1.37.2", calls, events, requeue, retry, retry ? "boom" : null, null);
  }

  static CallDiff.Ordinal ordinal(List<ApiCall> calls) {
    return new CallDiff.Ordinal(calls, null, false, List.of());
  }

  @Test
  void sameCallsWithEquivalentBodies_areTheSame() {
    // Go's encoder leaves out empty fields and the fake clientset drops apiVersion and kind; the
    // claim volumes come in map order.
    Map<String, Object> theirs =
        Map.of(
            "metadata", Map.of("name", "web-0", "labels", Map.of("a", "b")),
            "spec",
                Map.of(
                    "hostname",
                    "",
                    "volumes",
                    List.of(
                        Map.of(
                            "name", "a", "persistentVolumeClaim", Map.of("claimName", "a-web-0")),
                        Map.of(
                            "name", "z", "persistentVolumeClaim", Map.of("claimName", "z-web-0")),
                        Map.of("name", "tmp", "emptyDir", Map.of()))));
    CallDiff.Result r =
        CallDiff.compare(
            ordinal(List.of(ApiCall.create("pods", "default", "web-0", POD))),
            response(
                List.of(
                    new OracleResponse.Call(
                        "get", "statefulsets", "", "default", "web", null, null, null),
                    oracleCall("create", "pods", "web-0", theirs)),
                List.of(),
                null,
                false));

    assertThat(r.differences()).isEmpty();
    assertThat(r.report()).contains("1 reads (not compared)");
  }

  @Test
  void aDifferingField_isClassedByItsPath() {
    Map<String, Object> theirs =
        Map.of(
            "metadata", Map.of("name", "web-0", "labels", Map.of("a", "c")),
            "spec", POD.get("spec"));
    CallDiff.Result r =
        CallDiff.compare(
            ordinal(List.of(ApiCall.create("pods", "default", "web-0", POD))),
            response(
                List.of(oracleCall("create", "pods", "web-0", theirs)), List.of(), null, false));

    assertThat(r.differences())
        .extracting(CallDiff.Difference::kind)
        .containsExactly("body create pods: metadata.labels.a (differs)");
    assertThat(r.report())
        .contains(
            "first differing call, #1 of Ordinal, #1 of the oracle: create pods default/web-0")
        .contains("metadata.labels.a: Ordinal \"b\", oracle \"c\"");
  }

  @Test
  void listIndices_areDroppedFromTheClass() {
    Map<String, Object> theirs =
        Map.of(
            "metadata",
            Map.of("name", "web-0", "labels", Map.of("a", "b")),
            "spec",
            Map.of(
                "volumes",
                List.of(
                    Map.of("name", "a", "persistentVolumeClaim", Map.of("claimName", "a-web-0")),
                    Map.of("name", "z", "persistentVolumeClaim", Map.of("claimName", "z-web-0")),
                    Map.of("name", "tmp", "emptyDir", Map.of("medium", "Memory")))));
    CallDiff.Result r =
        CallDiff.compare(
            ordinal(List.of(ApiCall.create("pods", "default", "web-0", POD))),
            response(
                List.of(oracleCall("create", "pods", "web-0", theirs)), List.of(), null, false));

    assertThat(r.differences())
        .extracting(CallDiff.Difference::kind)
        .containsExactly("body create pods: spec.volumes[].emptyDir.medium (only in oracle)");
    assertThat(r.differences().get(0).detail()).contains("spec.volumes[2].emptyDir.medium");
  }

  @Test
  void missingExtraAndReorderedCalls_areTheirOwnClasses() {
    ApiCall deleteA = ApiCall.delete("pods", "default", "web-1", "u1");
    ApiCall deleteB = ApiCall.delete("pods", "default", "web-2", "u2");
    ApiCall deleteC = ApiCall.delete("controllerrevisions", "default", "web-9", "u9");
    CallDiff.Result r =
        CallDiff.compare(
            ordinal(List.of(deleteA, deleteB, deleteC)),
            response(
                List.of(
                    oracleCall("delete", "pods", "web-2", null),
                    oracleCall("delete", "pods", "web-1", null),
                    oracleCall(
                        "create", "pods", "web-3", Map.of("metadata", Map.of("name", "web-3")))),
                List.of(),
                null,
                false));

    assertThat(r.differences())
        .extracting(CallDiff.Difference::kind)
        .containsExactlyInAnyOrder(
            "order delete pods", "extra delete controllerrevisions", "missing create pods");
  }

  @Test
  void eventsRequeueAndFailure_areCompared() {
    CallDiff.Result r =
        CallDiff.compare(
            new CallDiff.Ordinal(List.of(), Duration.ofSeconds(10), false, List.of()),
            response(
                List.of(),
                List.of(
                    new OracleResponse.Event(
                        "Normal",
                        "SuccessfulCreate",
                        "create Pod web-0 in StatefulSet web successful")),
                9000L,
                true));

    assertThat(r.differences())
        .extracting(CallDiff.Difference::kind)
        .containsExactly(
            "event only in the oracle: Normal SuccessfulCreate (the calls differ too)",
            "requeue delay",
            "sync fails only in the oracle");
    assertThat(r.differences().get(2).detail()).contains("\"boom\"");
  }

  @Test
  void events_areComparedOneByOneInOrder() {
    String a = "Normal SuccessfulCreate: Create Claim www-web-0 Pod web-0 in StatefulSet web success";
    String b = "Normal SuccessfulCreate: Create Pod web-0 in StatefulSet web successful";
    OracleResponse.Event ea =
        new OracleResponse.Event(
            "Normal", "SuccessfulCreate", "Create Claim www-web-0 Pod web-0 in StatefulSet web success");
    OracleResponse.Event eb =
        new OracleResponse.Event(
            "Normal", "SuccessfulCreate", "Create Pod web-0 in StatefulSet web successful");

    CallDiff.Result same =
        CallDiff.compare(
            new CallDiff.Ordinal(List.of(), null, false, List.of(a, b)),
            response(List.of(), List.of(ea, eb), null, false));
    CallDiff.Result swapped =
        CallDiff.compare(
            new CallDiff.Ordinal(List.of(), null, false, List.of(b, a)),
            response(List.of(), List.of(ea, eb), null, false));
    CallDiff.Result extra =
        CallDiff.compare(
            new CallDiff.Ordinal(List.of(), null, false, List.of(a, b, "Warning FailedDelete: x")),
            response(List.of(), List.of(ea, eb), null, false));

    assertThat(same.same()).isTrue();
    assertThat(swapped.differences()).extracting(CallDiff.Difference::kind).containsExactly("event order");
    assertThat(extra.differences())
        .extracting(CallDiff.Difference::kind)
        .containsExactly("event only in Ordinal: Warning FailedDelete");
  }

  @Test
  void patches_areComparedWithTheirType() {
    Map<String, Object> patch = Map.of("metadata", Map.of("uid", "u"));
    CallDiff.Result r =
        CallDiff.compare(
            ordinal(List.of(ApiCall.strategicPatch("pods", "default", "web-0", patch))),
            response(
                List.of(
                    new OracleResponse.Call(
                        "patch",
                        "pods",
                        "",
                        "default",
                        "web-0",
                        null,
                        "application/merge-patch+json",
                        Map.of("metadata", Map.of("uid", "v")))),
                List.of(),
                null,
                false));

    assertThat(r.differences())
        .extracting(CallDiff.Difference::kind)
        .containsExactly(
            "body patch pods: patchType (differs)", "body patch pods: metadata.uid (differs)");
  }
}
