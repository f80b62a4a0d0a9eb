package dev.ordinal.benchmarks;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
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
import dev.ordinal.core.revision.Revisions;
import dev.ordinal.core.validation.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the observations the benchmarks plan over: the {@code web} StatefulSet of the Kubernetes
 * StatefulSet tutorial (service {@code nginx}, selector {@code app=nginx}, one container, one claim
 * template {@code www} of 1Gi, OrderedReady, retention Retain/Retain) at a scale of {@code n} pods,
 * with its ControllerRevisions, pods and claims as an informer cache would hold them:
 *
 * <ul>
 *   <li>pods and claims listed in a random order (shuffled with {@link #SEED}), allocated in
 *       ordinal order as a cluster creates them;
 *   <li>every pod owned by the set, labelled as the controller labels it ({@code app}, pod-name,
 *       pod-index, controller-revision-hash), with its claim volume, hostname and subdomain;
 *   <li>every pod's claim present with the owner references the retention policy asks for (none
 *       for Retain/Retain, see {@link #claimOwners});
 *   <li>label values and names as distinct string instances, as a JSON decoder produces them, so
 *       that comparisons cost what they cost on decoded objects (keys are shared, as decoders
 *       canonicalize them).
 * </ul>
 */
public final class Observations {

  /** The seed of the shuffles: every run plans over the same order. */
  public static final long SEED = 0x5EED_0D1AL;

  static final String SET_NAME = "web";
  static final String NAMESPACE = "default";
  static final String SET_UID = "6f1e3c52-9b0d-4e47-8a1f-2d5c7b9e0a13";
  static final String SERVICE = "nginx";
  static final String CLAIM_TEMPLATE = "www";
  static final String IMAGE = "k8s.gcr.io/nginx-slim:0.8";
  static final String UPDATED_IMAGE = "k8s.gcr.io/nginx-slim:0.9";
  static final Instant NOW = Instant.parse("2025-11-30T12:00:00Z");
  static final Instant CREATED = NOW.minus(Duration.ofDays(3));
  static final Instant READY_SINCE = NOW.minus(Duration.ofHours(1));

  private Observations() {}

  /**
   * Returns the observation of a scenario at scale {@code n}.
   *
   * @throws IllegalArgumentException if {@code n} is below 2
   */
  public static Observation of(Scenario scenario, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("n must be at least 2: " + n);
    }
    int half = n / 2;
    switch (scenario) {
      case STEADY:
        return build(set(n, PodManagementPolicy.ORDERED_READY, null, IMAGE, 1), n, false, 1);
      case SCALE_UP_ORDERED:
        return build(set(n, PodManagementPolicy.ORDERED_READY, null, IMAGE, 1), half, false, 1);
      case SCALE_UP_PARALLEL:
        return build(set(n, PodManagementPolicy.PARALLEL, null, IMAGE, 1), half, false, 1);
      case MID_ROLLOUT_MAX_UNAVAILABLE_1:
        return build(
            set(n, PodManagementPolicy.ORDERED_READY, IntOrString.of(1), UPDATED_IMAGE, 2),
            n,
            true,
            2);
      case MID_ROLLOUT_MAX_UNAVAILABLE_10PCT:
        return build(
            set(n, PodManagementPolicy.ORDERED_READY, IntOrString.of("10%"), UPDATED_IMAGE, 2),
            n,
            true,
            2);
      case SCALE_DOWN:
        // The spec change bumped the generation; the status is still the previous sync's.
        return build(set(half, PodManagementPolicy.ORDERED_READY, null, IMAGE, 2), n, false, 1);
      default:
        throw new AssertionError("bug: unknown scenario " + scenario);
    }
  }

  /**
   * Checks that a plan of {@code of(scenario, n)} does what the scenario says; the benchmarks call
   * it in their setup so that they never time a plan of the wrong shape.
   *
   * @throws IllegalStateException if it does not, with the plan's action counts
   */
  public static void verify(Scenario scenario, int n, ReconcilePlan plan) {
    int half = n / 2;
    Map<String, Integer> expected = new TreeMap<>();
    switch (scenario) {
      case STEADY:
        break;
      case SCALE_UP_ORDERED:
        expected.put("CreateClaim", 1);
        expected.put("CreatePod", 1);
        break;
      case SCALE_UP_PARALLEL:
        expected.put("CreateClaim", n - half);
        expected.put("CreatePod", n - half);
        break;
      case MID_ROLLOUT_MAX_UNAVAILABLE_1:
        expected.put("DeletePod/UPDATE", 1);
        expected.put("WriteStatus", 1);
        break;
      case MID_ROLLOUT_MAX_UNAVAILABLE_10PCT:
        expected.put("DeletePod/UPDATE", Math.min(half, Math.max(1, n / 10)));
        expected.put("WriteStatus", 1);
        break;
      case SCALE_DOWN:
        expected.put("DeletePod/SCALE_DOWN", 1);
        expected.put("WriteStatus", 1);
        break;
      default:
        throw new AssertionError("bug: unknown scenario " + scenario);
    }
    Map<String, Integer> actual = counts(plan.actions());
    boolean anomalies = !plan.anomalies().isEmpty();
    if (!actual.equals(expected) || anomalies || (scenario == Scenario.STEADY && !plan.isEmpty())) {
      throw new IllegalStateException(
          "the observation of "
              + scenario
              + " at n = "
              + n
              + " is not what it claims to be: expected actions "
              + expected
              + ", planned "
              + actual
              + (anomalies ? ", anomalies " + plan.anomalies() : "")
              + ", stop "
              + plan.stop());
    }
  }

  private static Map<String, Integer> counts(List<Action> actions) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Action a : actions) {
      String key = a.getClass().getSimpleName();
      if (a instanceof Action.DeletePod) {
        DeleteReason reason = ((Action.DeletePod) a).reason();
        key += "/" + reason;
      }
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  /** Returns the tutorial's pod template with this image. */
  static PodTemplate template(String image) {
    return PodTemplate.of(
        Map.of(
            "metadata", Map.of("labels", Map.of("app", "nginx")),
            "spec",
                Map.of(
                    "containers",
                    List.of(
                        Map.of(
                            "name", "nginx",
                            "image", image,
                            "ports", List.of(Map.of("containerPort", 80, "name", "web")),
                            "volumeMounts",
                                List.of(
                                    Map.of(
                                        "name", CLAIM_TEMPLATE,
                                        "mountPath", "/usr/share/nginx/html")))))));
  }

  /**
   * Returns the tutorial's set, defaulted, with {@code replicas}, a policy, an optional
   * maxUnavailable (with partition 0) and the template of {@code image}; its status comes later.
   */
  static StatefulSet set(
      int replicas,
      PodManagementPolicy policy,
      @Nullable IntOrString maxUnavailable,
      String image,
      long generation) {
    ImmutableStatefulSetSpec.Builder spec =
        StatefulSetSpec.builder()
            .replicas(replicas)
            .selector(LabelSelector.of(Map.of("app", "nginx")))
            .serviceName(SERVICE)
            .template(template(image))
            .addVolumeClaimTemplate(VolumeClaimTemplate.of(CLAIM_TEMPLATE, "1Gi"))
            .podManagementPolicy(policy);
    if (maxUnavailable != null) {
      spec.updateStrategy(UpdateStrategy.rollingUpdateWith(new RollingUpdate(0, maxUnavailable)));
    }
    return Defaults.apply(
        StatefulSet.builder()
            .name(SET_NAME)
            .namespace(NAMESPACE)
            .uid(SET_UID)
            .generation(generation)
            .creationTimestamp(CREATED)
            .spec(spec.build())
            .build());
  }

  /**
   * Returns the observation of {@code set} with pods (and their claims) of ordinals {@code 0 ..
   * pods-1}, all Running and Ready. With {@code rollout}, the set's template is the update
   * revision, and only pods {@code pods/2 ..} carry it; the others carry the revision of the
   * tutorial's original template. The status is what a sync over these pods wrote, at generation
   * {@code observedGeneration}.
   */
  private static Observation build(
      StatefulSet set, int pods, boolean rollout, long observedGeneration) {
    ControllerRevision update = revision(set, rollout ? 2 : 1);
    ControllerRevision current =
        rollout
            ? revision(
                set
                    .withSpec(
                        set.spec().withTemplate(template(IMAGE))),
                1)
            : update;
    ClaimRetentionPolicy policy = set.spec().effectiveRetentionPolicy();
    int replicas = set.spec().effectiveReplicas();
    List<ObservedPod> podList = new ArrayList<>(pods);
    List<ObservedClaim> claimList = new ArrayList<>(pods);
    int atCurrent = 0;
    int atUpdate = 0;
    for (int ordinal = 0; ordinal < pods; ordinal++) {
      ControllerRevision revision = rollout && ordinal < pods / 2 ? current : update;
      atCurrent += revision == current ? 1 : 0;
      atUpdate += revision == update ? 1 : 0;
      ObservedPod pod = pod(ordinal, revision.name());
      podList.add(pod);
      claimList.add(claim(ordinal, policy, pod.name(), pod.uid(), ordinal >= replicas));
    }
    Random random = new Random(SEED);
    Collections.shuffle(podList, random);
    Collections.shuffle(claimList, random);

    StatefulSetStatus status =
        StatefulSetStatus.builder()
            .observedGeneration(observedGeneration)
            .replicas(pods)
            .readyReplicas(pods)
            .currentReplicas(atCurrent)
            .updatedReplicas(atUpdate)
            .availableReplicas(pods)
            .currentRevision(current.name())
            .updateRevision(update.name())
            .collisionCount(0)
            .build();
    return Observation.builder()
        .set(set.withStatus(status))
        .pods(podList)
        .claims(claimList)
        .revisions(rollout ? List.of(current, update) : List.of(update))
        .now(NOW)
        .build();
  }

  /** Returns the ControllerRevision of the set's template, as the apiserver stored it. */
  private static ControllerRevision revision(StatefulSet set, long number) {
    ControllerRevision r = Revisions.newRevision(set, number, 0);
    return r
        .withUid(uid(0xC0, number))
        .withCreationTimestamp(CREATED.plusSeconds(number));
  }

  /** Returns pod {@code web-<ordinal>} as the controller created it, Running and Ready. */
  private static ObservedPod pod(int ordinal, String revision) {
    String name = PodNames.podName(SET_NAME, ordinal);
    return ObservedPod.builder()
        .name(name)
        .namespace(NAMESPACE)
        .uid(uid(0x90, ordinal))
        .putLabel("app", fresh("nginx"))
        .putLabel(ObservedPod.POD_NAME_LABEL, fresh(name))
        .putLabel(ObservedPod.POD_INDEX_LABEL, Integer.toString(ordinal))
        .putLabel(ObservedPod.REVISION_LABEL, fresh(revision))
        .addOwnerReference(
            OwnerReference.controllerRef(
                OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, SET_NAME, fresh(SET_UID)))
        .creationTimestamp(CREATED.plusSeconds(ordinal))
        .phase(PodPhase.RUNNING)
        .ready(true)
        .readyTransitionTime(READY_SINCE)
        .putClaimVolume(
            CLAIM_TEMPLATE, PodNames.claimName(CLAIM_TEMPLATE, SET_NAME, ordinal))
        .hostname(fresh(name))
        .subdomain(fresh(SERVICE))
        .build();
  }

  /** Returns the claim of pod {@code web-<ordinal>} with the owners the policy gives it. */
  private static ObservedClaim claim(
      int ordinal, ClaimRetentionPolicy policy, String podName, String podUid, boolean condemned) {
    return ObservedClaim.builder()
        .name(PodNames.claimName(CLAIM_TEMPLATE, SET_NAME, ordinal))
        .namespace(NAMESPACE)
        .uid(uid(0xA0, ordinal))
        .putLabel("app", fresh("nginx"))
        .ownerReferences(claimOwners(policy, podName, podUid, condemned))
        .build();
  }

  /**
   * Returns the owner references a claim carries once the controller has applied the retention
   * policy (R-PVC-8): the set as controller when {@code whenDeleted} is Delete, the pod instead
   * when {@code whenScaled} is Delete and the pod is condemned, nothing under Retain/Retain.
   */
  static List<OwnerReference> claimOwners(
      ClaimRetentionPolicy policy, String podName, String podUid, boolean condemned) {
    boolean scaledDelete = policy.effectiveWhenScaled() == RetentionPolicyType.DELETE;
    boolean deletedDelete = policy.effectiveWhenDeleted() == RetentionPolicyType.DELETE;
    List<OwnerReference> refs = new ArrayList<>(1);
    if (scaledDelete && condemned) {
      refs.add(OwnerReference.controllerRef("v1", OwnerReference.POD, fresh(podName), podUid));
    } else if (deletedDelete) {
      refs.add(
          OwnerReference.controllerRef(
              OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, SET_NAME, fresh(SET_UID)));
    }
    return refs;
  }

  /**
   * Returns a uid that is unique per kind and number, shaped like the apiserver's. Written by hand:
   * String.format made the setup of 100 000 pods take seconds.
   */
  private static String uid(int kind, long number) {
    char[] c = "00000000-0000-4000-8000-000000000000".toCharArray();
    hex(c, 0, 8, number);
    hex(c, 9, 4, kind);
    hex(c, 24, 12, number);
    return new String(c);
  }

  private static void hex(char[] c, int from, int width, long value) {
    long v = value;
    for (int i = from + width - 1; i >= from; i--) {
      c[i] = Character.forDigit((int) (v & 0xF), 16);
      v >>>= 4;
    }
  }

  /** Returns an equal string that shares nothing with {@code s}, as a decoder's output would. */
  private static String fresh(String s) {
    return new String(s.toCharArray());
  }
}
