package dev.ordinal.core;

import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The claim work of a pod's step (upstream's {@code StatefulPodControl}): the stale-claim check,
 * creating missing claims, and keeping claim owner references as the retention policy wants. It
 * records into the {@link Sync} it serves.
 */
final class ClaimSteps {

  private final Sync sync;
  private final Observation obs;
  private final StatefulSet set;
  private final List<VolumeClaimTemplate> templates;
  /** Claims whose owner references this plan already rewrote: the cache still shows them old. */
  private @Nullable Set<String> fixedClaims;
  /** Claims this plan creates; null while none. */
  private @Nullable Set<String> created;

  ClaimSteps(Sync sync, Observation obs) {
    this.sync = sync;
    this.obs = obs;
    this.set = obs.set();
    this.templates = set.spec().volumeClaimTemplates();
  }

  /**
   * Upstream's PodClaimIsStale (R-PVC-11): returns true if a claim still owned by an earlier pod of
   * this name holds back the pod's creation. The sync succeeds; OrderedReady stops here.
   */
  boolean isStale(ObservedPod pod) {
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim != null && ClaimOwnership.isStaleForNewPod(claim, set, pod.name())) {
        sync.stopIfOrderedReady(pod.name(), "R-PVC-11", "claim " + claim.name() + " still belongs"
            + " to an earlier " + pod.name() + "; " + pod.name() + " is created once the garbage"
            + " collector removes it");
        return true;
      }
    }
    return false;
  }

  /**
   * Upstream's createPersistentVolumeClaims (R-PVC-3, R-PVC-4): creates the pod's missing claims.
   * Returns true, and fails the step, if a claim is being deleted: every template is tried first
   * and the errors are aggregated.
   *
   * @param podVerb the verb of the pod event a failure records ({@code create} when the pod is
   *     created, {@code update} when it is repaired), or null when none is recorded
   */
  boolean create(ObservedPod pod, @Nullable String podVerb) {
    List<String> errors = null;
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim == null) {
        Action.CreateClaim create =
            new Action.CreateClaim(
                sync.factory().claim(templates.get(t), pod.ordinal()), pod.name());
        sync.add(create);
        String name = create.claim().name();
        if (created == null) {
          created = new HashSet<>();
        }
        if (created.add(name)) {
          sync.events().claimCreated(name, pod.name());
        } else {
          // Created earlier in this sync: upstream's cache does not show it yet, so it creates the
          // claim again and the API server answers AlreadyExists, which fails the step unrecorded.
          String error =
              "failed to create PVC " + name + ": persistentvolumeclaims \"" + name
                  + "\" already exists";
          sync.fail(pod.name(), name, "R-PVC-3", "claim " + name + " was created earlier in this"
              + " sync; creating it again for " + pod.name() + " fails with AlreadyExists", error);
          if (errors == null) {
            errors = new ArrayList<>(1);
          }
          errors.add(error);
        }
      } else if (claim.deletionTimestamp() != null) {
        String error = "pvc " + claim.name() + " is being deleted";
        sync.fail(pod.name(), claim.name(), "R-PVC-3", "pvc " + claim.name() + " is being deleted; "
            + pod.name() + " cannot get its storage until the claim is gone", error);
        if (errors == null) {
          errors = new ArrayList<>(1);
        }
        errors.add(error);
      }
    }
    if (errors != null && podVerb != null) {
      sync.events().podFailed(podVerb, pod.name(), Events.aggregate(errors));
    }
    return errors != null;
  }

  /**
   * Upstream's ClaimsMatchRetentionPolicy: true if every observed claim of the pod has the owner
   * references the policy wants (R-PVC-8). Missing claims are picked up on a later sync.
   */
  boolean matchPolicy(ObservedPod pod, boolean condemned) {
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim != null
          && !isFixed(claim)
          && !ClaimOwnership.isUpToDate(claim, set, pod.name(), pod.uid(), condemned)) {
        return false;
      }
    }
    return true;
  }

  /** Upstream's UpdatePodClaimForRetentionPolicy: rewrites the owner references that differ. */
  void fixOwners(ObservedPod pod, boolean condemned) {
    for (int t = 0; t < templates.size(); t++) {
      ObservedClaim claim = obs.claim(t, pod.ordinal());
      if (claim == null) {
        continue;
      }
      // Upstream warns before it checks whether the claim needs an update at all, and its cache
      // still shows a claim this sync rewrote, so it warns about that one again.
      boolean foreign = ClaimOwnership.hasForeignController(claim, set, pod.name(), pod.uid());
      if (foreign) {
        sync.events().conflictingController(claim.name(), pod.name());
      }
      if (isFixed(claim)) {
        continue;
      }
      if (foreign) {
        sync.anomaly(claim.name(), "R-PVC-8", "has another controller (or one of the set's or"
            + " the pod's name with another uid); the retention policy is"
            + " ignored for it: no reference to " + set.name() + " or " + pod.name()
            + " is kept or added (ConflictingController)");
      }
      if (ClaimOwnership.isUpToDate(claim, set, pod.name(), pod.uid(), condemned)) {
        continue;
      }
      sync.add(
          new Action.UpdateClaimOwners(
              claim.name(),
              claim.uid(),
              ClaimOwnership.desiredRefs(claim, set, pod.name(), pod.uid(), condemned),
              pod.name(),
              condemned));
      Set<String> fixed = fixedClaims;
      if (fixed == null) {
        fixed = new HashSet<>();
        fixedClaims = fixed;
      }
      fixed.add(claim.name());
    }
  }

  private boolean isFixed(ObservedClaim claim) {
    Set<String> fixed = fixedClaims;
    return fixed != null && fixed.contains(claim.name());
  }
}
