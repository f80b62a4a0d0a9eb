package dev.ordinal.core;

import static dev.ordinal.api.RetentionPolicyType.DELETE;
import static dev.ordinal.api.RetentionPolicyType.RETAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The owner-reference tables of R-PVC-8 and the staleness check of R-PVC-11, held directly against
 * {@link ClaimOwnership} with upstream's tables from {@code stateful_set_utils_test.go} ({@code
 * TestIsClaimOwnerUpToDate}, {@code TestClaimOwnerUpToDateEdgeCases}, {@code
 * TestUpdateClaimOwnerRefForSetAndPod}, {@code TestUpdateClaimControllerRef}, {@code
 * TestHasUnexpectedController}) and {@code stateful_pod_control_test.go} ({@code
 * TestPodClaimIsStale}).
 */
class ClaimOwnershipTest {

  /** A set that is only a name, a uid, a replica count and a retention policy. */
  private static StatefulSet set(
      String name, String uid, int replicas, @Nullable ClaimRetentionPolicy policy) {
    StatefulSet base = Fixtures.rawStatefulSet(replicas);
    return base
        .withName(name)
        .withUid(uid)
        .withSpec(
            StatefulSetSpec.builder()
                .from(base.spec())
                .persistentVolumeClaimRetentionPolicy(policy)
                .build());
  }

  private static ObservedClaim claim(List<OwnerReference> refs) {
    return ObservedClaim.builder().name("target-claim").ownerReferences(refs).build();
  }

  private static OwnerReference podController(String name, String uid) {
    return OwnerReference.controllerRef("v1", "Pod", name, uid);
  }

  private static OwnerReference setController(String name, String uid) {
    return OwnerReference.controllerRef("apps/v1", "StatefulSet", name, uid);
  }

  private static OwnerReference plain(String apiVersion, String kind, String name, String uid) {
    return new OwnerReference(apiVersion, kind, name, uid, false, false);
  }

  private static OwnerReference controller(
      String apiVersion, String kind, String name, String uid) {
    return new OwnerReference(apiVersion, kind, name, uid, true, false);
  }

  /** Returns true if a reference with this uid exists and is a controller (upstream's check). */
  private static boolean controls(List<OwnerReference> refs, String uid) {
    for (OwnerReference r : refs) {
      if (r.uid().equals(uid)) {
        return r.controller();
      }
    }
    return false;
  }

  // --- TestIsClaimOwnerUpToDate -----------------------------------------------------------

