package dev.ordinal.invariants;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The StatefulSet controller's invariants, one named static check each, over api values: the
 * observation before a step, the plan of a sync, the observation after. Every check returns the
 * {@link InvariantViolation}s it finds, named after the method, and never throws for a broken
 * invariant; {@link #assertAll} throws them together.
 *
 * <p>Three kinds of checks:
 *
 * <ul>
 *   <li><b>Upstream's test invariants</b>, ported from {@code stateful_set_control_test.go}: {@link
 *       #monotonic} ({@code assertMonotonicInvariants}), {@link #burst} ({@code
 *       assertBurstInvariants}), {@link #update} ({@code assertUpdateInvariants}) and {@link
 *       #claimInvariants} ({@code checkClaimInvarients}). Upstream checks them after every sync of
 *       its scale-up, scale-down and update drivers, which sync after each pod step and never fail
 *       a pod or drop its readiness. Outside such a driver they do not hold: a pod that loses
 *       readiness makes a Ready successor break the monotonic order, and a rolling update breaks it
 *       by design. They are therefore not part of {@link #checkAll}.
 *   <li><b>State invariants</b> that hold in every state a controller-managed cluster reaches from
 *       a clean start: {@link #identityAndStorage}, {@link #onePodPerOrdinal}.
 *   <li><b>Step invariants</b> over a sync's plan or a step's before and after: {@link
 *       #noForeignPodTouched}, {@link #noPodCreatedOverAnother}, {@link #orderedReadyCreation},
 *       {@link #orderedReadyScaleDown}, {@link #rollingUpdateRespectsMaxUnavailable}, {@link
 *       #statusValid}, {@link #claimsDeletedOnlyByRetention} and {@link #noDataLost}. The plan
 *       checks hold for any observation at all, so they also serve random observations ({@link
 *       #checkPlan}).
 * </ul>
 *
 * <p>These checks are written from the rules, not from the planner's code, so that they can catch
 * it out. They assume the default {@code ReconcilerOptions} (Kubernetes v1.35).
 *
 * @since 0.1.0
 */
public final class StatefulSetInvariants {

  private StatefulSetInvariants() {}

  /** {@link #checkAll} as an {@link Invariant}. */
  public static final Invariant ALL = StatefulSetInvariants::checkAll;

  /**
   * Upstream's scale-driver invariants as an {@link Invariant} over the state after a step: {@link
   * #monotonic} for OrderedReady sets, {@link #burst} for Parallel ones.
   */
  public static final Invariant UPSTREAM_SCALE =
      step ->
          step.after().set().spec().effectivePodManagementPolicy()
                  == PodManagementPolicy.ORDERED_READY
              ? monotonic(step.after())
              : burst(step.after());

  /** Upstream's update-driver invariants as an {@link Invariant}: {@link #update} after a step. */
  public static final Invariant UPSTREAM_UPDATE = step -> update(step.after());

  // ---------------------------------------------------------------------------------------------
  // Composites

  /**
   * Returns the violations of every invariant that holds in every step of a cluster the controller
   * manages from a clean start: the state invariants over {@code step.after()}, the step
   * invariants, and the plan invariants when the step was a sync. Upstream's driver invariants are
   * not included (see the class comment).
   *
   * @throws NullPointerException if step is null
   */
  public static List<InvariantViolation> checkAll(SyncStep step) {
    List<InvariantViolation> out = new ArrayList<>();
    out.addAll(identityAndStorage(step.after()));
    out.addAll(onePodPerOrdinal(step.after()));
    out.addAll(claimsDeletedOnlyByRetention(step.before(), step.after()));
    ReconcilePlan plan = step.plan();
    if (plan != null) {
      out.addAll(checkPlan(step.before(), plan));
    }
    return out;
  }

  /**
   * Returns the violations of the invariants over a plan and the observation it was made from. They
   * hold for any observation, however odd, so they suit random observations. {@link #statusValid}
   * is not among them: upstream breaks it (see there).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> checkPlan(Observation before, ReconcilePlan plan) {
    List<InvariantViolation> out = new ArrayList<>();
    out.addAll(noForeignPodTouched(before, plan));
    out.addAll(noPodCreatedOverAnother(before, plan));
    out.addAll(orderedReadyCreation(before, plan));
    out.addAll(orderedReadyScaleDown(before, plan));
    out.addAll(rollingUpdateRespectsMaxUnavailable(before, plan));
    return out;
  }

  /**
   * Throws if {@link #checkAll} finds anything.
   *
   * @throws AssertionError listing every violation and describing the step's observations
   */
  public static void assertAll(SyncStep step) {
    List<InvariantViolation> violations = checkAll(step);
    if (!violations.isEmpty()) {
      throw new AssertionError(report(violations, step));
    }
  }

  /**
   * Throws if there are violations, for tests that check a state or a plan without a step.
   *
   * @throws AssertionError listing every violation
   */
  public static void assertNone(List<InvariantViolation> violations) {
    if (!violations.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(violations.size()).append(" invariant violation(s):");
      for (InvariantViolation v : violations) {
        sb.append("\n  ").append(v);
      }
      throw new AssertionError(sb.toString());
    }
  }

  /** Returns the violations and the step, readable. */
  static String report(List<InvariantViolation> violations, SyncStep step) {
    StringBuilder sb = new StringBuilder();
    sb.append(violations.size()).append(" invariant violation(s):\n");
    for (InvariantViolation v : violations) {
      sb.append("  ").append(v).append('\n');
    }
    sb.append("before:\n").append(ObservationText.describe(step.before()));
    if (step.plan() != null) {
      sb.append("plan:\n");
      for (Action a : step.plan().actions()) {
        sb.append("  ")
            .append(a.getClass().getSimpleName())
            .append(' ')
            .append(a.target())
            .append('\n');
      }
    }
    sb.append("after:\n").append(ObservationText.describe(step.after()));
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Upstream's test invariants (stateful_set_control_test.go)

  /**
   * Upstream's {@code assertMonotonicInvariants}: over the pods the set selects, in ordinal order,
   * no pod is Running and Ready while its predecessor is not, ordinals run without a gap from
   * {@code ordinals.start}, and every pod has its identity, its storage and claims that satisfy
   * {@link #claimInvariants}.
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> monotonic(Observation obs) {
    String name = "monotonic";
    List<InvariantViolation> out = new ArrayList<>();
    StatefulSet set = obs.set();
    List<ObservedPod> pods = selectedPods(obs);
    int start = set.spec().startOrdinal();
    for (int idx = 0; idx < pods.size(); idx++) {
      ObservedPod pod = pods.get(idx);
      if (idx > 0 && isRunningAndReady(pod) && !isRunningAndReady(pods.get(idx - 1))) {
        out.add(
            violation(
                name,
                "successor "
                    + pod.name()
                    + " is Running and Ready while "
                    + pods.get(idx - 1).name()
                    + " is not"));
      }
      if (pod.ordinal() != idx + start) {
        out.add(
            violation(
                name,
                "pod "
                    + pod.name()
                    + " deployed in the wrong order: expected"
                    + " ordinal "
                    + (idx + start)));
      }
      podShape(name, obs, pod, false, out);
    }
    return out;
  }

  /**
   * Upstream's {@code assertBurstInvariants}: every pod the set selects has its identity and its
   * storage, and every claim it should have exists and satisfies {@link #claimInvariants}. No
   * ordering.
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> burst(Observation obs) {
    List<InvariantViolation> out = new ArrayList<>();
    for (ObservedPod pod : selectedPods(obs)) {
      podShape("burst", obs, pod, true, out);
    }
    return out;
  }

  /**
   * Upstream's {@code assertUpdateInvariants}: {@link #burst}'s checks, and for RollingUpdate the
   * first {@code status.currentReplicas} pods in ordinal order carry {@code status.currentRevision}
   * and the last {@code status.updatedReplicas} carry {@code status.updateRevision}.
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> update(Observation obs) {
    String name = "update";
    List<InvariantViolation> out = new ArrayList<>();
    List<ObservedPod> pods = selectedPods(obs);
    for (ObservedPod pod : pods) {
      podShape(name, obs, pod, true, out);
    }
    StatefulSet set = obs.set();
    if (set.spec().updateStrategy().type() != UpdateStrategyType.ROLLING_UPDATE) {
      return out;
    }
    revisionOrder(name, set.status(), pods, out);
    return out;
  }

  /**
   * {@link #update} for drivers that go beyond upstream's: the revision order is checked only
   * while every pod it covers is at {@code status.currentRevision} or {@code status.updateRevision}
   * (a template change in mid-rollout leaves pods at a third revision, and a rollback makes the old
   * revision the update revision while it sits at the bottom), and with {@code liveOnly} only over
   * pods that are not terminating. Upstream's fake deletes pods at once, so its list never holds
   * terminating pods; with graceful deletion a terminating pod keeps its old revision but no longer
   * counts in {@code currentReplicas} or {@code updatedReplicas} (R-STATUS-4).
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> updateOverTwoRevisions(Observation obs, boolean liveOnly) {
    String name = "updateOverTwoRevisions";
    List<InvariantViolation> out = new ArrayList<>();
    List<ObservedPod> pods = selectedPods(obs);
    for (ObservedPod pod : pods) {
      podShape(name, obs, pod, true, out);
    }
    StatefulSet set = obs.set();
    if (set.spec().updateStrategy().isOnDelete()) {
      return out; // an unset type is RollingUpdate, as defaulting makes it
    }
    StatefulSetStatus status = set.status();
    List<ObservedPod> ordered =
        liveOnly ? pods.stream().filter(p -> !isTerminating(p)).toList() : pods;
    for (ObservedPod pod : ordered) {
      if (!pod.revision().equals(status.currentRevision())
          && !pod.revision().equals(status.updateRevision())) {
        return out;
      }
    }
    revisionOrder(name, status, ordered, out);
    return out;
  }

  /**
   * The first {@code status.currentReplicas} pods carry {@code status.currentRevision}, the last
   * {@code status.updatedReplicas} carry {@code status.updateRevision}.
   */
  private static void revisionOrder(
      String name, StatefulSetStatus status, List<ObservedPod> pods, List<InvariantViolation> out) {
    for (int i = 0; i < status.currentReplicas() && i < pods.size(); i++) {
      if (!status.currentRevision().equals(pods.get(i).revision())) {
        out.add(
            violation(
                name,
                "pod "
                    + pods.get(i).name()
                    + " want current revision "
                    + status.currentRevision()
                    + " got "
                    + pods.get(i).revision()));
      }
    }
    for (int i = pods.size() - 1, j = 0; j < status.updatedReplicas(); i--, j++) {
      if (i < 0) {
        out.add(
            violation(
                name,
                "status.updatedReplicas "
                    + status.updatedReplicas()
                    + " exceeds the "
                    + pods.size()
                    + " pods"));
        break;
      }
      if (!status.updateRevision().equals(pods.get(i).revision())) {
        out.add(
            violation(
                name,
                "pod "
                    + pods.get(i).name()
                    + " want update revision "
                    + status.updateRevision()
                    + " got "
                    + pods.get(i).revision()));
      }
    }
  }

  /**
   * Upstream's {@code checkClaimInvarients} for every pod the set owns: a missing claim is a
   * violation only with {@code whenScaled: Retain}; once a pod is Running and Ready its claims
   * carry exactly the owner references R-PVC-8's table gives (the set's for {@code whenDeleted:
   * Delete} on an in-range pod, the pod's for {@code whenScaled: Delete} on a condemned pod).
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> claimInvariants(Observation obs) {
    List<InvariantViolation> out = new ArrayList<>();
    for (ObservedPod pod : ownedPods(obs)) {
      for (VolumeClaimTemplate t : obs.set().spec().volumeClaimTemplates()) {
        String claimName = PodNames.claimName(t.name(), obs.set().name(), pod.ordinal());
        claimInvariant("claimInvariants", obs.set(), pod, obs.claim(claimName), out);
      }
    }
    return out;
  }

  /** The identity, storage and claim part shared by upstream's three invariant helpers. */
  private static void podShape(
      String name,
      Observation obs,
      ObservedPod pod,
      boolean claimMustExist,
      List<InvariantViolation> out) {
    StatefulSet set = obs.set();
    if (!storageMatches(set, pod)) {
      out.add(
          violation(
              name,
              "pod "
                  + pod.name()
                  + " does not match the storage specification of"
                  + " StatefulSet "
                  + set.name()));
    }
    for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
      String claimName = PodNames.claimName(t.name(), set.name(), pod.ordinal());
      ObservedClaim claim = obs.claim(claimName);
      if (claim == null && claimMustExist) {
        out.add(violation(name, "claim " + claimName + " of pod " + pod.name() + " not found"));
        continue;
      }
      claimInvariant(name, set, pod, claim, out);
    }
    if (!identityMatches(set, pod)) {
      out.add(
          violation(
              name,
              "pod "
                  + pod.name()
                  + " does not match the identity specification"
                  + " of StatefulSet "
                  + set.name()));
    }
  }

  private static void claimInvariant(
      String name,
      StatefulSet set,
      ObservedPod pod,
      @Nullable ObservedClaim claim,
      List<InvariantViolation> out) {
    ClaimRetentionPolicy policy = set.spec().effectiveRetentionPolicy();
    boolean scaledRetain = policy.effectiveWhenScaled() == RetentionPolicyType.RETAIN;
    boolean deletedRetain = policy.effectiveWhenDeleted() == RetentionPolicyType.RETAIN;
    if (claim == null) {
      if (scaledRetain) {
        out.add(violation(name, "claim for pod " + pod.name() + " was not created"));
      }
      return;
    }
    if (!isRunningAndReady(pod)) {
      return; // owner references are set once the pod has started
    }
    boolean setRef = hasOwner(claim, set.uid());
    boolean podRef = hasOwner(claim, pod.uid());
    boolean inRange = inRange(set.spec(), pod.ordinal());
    String c = claim.name();
    if (scaledRetain && deletedRetain) {
      if (setRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " has unexpected owner ref on "
                    + set.name()
                    + " for StatefulSet retain"));
      }
      if (podRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " has unexpected owner ref on pod "
                    + pod.name()
                    + " for StatefulSet retain"));
      }
    } else if (scaledRetain) {
      if (!setRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " does not have owner ref on "
                    + set.name()
                    + " for StatefulSet deletion"));
      }
      if (podRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " has unexpected owner ref on pod "
                    + pod.name()
                    + " for StatefulSet deletion"));
      }
    } else if (deletedRetain) {
      if (setRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " has unexpected owner ref on "
                    + set.name()
                    + " for scaledown only"));
      }
      if (!inRange && !podRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " does not have owner ref on condemned pod "
                    + pod.name()
                    + " for scaledown delete"));
      }
      if (inRange && podRef) {
        out.add(
            violation(
                name,
                "claim "
                    + c
                    + " has unexpected owner ref on pod "
                    + pod.name()
                    + " for scaledown delete"));
      }
    } else if (!inRange) {
      if (!podRef || setRef) {
        out.add(
            violation(
                name, "condemned claim " + c + " has bad owner refs: " + claim.ownerReferences()));
      }
    } else if (podRef || !setRef) {
      out.add(
          violation(name, "live claim " + c + " has bad owner refs: " + claim.ownerReferences()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // State invariants

  /**
   * Every pod the set owns has its identity (R-ID-2: name {@code <set>-<ordinal>}, the set's
   * namespace, the pod-name label) and its storage (R-PVC-5: a volume per claim template naming its
   * claim), so it never mounts another ordinal's data.
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> identityAndStorage(Observation obs) {
    String name = "identityAndStorage";
    List<InvariantViolation> out = new ArrayList<>();
    StatefulSet set = obs.set();
    for (ObservedPod pod : ownedPods(obs)) {
      if (!identityMatches(set, pod)) {
        out.add(
            violation(
                name,
                pod.name()
                    + " does not have the identity of "
                    + set.name()
                    + " ordinal "
                    + pod.ordinal()));
      }
      if (!storageMatches(set, pod)) {
        out.add(
            violation(name, pod.name() + " does not mount its own claims: " + pod.claimVolumes()));
      }
    }
    return out;
  }

  /**
   * Never two live (not terminating) pods the set owns for one ordinal.
   *
   * @throws NullPointerException if obs is null
   */
  public static List<InvariantViolation> onePodPerOrdinal(Observation obs) {
    List<InvariantViolation> out = new ArrayList<>();
    Map<Integer, String> seen = new HashMap<>();
    for (ObservedPod pod : ownedPods(obs)) {
      if (pod.ordinal() < 0 || isTerminating(pod)) {
        continue;
      }
      String other = seen.putIfAbsent(pod.ordinal(), pod.name());
      if (other != null) {
        out.add(
            violation(
                "onePodPerOrdinal",
                "ordinal "
                    + pod.ordinal()
                    + " has two live pods: "
                    + other
                    + " and "
                    + pod.name()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Plan invariants

  /**
   * The plan touches no pod the set does not own: it deletes, updates and releases only pods whose
   * controller is the set (or that it adopts earlier in the plan), and adopts only orphans in its
   * namespace that it selects, whose names make them members, and that are not terminating
   * (R-ADOPT-3, R-ADOPT-4).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> noForeignPodTouched(
      Observation before, ReconcilePlan plan) {
    String name = "noForeignPodTouched";
    List<InvariantViolation> out = new ArrayList<>();
    StatefulSet set = before.set();
    Set<String> adopted = new HashSet<>();
    for (Action a : plan.actions()) {
      String podName;
      String uid;
      if (a instanceof Action.AdoptPod) {
        Action.AdoptPod adopt = (Action.AdoptPod) a;
        ObservedPod pod = pod(before, adopt.name(), adopt.uid());
        if (pod == null) {
          out.add(violation(name, "adopts " + adopt.name() + ", which is not observed"));
        } else if (pod.controllerRef() != null) {
          out.add(
              violation(
                  name,
                  "adopts "
                      + pod.name()
                      + ", which "
                      + pod.controllerRef().kind()
                      + " "
                      + pod.controllerRef().name()
                      + " controls"));
        } else if (!pod.namespace().equals(set.namespace())
            || !selects(set, pod)
            || isTerminating(pod)) {
          out.add(
              violation(
                  name,
                  "adopts "
                      + pod.name()
                      + ", which is not a selected,"
                      + " live member of "
                      + set.name()
                      + " in its namespace"));
        } else {
          adopted.add(pod.name());
        }
        continue;
      } else if (a instanceof Action.DeletePod) {
        podName = ((Action.DeletePod) a).name();
        uid = ((Action.DeletePod) a).uid();
      } else if (a instanceof Action.UpdatePod) {
        podName = ((Action.UpdatePod) a).name();
        uid = ((Action.UpdatePod) a).uid();
      } else if (a instanceof Action.ReleasePod) {
        podName = ((Action.ReleasePod) a).name();
        uid = ((Action.ReleasePod) a).uid();
      } else {
        continue;
      }
      ObservedPod pod = pod(before, podName, uid);
      String verb = a.getClass().getSimpleName();
      if (pod == null) {
        out.add(
            violation(name, verb + " of " + podName + " (uid " + uid + "), which is not observed"));
      } else if (pod.controllerRef() == null) {
        if (!adopted.contains(podName)) {
          out.add(violation(name, verb + " of orphan " + podName + ", not adopted first"));
        }
      } else if (!pod.controllerRef().uid().equals(set.uid())) {
        out.add(
            violation(
                name,
                verb
                    + " of "
                    + podName
                    + ", which "
                    + pod.controllerRef().kind()
                    + " "
                    + pod.controllerRef().name()
                    + " controls"));
      }
    }
    return out;
  }

  /**
   * The plan never creates a pod for an ordinal that already has a live pod the set manages: with
   * the new one there would be two (R-NAME-5 keeps one pod per slot).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> noPodCreatedOverAnother(
      Observation before, ReconcilePlan plan) {
    List<InvariantViolation> out = new ArrayList<>();
    for (Action.CreatePod c : plan.actionsOf(Action.CreatePod.class)) {
      int ordinal = PodNames.ordinal(c.pod().name());
      for (ObservedPod pod : managedPods(before)) {
        if (pod.ordinal() == ordinal && !isTerminating(pod)) {
          out.add(
              violation(
                  "noPodCreatedOverAnother",
                  "creates "
                      + c.pod().name()
                      + " while "
                      + pod.name()
                      + " is live for ordinal "
                      + ordinal));
        }
      }
    }
    return out;
  }

  /**
   * OrderedReady creates at most one pod per sync, and creates ordinal {@code start + i} only when
   * every lower in-range ordinal has a pod that is Running, Ready, available for minReadySeconds
   * and not terminating (R-ORDER-2, R-ORDER-4..6).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> orderedReadyCreation(
      Observation before, ReconcilePlan plan) {
    String name = "orderedReadyCreation";
    List<InvariantViolation> out = new ArrayList<>();
    StatefulSetSpec spec = before.set().spec();
    if (spec.effectivePodManagementPolicy() != PodManagementPolicy.ORDERED_READY) {
      return out;
    }
    List<Action.CreatePod> creates = plan.actionsOf(Action.CreatePod.class);
    if (creates.size() > 1) {
      out.add(violation(name, "creates " + creates.size() + " pods in one sync"));
    }
    ObservedPod[] slots = slots(before);
    for (Action.CreatePod c : creates) {
      int index = PodNames.ordinal(c.pod().name()) - spec.startOrdinal();
      for (int i = 0; i < index && i < slots.length; i++) {
        String why = notReadyForSuccessor(before, slots[i]);
        if (why != null) {
          out.add(
              violation(
                  name,
                  "creates "
                      + c.pod().name()
                      + " while "
                      + PodNames.podName(before.set().name(), spec.startOrdinal() + i)
                      + " "
                      + why));
        }
      }
    }
    return out;
  }

  /**
   * OrderedReady deletes at most one pod per sync for a scale-down; it is the highest-ordinal
   * condemned pod, and every in-range ordinal has a pod that is Running, Ready, available and not
   * terminating (R-ORDER-8).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> orderedReadyScaleDown(
      Observation before, ReconcilePlan plan) {
    String name = "orderedReadyScaleDown";
    List<InvariantViolation> out = new ArrayList<>();
    StatefulSet set = before.set();
    if (set.spec().effectivePodManagementPolicy() != PodManagementPolicy.ORDERED_READY) {
      return out;
    }
    List<Action.DeletePod> deletes = new ArrayList<>();
    for (Action.DeletePod d : plan.actionsOf(Action.DeletePod.class)) {
      if (d.reason() == DeleteReason.SCALE_DOWN) {
        deletes.add(d);
      }
    }
    if (deletes.isEmpty()) {
      return out;
    }
    if (deletes.size() > 1) {
      out.add(violation(name, "deletes " + deletes.size() + " pods in one sync"));
    }
    int highest = -1;
    for (ObservedPod pod : managedPods(before)) {
      if (pod.ordinal() >= 0 && !inRange(set.spec(), pod.ordinal())) {
        highest = Math.max(highest, pod.ordinal());
      }
    }
    ObservedPod[] slots = slots(before);
    for (Action.DeletePod d : deletes) {
      int ordinal = PodNames.ordinal(d.name());
      if (ordinal != highest) {
        out.add(
            violation(
                name,
                "deletes " + d.name() + " while ordinal " + highest + " is the highest condemned"));
      }
      for (int i = 0; i < slots.length; i++) {
        String why = notReadyForSuccessor(before, slots[i]);
        if (why != null) {
          out.add(
              violation(
                  name,
                  "deletes "
                      + d.name()
                      + " while "
                      + PodNames.podName(set.name(), set.spec().startOrdinal() + i)
                      + " "
                      + why));
        }
      }
    }
    return out;
  }

  /**
   * A rolling update deletes pods only for RollingUpdate, only pods at or above the partition, not
   * at the update revision and not terminating, and no more than {@code maxUnavailable} less the
   * pods already unavailable (R-UPDATE-5, R-UPDATE-6, R-UPDATE-2), counting missing pods and pods
   * not yet available for minReadySeconds as unavailable.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> rollingUpdateRespectsMaxUnavailable(
      Observation before, ReconcilePlan plan) {
    String name = "rollingUpdateRespectsMaxUnavailable";
    List<InvariantViolation> out = new ArrayList<>();
    List<Action.DeletePod> deletes = new ArrayList<>();
    for (Action.DeletePod d : plan.actionsOf(Action.DeletePod.class)) {
      if (d.reason() == DeleteReason.UPDATE) {
        deletes.add(d);
      }
    }
    if (deletes.isEmpty()) {
      return out;
    }
    StatefulSetSpec spec = before.set().spec();
    if (spec.updateStrategy().type() != UpdateStrategyType.ROLLING_UPDATE) {
      out.add(
          violation(
              name, "deletes " + deletes.get(0).name() + " for an update under " + "OnDelete"));
      return out;
    }
    RollingUpdate ru = spec.updateStrategy().rollingUpdate();
    int partition = ru == null ? 0 : ru.effectivePartition();
    int replicas = spec.effectiveReplicas();
    int maxUnavailable = ru == null ? 1 : maxUnavailable(ru.maxUnavailable(), replicas);
    ObservedPod[] slots = slots(before);
    int unavailable = 0;
    for (ObservedPod slot : slots) {
      if (slot == null || notReadyForSuccessor(before, slot) != null) {
        unavailable++;
      }
    }
    int budget = Math.max(0, maxUnavailable - unavailable);
    if (deletes.size() > budget) {
      out.add(
          violation(
              name,
              "deletes "
                  + deletes.size()
                  + " pods for the update with "
                  + unavailable
                  + " unavailable and maxUnavailable "
                  + maxUnavailable));
    }
    String updateRevision = plan.status().updateRevision();
    for (Action.DeletePod d : deletes) {
      ObservedPod pod = pod(before, d.name(), d.uid());
      int index = PodNames.ordinal(d.name()) - spec.startOrdinal();
      if (index < partition || index >= replicas) {
        out.add(
            violation(
                name,
                "deletes "
                    + d.name()
                    + " for the update, outside the indexes "
                    + partition
                    + ".."
                    + (replicas - 1)));
      }
      if (pod != null && pod.revision().equals(updateRevision)) {
        out.add(violation(name, "deletes " + d.name() + ", already at " + updateRevision));
      }
      if (pod != null && isTerminating(pod)) {
        out.add(violation(name, "deletes " + d.name() + ", already terminating"));
      }
    }
    return out;
  }

  /**
   * The status the plan computes passes the apiserver's status validation against the stored one
   * (R-STATUS-11): counters not negative, none above {@code replicas}, available not above ready,
   * {@code collisionCount} not decremented.
   *
   * <p>Upstream breaks this one, and the planner with it: a rolling-update deletion decrements
   * {@code currentReplicas} (R-STATUS-4) even when the deleted pod was not counted at the current
   * revision (it is at a third revision, or has no revision label), so with {@code maxUnavailable}
   * of 2 or more, or such a pod, the status goes negative and the apiserver rejects the write. It
   * is therefore not part of {@link #checkPlan} or {@link #checkAll}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> statusValid(Observation before, ReconcilePlan plan) {
    List<InvariantViolation> out = new ArrayList<>();
    for (String problem : statusProblems(plan.status(), before.set().status())) {
      out.add(violation("statusValid", problem));
    }
    return out;
  }

  /**
   * The status a plan writes is its own status, written at most once, and valid (R-STATUS-11) once
   * the decrements upstream makes for rolling-update deletions of pods not counted at the current
   * revision are undone ({@link #statusValid} says why those happen). So this one holds for
   * upstream too, and catches any other invalid count.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> writtenStatusValid(
      Observation before, ReconcilePlan plan) {
    String name = "writtenStatusValid";
    List<InvariantViolation> out = new ArrayList<>();
    List<Action.WriteStatus> writes = plan.actionsOf(Action.WriteStatus.class);
    if (writes.size() > 1) {
      out.add(violation(name, writes.size() + " status writes in one plan"));
    }
    if (writes.isEmpty()) {
      return out;
    }
    StatefulSetStatus status = writes.get(0).status();
    if (!status.equals(plan.status())) {
      out.add(violation(name, "writes " + status + ", not the plan's " + plan.status()));
    }
    int uncounted = 0;
    for (Action.DeletePod d : plan.actionsOf(Action.DeletePod.class)) {
      ObservedPod pod = pod(before, d.name(), d.uid());
      if (d.reason() == DeleteReason.UPDATE
          && pod != null
          && !pod.revision().equals(status.currentRevision())) {
        uncounted++;
      }
    }
    StatefulSetStatus undone = status.withCurrentReplicas(status.currentReplicas() + uncounted);
    for (String problem : statusProblems(undone, before.set().status())) {
      out.add(violation(name, problem));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Claims and data

  /**
   * A claim of the set's namespace that is gone (or replaced by one of another uid) after a step
   * was deleted through the retention policy: the garbage collector may delete it because every
   * owner is gone, and one owner reference is the kind the policy in force before the step asks for
   * (a pod of the set with {@code whenScaled: Delete}, the set with {@code whenDeleted: Delete}).
   * The controller itself never deletes claims (R-PVC-8).
   *
   * <p>Upstream breaks this one when the user switches {@code whenScaled} from Delete to Retain
   * while a condemned pod terminates: if the pod is gone before the next sync, nothing scrubs its
   * claim's owner reference and the garbage collector deletes the claim under the new policy. A
   * scenario without retention changes does not reach that race.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> claimsDeletedOnlyByRetention(
      Observation before, Observation after) {
    List<InvariantViolation> out = new ArrayList<>();
    if (before.claims().equals(after.claims())) {
      return out; // most steps leave the claims alone; equal lists compare element identity first
    }
    for (ObservedClaim claim : before.claims()) {
      if (!claim.namespace().equals(before.set().namespace())) {
        continue;
      }
      ObservedClaim now = after.claim(claim.name());
      if (now != null && now.uid().equals(claim.uid())) {
        continue;
      }
      if (!deletedByRetention(claim, before, after)) {
        out.add(
            violation(
                "claimsDeletedOnlyByRetention",
                "claim "
                    + claim.name()
                    + (now == null ? " deleted" : " replaced")
                    + " with owners "
                    + owners(claim)
                    + " under retention "
                    + policy(before.set())));
      }
    }
    return out;
  }

  /**
   * No file written to a claim is lost, unless the claim itself was deleted through the retention
   * policy ({@link #claimsDeletedOnlyByRetention}'s rule). A simulated cluster keeps a map from
   * claim name to the files on its volume and passes it before and after a step.
   *
   * @param filesBefore claim name to the files on its volume before the step
   * @param filesAfter the same after the step
   * @throws NullPointerException if an argument is null
   */
  public static List<InvariantViolation> noDataLost(
      Observation before,
      Map<String, ? extends Set<String>> filesBefore,
      Observation after,
      Map<String, ? extends Set<String>> filesAfter) {
    String name = "noDataLost";
    List<InvariantViolation> out = new ArrayList<>();
    if (filesBefore.equals(filesAfter) && before.claims().equals(after.claims())) {
      return out;
    }
    for (Map.Entry<String, ? extends Set<String>> e : filesBefore.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      ObservedClaim claim = before.claim(e.getKey());
      ObservedClaim now = after.claim(e.getKey());
      if (claim != null && (now == null || !now.uid().equals(claim.uid()))) {
        if (!deletedByRetention(claim, before, after)) {
          out.add(
              violation(
                  name,
                  "claim "
                      + claim.name()
                      + " holding "
                      + e.getValue()
                      + " was deleted outside the retention policy "
                      + policy(before.set())));
        }
        continue;
      }
      Set<String> kept = filesAfter.get(e.getKey());
      Set<String> lost = new HashSet<>(e.getValue());
      if (kept != null) {
        lost.removeAll(kept);
      }
      if (!lost.isEmpty()) {
        out.add(violation(name, "claim " + e.getKey() + " lost files " + lost));
      }
    }
    return out;
  }

  private static boolean deletedByRetention(
      ObservedClaim claim, Observation before, Observation after) {
    List<OwnerReference> refs = claim.ownerReferences();
    if (refs.isEmpty()) {
      return false; // nothing but a user deletes an unowned claim
    }
    StatefulSet set = before.set();
    ClaimRetentionPolicy policy = set.spec().effectiveRetentionPolicy();
    boolean justified = false;
    for (OwnerReference r : refs) {
      boolean setRef = r.kind().equals(OwnerReference.STATEFUL_SET) && r.name().equals(set.name());
      boolean podRef =
          r.kind().equals(OwnerReference.POD) && PodNames.parentName(r.name()).equals(set.name());
      if (setRef) {
        if (r.uid().equals(after.set().uid()) && !after.set().isBeingDeleted()) {
          return false; // an owner lives: the garbage collector keeps the claim
        }
        justified |= policy.effectiveWhenDeleted() == RetentionPolicyType.DELETE;
      } else if (podRef) {
        for (ObservedPod p : after.pods()) {
          if (p.uid().equals(r.uid())) {
            return false;
          }
        }
        justified |= policy.effectiveWhenScaled() == RetentionPolicyType.DELETE;
      } else {
        return false; // a foreign owner we cannot see may live on
      }
    }
    return justified;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers, written from the rules (not shared with core, so that they can disagree with it)

  private static InvariantViolation violation(String invariant, String message) {
    return new InvariantViolation(invariant, message);
  }

  private static final Comparator<ObservedPod> ASCENDING_ORDINAL =
      Comparator.comparingInt(ObservedPod::ordinal).thenComparing(ObservedPod::name);

  /**
   * Returns the pods of the set's namespace its selector selects, ascending ordinal (upstream's
   * listing).
   *
   * @throws NullPointerException if obs is null
   */
  public static List<ObservedPod> selectedPods(Observation obs) {
    StatefulSet set = obs.set();
    LabelSelector selector = set.spec().selector();
    List<ObservedPod> out = new ArrayList<>();
    for (ObservedPod pod : obs.pods()) {
      if (pod.namespace().equals(set.namespace())
          && selector != null
          && selector.matches(pod.labels())) {
        out.add(pod);
      }
    }
    out.sort(ASCENDING_ORDINAL);
    return out;
  }

  /** Pods whose controller is the set, ascending ordinal. */
  private static List<ObservedPod> ownedPods(Observation obs) {
    StatefulSet set = obs.set();
    List<ObservedPod> out = new ArrayList<>();
    for (ObservedPod pod : obs.pods()) {
      OwnerReference c = pod.controllerRef();
      if (pod.namespace().equals(set.namespace()) && c != null && c.uid().equals(set.uid())) {
        out.add(pod);
      }
    }
    out.sort(ASCENDING_ORDINAL);
    return out;
  }

  /**
   * Pods a sync manages, in listing order: owned and selected members, and orphans it adopts
   * (R-ADOPT-1..4).
   */
  private static List<ObservedPod> managedPods(Observation obs) {
    StatefulSet set = obs.set();
    List<ObservedPod> out = new ArrayList<>();
    for (ObservedPod pod : obs.pods()) {
      if (!pod.namespace().equals(set.namespace()) || !selects(set, pod)) {
        continue;
      }
      OwnerReference c = pod.controllerRef();
      boolean owned = c != null && c.uid().equals(set.uid());
      boolean adoptable = c == null && !set.isBeingDeleted() && !isTerminating(pod);
      if (owned || adoptable) {
        out.add(pod);
      }
    }
    return out;
  }

  /** The managed pod of each replica slot, the later of two for one ordinal (R-NAME-5). */
  private static ObservedPod[] slots(Observation obs) {
    StatefulSetSpec spec = obs.set().spec();
    ObservedPod[] slots = new ObservedPod[spec.effectiveReplicas()];
    for (ObservedPod pod : managedPods(obs)) {
      if (pod.ordinal() >= 0 && inRange(spec, pod.ordinal())) {
        slots[pod.ordinal() - spec.startOrdinal()] = pod;
      }
    }
    return slots;
  }

  /**
   * Returns why a slot's pod keeps OrderedReady from going past it, or null if nothing does: it
   * must exist, be created, not terminating, not finished, Running and Ready, and available.
   */
  private static @Nullable String notReadyForSuccessor(Observation obs, @Nullable ObservedPod pod) {
    if (pod == null || pod.phase() == null) {
      return "does not exist";
    }
    if (isTerminating(pod)) {
      return "is terminating";
    }
    if (!isRunningAndReady(pod)) {
      return "is not Running and Ready";
    }
    if (!isAvailable(pod, obs.set().spec().minReadySeconds(), obs.now())) {
      return "is not available for minReadySeconds";
    }
    return null;
  }

  private static @Nullable ObservedPod pod(Observation obs, String name, String uid) {
    for (ObservedPod pod : obs.pods()) {
      if (pod.name().equals(name)
          && pod.namespace().equals(obs.set().namespace())
          && (uid.isEmpty() || pod.uid().equals(uid))) {
        return pod;
      }
    }
    return null;
  }

  private static boolean selects(StatefulSet set, ObservedPod pod) {
    LabelSelector selector = set.spec().selector();
    return selector != null
        && selector.matches(pod.labels())
        && PodNames.parentName(pod.name()).equals(set.name());
  }

  /** R-ID-2. */
  private static boolean identityMatches(StatefulSet set, ObservedPod pod) {
    int ordinal = pod.ordinal();
    return ordinal >= 0
        && pod.name().equals(PodNames.podName(set.name(), ordinal))
        && pod.namespace().equals(set.namespace())
        && pod.name().equals(pod.labels().get(ObservedPod.POD_NAME_LABEL));
  }

  /** R-PVC-5. */
  private static boolean storageMatches(StatefulSet set, ObservedPod pod) {
    if (pod.ordinal() < 0) {
      return false;
    }
    for (VolumeClaimTemplate t : set.spec().volumeClaimTemplates()) {
      String claim = pod.claimVolumes().get(t.name());
      if (!PodNames.claimName(t.name(), set.name(), pod.ordinal()).equals(claim)) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether the ordinal is one of the spec's replicas (R-NAME-4's range). */
  public static boolean inRange(StatefulSetSpec spec, int ordinal) {
    int start = spec.startOrdinal();
    return ordinal >= start && (long) ordinal < (long) start + spec.effectiveReplicas();
  }

  private static boolean isTerminating(ObservedPod pod) {
    return pod.deletionTimestamp() != null;
  }

  /** Returns whether the pod is Running and Ready (upstream's {@code isRunningAndReady}). */
  public static boolean isRunningAndReady(ObservedPod pod) {
    return pod.phase() == PodPhase.RUNNING && pod.ready();
  }

  /** P-AVAILABLE: Ready for minReadySeconds, the boundary inclusive. */
  private static boolean isAvailable(ObservedPod pod, int minReadySeconds, Instant now) {
    if (!pod.ready()) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = pod.readyTransitionTime();
    return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
  }

  private static boolean hasOwner(ObservedClaim claim, String uid) {
    for (OwnerReference r : claim.ownerReferences()) {
      if (r.uid().equals(uid)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the set's maxUnavailable as a number of pods (R-UPDATE-6): 1 without a {@code
   * rollingUpdate} block or value, a percentage of replicas rounded down, at least 1.
   */
  public static int maxUnavailable(StatefulSet set) {
    RollingUpdate ru = set.spec().updateStrategy().rollingUpdate();
    return maxUnavailable(ru == null ? null : ru.maxUnavailable(), set.spec().effectiveReplicas());
  }

  /** R-UPDATE-6: unset is 1, a percentage rounds down, at least 1. */
  private static int maxUnavailable(@Nullable IntOrString value, int replicas) {
    if (value == null) {
      return 1;
    }
    if (value.isInt()) {
      return Math.max(1, value.intValue());
    }
    String s = value.stringValue();
    long percent = Long.parseLong(s.substring(0, s.length() - 1));
    return (int) Math.max(1, percent * replicas / 100);
  }

  /**
   * What the apiserver's status validation rejects (R-STATUS-11), in its words: a negative count,
   * a count above {@code replicas}, more available than ready, a decremented {@code
   * collisionCount}.
   */
  private static List<String> statusProblems(
      StatefulSetStatus status, @Nullable StatefulSetStatus previous) {
    List<String> out = new ArrayList<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("status.replicas", (long) status.replicas());
    counts.put("status.readyReplicas", (long) status.readyReplicas());
    counts.put("status.currentReplicas", (long) status.currentReplicas());
    counts.put("status.updatedReplicas", (long) status.updatedReplicas());
    counts.put("status.availableReplicas", (long) status.availableReplicas());
    counts.put("status.observedGeneration", status.observedGeneration());
    if (status.collisionCount() != null) {
      counts.put("status.collisionCount", (long) status.collisionCount());
    }
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() < 0) {
        out.add(invalid(e.getKey(), e.getValue(), "must be greater than or equal to 0"));
      }
    }
    int replicas = status.replicas();
    String above = "cannot be greater than status.replicas";
    if (status.readyReplicas() > replicas) {
      out.add(invalid("status.readyReplicas", status.readyReplicas(), above));
    }
    if (status.currentReplicas() > replicas) {
      out.add(invalid("status.currentReplicas", status.currentReplicas(), above));
    }
    if (status.updatedReplicas() > replicas) {
      out.add(invalid("status.updatedReplicas", status.updatedReplicas(), above));
    }
    if (status.availableReplicas() > replicas) {
      out.add(invalid("status.availableReplicas", status.availableReplicas(), above));
    }
    if (status.availableReplicas() > status.readyReplicas()) {
      out.add(
          invalid(
              "status.availableReplicas",
              status.availableReplicas(),
              "cannot be greater than status.readyReplicas"));
    }
    Integer was = previous == null ? null : previous.collisionCount();
    Integer now = status.collisionCount();
    if (was != null && (now == null || now < was)) {
      out.add(invalid("status.collisionCount", now == null ? 0 : now, "cannot be decremented"));
    }
    return out;
  }

  private static String invalid(String path, long value, String detail) {
    return path + ": Invalid value: " + value + ": " + detail;
  }

  private static String owners(ObservedClaim claim) {
    List<String> out = new ArrayList<>();
    for (OwnerReference r : claim.ownerReferences()) {
      out.add(r.kind() + "/" + r.name() + "(" + r.uid() + ")");
    }
    return out.toString();
  }

  private static String policy(StatefulSet set) {
    ClaimRetentionPolicy p = set.spec().effectiveRetentionPolicy();
    return "whenDeleted="
        + p.effectiveWhenDeleted().wireName()
        + ", whenScaled="
        + p.effectiveWhenScaled().wireName();
  }
}