  static Stream<Arguments> upToDateTable() {
    // name, whenScaled, whenDeleted, needsPodRef, needsSetRef, replicas, ordinal
    Object[][] cases = {
      {"retain", RETAIN, RETAIN, false, false, 0, 0},
      {"on SS delete", RETAIN, DELETE, false, true, 0, 0},
      {"on scaledown only, condemned", DELETE, RETAIN, true, false, 2, 2},
      {"on scaledown only, remains", DELETE, RETAIN, false, false, 2, 1},
      {"on both, condemned", DELETE, DELETE, true, false, 2, 2},
      {"on both, remains", DELETE, DELETE, false, true, 2, 1},
    };
    List<Arguments> out = new ArrayList<>();
    for (Object[] c : cases) {
      for (boolean otherRefs : new boolean[] {false, true}) {
        for (boolean podRef : new boolean[] {false, true}) {
          for (boolean setRef : new boolean[] {false, true}) {
            out.add(arguments(c[0], c[1], c[2], c[3], c[4], c[5], c[6], otherRefs, podRef, setRef));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: others={7} podRef={8} setRef={9}")
  @MethodSource("upToDateTable")
  @Tag("R-PVC-8")
  void isUpToDate_matchesTheUpstreamTable(
      String name,
      RetentionPolicyType whenScaled,
      RetentionPolicyType whenDeleted,
      boolean needsPodRef,
      boolean needsSetRef,
      int replicas,
      int ordinal,
      boolean otherRefs,
      boolean podRef,
      boolean setRef) {
    StatefulSet set =
        set("stateful-set", "ss-456", replicas, ClaimRetentionPolicy.of(whenDeleted, whenScaled));
    String pod = "pod-" + ordinal;
    List<OwnerReference> refs = new ArrayList<>();
    if (podRef) {
      refs.add(podController(pod, "pod-123"));
    }
    if (setRef) {
      refs.add(setController("stateful-set", "ss-456"));
    }
    if (otherRefs) {
      refs.add(plain("v1", "Pod", "rand1", "rand1-uid"));
      refs.add(plain("v1", "Pod", "rand2", "rand2-uid"));
    }
    boolean condemned = ordinal >= replicas;

    boolean upToDate = ClaimOwnership.isUpToDate(claim(refs), set, pod, "pod-123", condemned);

    assertThat(upToDate).isEqualTo(podRef == needsPodRef && setRef == needsSetRef);
  }

  // --- TestClaimOwnerUpToDateEdgeCases ----------------------------------------------------

  static Stream<Arguments> edgeCases() {
    ClaimRetentionPolicy deleteDelete = ClaimRetentionPolicy.of(DELETE, DELETE);
    ClaimRetentionPolicy retainOnScale = ClaimRetentionPolicy.of(DELETE, RETAIN);
    return Stream.of(
        arguments(
            "normal controller, pod",
            List.of(controller("v1", "Pod", "pod-1", "pod-123")),
            deleteDelete,
            true),
        arguments(
            "non-controller causes policy mismatch, pod",
            List.of(plain("v1", "Pod", "pod-1", "pod-123")),
            deleteDelete,
            false),
        arguments(
            "stale controller does not affect policy, pod",
            List.of(controller("v1", "Pod", "pod-1", "pod-stale")),
            deleteDelete,
            true),
        arguments(
            "unexpected controller causes policy mismatch, pod",
            List.of(
                controller("v1", "Pod", "pod-1", "pod-123"),
                controller("v1", "Pod", "Random", "random")),
            deleteDelete,
            false),
        arguments(
            "normal controller, set",
            List.of(controller("apps/v1", "StatefulSet", "stateful-set", "ss-456")),
            retainOnScale,
            true),
        arguments(
            "non-controller causes policy mismatch, set",
            // Upstream's apiVersion typo is kept: the uid alone makes the reference ours.
            List.of(plain("appsv1", "StatefulSet", "stateful-set", "ss-456")),
            retainOnScale,
            false),
        arguments(
            "stale controller ignored, set",
            List.of(controller("apps/v1", "StatefulSet", "stateful-set", "set-stale")),
            retainOnScale,
            true),
        arguments(
            "unexpected controller causes policy mismatch, set",
            List.of(
                controller("apps/v1", "StatefulSet", "stateful-set", "ss-456"),
                controller("apps/v1", "StatefulSet", "Random", "random")),
            retainOnScale,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeCases")
  @Tag("R-PVC-8")
  void isUpToDate_matchesTheUpstreamEdgeCases(
      String name, List<OwnerReference> refs, ClaimRetentionPolicy policy, boolean expected) {
    // One replica and pod-1: the pod is condemned, as in upstream's table.
    StatefulSet set = set("stateful-set", "ss-456", 1, policy);

    assertThat(ClaimOwnership.isUpToDate(claim(refs), set, "pod-1", "pod-123", true))
        .isEqualTo(expected);
  }

  // --- TestUpdateClaimOwnerRefForSetAndPod ------------------------------------------------

  static Stream<Arguments> desiredRefsTable() {
    // name, whenScaled, whenDeleted, condemned, needsPodRef, needsSetRef, unexpectedController
    Object[][] cases = {
      {"retain", RETAIN, RETAIN, false, false, false, false},
      {"delete with set", RETAIN, DELETE, false, false, true, false},
      {"delete with scaledown, not condemned", DELETE, RETAIN, false, false, false, false},
      {"delete on scaledown, condemned", DELETE, RETAIN, true, true, false, false},
      {"delete on both, not condemned", DELETE, DELETE, false, false, true, false},
      {"delete on both, condemned", DELETE, DELETE, true, true, false, false},
      {"unexpected controller", DELETE, DELETE, true, false, false, true},
    };
    List<Arguments> out = new ArrayList<>();
    for (Object[] c : cases) {
      for (int v = 0; v < 8; v++) {
        out.add(
            arguments(
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6],
                (v & 1) != 0,
                (v & 2) != 0,
                (v & 4) != 0));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: podRef={7} setRef={8} extra={9}")
  @MethodSource("desiredRefsTable")
  @Tag("R-PVC-8")
  void desiredRefs_matchTheUpstreamTable(
      String name,
      RetentionPolicyType whenScaled,
      RetentionPolicyType whenDeleted,
      boolean condemned,
      boolean needsPodRef,
      boolean needsSetRef,
      boolean unexpectedController,
      boolean hasPodRef,
      boolean hasSetRef,
      boolean extraOwner) {
    StatefulSet set = set("ss", "ss-123", 5, ClaimRetentionPolicy.of(whenDeleted, whenScaled));
    String pod = condemned ? "pod-8" : "pod-1";
    List<OwnerReference> refs = new ArrayList<>();
    if (hasPodRef) {
      refs.add(podController(pod, "pod-456"));
    }
    if (hasSetRef) {
      refs.add(setController("ss", "ss-123"));
    }
    OwnerReference extra = plain("custom/v1", "random", "random", "abc");
    if (extraOwner) {
      refs.add(extra);
    }
    OwnerReference foreign = controller("custom/v1", "Unknown", "unknown", "xyz");
    if (unexpectedController) {
      refs.add(foreign);
    }

    List<OwnerReference> desired =
        ClaimOwnership.desiredRefs(claim(refs), set, pod, "pod-456", condemned);

    assertThat(controls(desired, "pod-456")).as("pod is controller").isEqualTo(needsPodRef);
    assertThat(controls(desired, "ss-123")).as("set is controller").isEqualTo(needsSetRef);
    if (extraOwner) {
      assertThat(desired).as("other owners are kept").contains(extra);
    }
    if (unexpectedController) {
      assertThat(desired)
          .containsExactlyElementsOf(extraOwner ? List.of(extra, foreign) : List.of(foreign));
    }
  }

  @Test
  @Tag("R-PVC-8")
  void addedRefs_areControllersThatBlockOwnerDeletion() {
    StatefulSet set = set("ss", "ss-123", 5, ClaimRetentionPolicy.of(DELETE, DELETE));

    assertThat(ClaimOwnership.desiredRefs(claim(List.of()), set, "pod-1", "pod-456", false))
        .containsExactly(new OwnerReference("apps/v1", "StatefulSet", "ss", "ss-123", true, true));
    assertThat(ClaimOwnership.desiredRefs(claim(List.of()), set, "pod-8", "pod-456", true))
        .containsExactly(new OwnerReference("v1", "Pod", "pod-8", "pod-456", true, true));
  }

  // --- TestUpdateClaimControllerRef -------------------------------------------------------

  static Stream<Arguments> controllerRefCases() {
    return Stream.of(
        arguments(
            "set correctly",
            List.of(
                controller("apps/v1", "StatefulSet", "sts", "123"),
                plain("someone", "Else", "foo", "")),
            List.of("apps/v1/StatefulSet/sts/123/controller", "someone/Else/foo//owner")),
        arguments(
            "missing controller",
            List.of(plain("apps/v1", "StatefulSet", "sts", "123")),
            List.of("apps/v1/StatefulSet/sts/123/controller")),
        arguments(
            "matching name but missing",
            List.of(plain("someone", "else", "sts", "456")),
            List.of("someone/else/sts/456/owner", "apps/v1/StatefulSet/sts/123/controller")),
        arguments("not present", List.of(), List.of("apps/v1/StatefulSet/sts/123/controller")),
        // A reference to our set without its uid reads as another controller: scrubbed, none added.
        arguments(
            "controller, but no UID",
            List.of(controller("apps/v1", "StatefulSet", "sts", "")),
            List.of()),
        arguments(
            "neither controller nor UID",
            List.of(plain("apps/v1", "StatefulSet", "sts", "")),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controllerRefCases")
  @Tag("R-PVC-8")
  void desiredRefs_matchTheUpstreamControllerRefCases(
      String name, List<OwnerReference> original, List<String> expected) {
    StatefulSet set = set("sts", "123", 1, ClaimRetentionPolicy.of(DELETE, DELETE));

    List<OwnerReference> desired =
        ClaimOwnership.desiredRefs(claim(original), set, "pod-0", "456", false);

    assertThat(desired)
        .extracting(
            r ->
                r.apiVersion()
                    + "/"
                    + r.kind()
                    + "/"
                    + r.name()
                    + "/"
                    + r.uid()
                    + "/"
                    + (r.controller() ? "controller" : "owner"))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  // --- TestHasUnexpectedController ---------------------------------------------------------

  static Stream<Arguments> unexpectedControllerCases() {
    return Stream.of(
        arguments(
            "custom controller",
            List.of(controller("chipmunks/v1", "CustomController", "simon", "other-uid")),
            true),
        arguments(
            "custom non-controller",
            List.of(plain("chipmunks/v1", "CustomController", "simon", "other-uid")),
            false),
        arguments(
            "other pod controller", List.of(controller("v1", "Pod", "simon", "other-uid")), true),
        arguments(
            "other set controller",
            List.of(controller("apps/v1", "Set", "simon", "other-uid")),
            true),
        arguments(
            "own set controller",
            List.of(controller("apps/v1", "StatefulSet", "set", "set-uid")),
            false),
        arguments(
            "own set controller, stale uid",
            List.of(controller("apps/v1", "StatefulSet", "set", "stale-uid")),
            true),
        arguments("own pod controller", List.of(controller("v1", "Pod", "pod", "pod-uid")), false),
        arguments(
            "own pod controller, stale uid",
            List.of(controller("v1", "Pod", "pod", "stale-uid")),
            true),
        arguments(
            "own controller and another",
            List.of(
                controller("v1", "Pod", "pod", "pod-uid"),
                controller("chipmunks/v1", "CustomController", "simon", "other-uid")),
            true),
        arguments(
            "own controller and a non-controller",
            List.of(
                controller("v1", "Pod", "pod", "pod-uid"),
                plain("chipmunks/v1", "CustomController", "simon", "other-uid")),
            false));
  }

  /**
   * Upstream's hasUnexpectedController is private here too; its verdict shows in the references the
   * update leaves: with an unexpected controller none of ours are added. Each policy is tried where
   * it adds one (a condemned pod when whenScaled is Delete).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unexpectedControllerCases")
  @Tag("R-PVC-8")
  void unexpectedController_matchesTheUpstreamTable(
      String name, List<OwnerReference> refs, boolean unexpected) {
    for (ClaimRetentionPolicy policy :
        List.of(
            ClaimRetentionPolicy.of(RETAIN, DELETE),
            ClaimRetentionPolicy.of(DELETE, RETAIN),
            ClaimRetentionPolicy.of(DELETE, DELETE))) {
      StatefulSet set = set("set", "set-uid", 1, policy);
      boolean condemned = policy.whenScaled() == DELETE;

      List<OwnerReference> desired =
          ClaimOwnership.desiredRefs(claim(refs), set, "pod", "pod-uid", condemned);

      boolean ours = controls(desired, "set-uid") || controls(desired, "pod-uid");
      assertThat(ours).as("%s adds our controller", policy).isEqualTo(!unexpected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unexpectedControllerCases")
  @Tag("R-PVC-8")
  void retainRetain_anyControllerIsAcceptable(
      String name, List<OwnerReference> refs, boolean unexpected) {
    StatefulSet set = set("set", "set-uid", 1, null);
    List<OwnerReference> foreign = new ArrayList<>(refs);
    foreign.removeIf(r -> r.uid().equals("set-uid") || r.uid().equals("pod-uid"));

    // Without references to us, whatever else controls the claim is fine...
    assertThat(ClaimOwnership.isUpToDate(claim(foreign), set, "pod", "pod-uid", false)).isTrue();
    // ...and references to us are scrubbed without touching the others.
    assertThat(ClaimOwnership.desiredRefs(claim(refs), set, "pod", "pod-uid", false))
        .containsExactlyElementsOf(
            refs.stream()
                .filter(r -> !r.refersTo("apps/v1", "StatefulSet", "set"))
                .filter(r -> !r.refersTo("v1", "Pod", "pod"))
                .toList());
  }

  @Test
  @Tag("R-PVC-8")
  void retainRetain_wantsNoRefs() {
    StatefulSet set = set("foo", "test", 3, ClaimRetentionPolicy.RETAIN);

    assertThat(ClaimOwnership.isUpToDate(claim(List.of()), set, "foo-1", "uid-1", false)).isTrue();
    assertThat(ClaimOwnership.isUpToDate(claim(List.of()), set, "foo-4", "uid-4", true)).isTrue();
    assertThat(
            ClaimOwnership.isUpToDate(
                claim(List.of(setController("foo", "test"))), set, "foo-1", "uid-1", false))
        .isFalse();
    assertThat(
            ClaimOwnership.desiredRefs(
                claim(List.of(setController("foo", "test"), podController("foo-4", "uid-4"))),
                set,
                "foo-4",
                "uid-4",
                true))
        .isEmpty();
  }

  @Test
  @Tag("R-PVC-7")
  void unsetPolicy_isTreatedAsRetainRetain() {
    StatefulSet unset = set("foo", "test", 3, null);
    StatefulSet halfSet = set("foo", "test", 3, new ClaimRetentionPolicy(null, null));
    StatefulSet retain = set("foo", "test", 3, ClaimRetentionPolicy.RETAIN);
    List<List<OwnerReference>> refLists =
        List.of(
            List.of(),
            List.of(setController("foo", "test")),
            List.of(podController("foo-4", "uid-4")),
            List.of(setController("foo", "test"), podController("foo-4", "uid-4")));

    for (List<OwnerReference> refs : refLists) {
      for (boolean condemned : new boolean[] {false, true}) {
        String pod = condemned ? "foo-4" : "foo-1";
        String uid = condemned ? "uid-4" : "uid-1";
        boolean expected = ClaimOwnership.isUpToDate(claim(refs), retain, pod, uid, condemned);
        assertThat(ClaimOwnership.isUpToDate(claim(refs), unset, pod, uid, condemned))
            .isEqualTo(expected);
        assertThat(ClaimOwnership.isUpToDate(claim(refs), halfSet, pod, uid, condemned))
            .isEqualTo(expected);
        assertThat(ClaimOwnership.desiredRefs(claim(refs), unset, pod, uid, condemned))
            .isEqualTo(ClaimOwnership.desiredRefs(claim(refs), retain, pod, uid, condemned));
      }
    }
  }

  // --- TestPodClaimIsStale ----------------------------------------------------------------

  static Stream<Arguments> staleCases() {
    return Stream.of(
        arguments("no references", List.of(), false),
        arguments("stale pod reference", List.of(plain("v1", "Pod", "set-3", "stale")), true),
        // The pod about to be created has no uid yet, so any uid in a reference to it is stale.
        arguments("reference with a uid", List.of(plain("v1", "Pod", "set-3", "123")), true),
        arguments("controller reference with a uid", List.of(podController("set-3", "123")), true),
        arguments("reference without a uid", List.of(plain("v1", "Pod", "set-3", "")), false),
        arguments("another pod", List.of(plain("v1", "Pod", "set-4", "stale")), false),
        arguments("the set, not the pod", List.of(setController("set", "set-uid")), false),
        // matchesRef compares apiVersion and kind too: a bare name is not our pod.
        arguments("name only", List.of(plain("", "", "set-3", "stale")), false),
        arguments("another kind", List.of(plain("v1", "Service", "set-3", "stale")), false),
        // The first reference naming the pod decides, as upstream's hasStaleOwnerRef returns
        // on its first match.
        arguments(
            "first reference decides",
            List.of(plain("v1", "Pod", "set-3", ""), plain("v1", "Pod", "set-3", "stale")),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staleCases")
  @Tag("R-PVC-11")
  void claimOfANewPod_isStale_whenScaledDelete(
      String name, List<OwnerReference> refs, boolean stale) {
    for (RetentionPolicyType whenDeleted : RetentionPolicyType.values()) {
      StatefulSet set = set("set", "set-uid", 3, ClaimRetentionPolicy.of(whenDeleted, DELETE));

      assertThat(ClaimOwnership.isStaleForNewPod(claim(refs), set, "set-3")).isEqualTo(stale);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staleCases")
  @Tag("R-PVC-11")
  void claim_isNeverStale_whenScaledRetain(
      String name, List<OwnerReference> refs, boolean stale) {
    for (ClaimRetentionPolicy policy :
        List.of(
            ClaimRetentionPolicy.of(RETAIN, RETAIN),
            ClaimRetentionPolicy.of(DELETE, RETAIN),
            new ClaimRetentionPolicy(null, null))) {
      StatefulSet set = set("set", "set-uid", 3, policy);

      assertThat(ClaimOwnership.isStaleForNewPod(claim(refs), set, "set-3")).isFalse();
    }
  }
}
