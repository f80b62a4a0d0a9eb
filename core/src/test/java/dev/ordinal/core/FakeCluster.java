package dev.ordinal.core;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal in-memory API server for core's tests, like upstream's fake object manager: it applies
 * a plan's actions (all succeed), lets a test move pods through their phases, and garbage-collects
 * claims owned by removed pods. The full simulated cluster is ordinal-sim, which is built on core,
 * so core's own tests cannot use it.
 */
public final class FakeCluster {

  private StatefulSet set;
  private final Map<String, ObservedPod> pods = new LinkedHashMap<>();
  private final Map<String, ObservedClaim> claims = new TreeMap<>();
  private final Map<String, ControllerRevision> revisions = new LinkedHashMap<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private int uids;
  private final StatefulSetReconciler reconciler;
  private final List<ReconcilePlan> plans = new ArrayList<>();
  private boolean gracefulDeletion = true;

  public FakeCluster(StatefulSet set) {
    this(set, new StatefulSetReconciler());
  }

  public FakeCluster(StatefulSet set, StatefulSetReconciler reconciler) {
    this.set = set;
    this.reconciler = reconciler;
  }

  /** Deleted pods vanish at once instead of terminating first. */
  public FakeCluster immediateDeletion() {
    gracefulDeletion = false;
    return this;
  }

  public StatefulSet set() {
    return set;
  }

  public Instant now() {
    return now;
  }

  public void advanceTime(Duration d) {
    now = now.plus(d);
  }

  /** Replaces the spec, as {@code kubectl apply} would (generation bumped). */
  public void update(StatefulSet newSet) {
    set =
        newSet
            .withGeneration(set.generation() + 1)
            .withStatus(set.status())
            .withUid(set.uid());
  }

  public Observation observe() {
    return Observation.builder()
        .set(set)
        .pods(pods.values())
        .claims(claims.values())
        .revisions(revisions.values())
        .now(now)
        .build();
  }

  /** Plans one sync without applying it. */
  public ReconcilePlan plan() {
    return reconciler.plan(observe());
  }

  /** Plans one sync over these pods, in this order, instead of the cluster's. */
  public ReconcilePlan planWithPods(List<ObservedPod> podsInOrder) {
    return reconciler.plan(Observation.builder().from(observe()).pods(podsInOrder).build());
  }

  /** Changes {@code spec.replicas}, as {@code kubectl scale} would (generation bumped). */
  public void scale(int replicas) {
    update(Fixtures.withReplicas(set, replicas));
  }

  /** Plans one sync and applies every action; returns the plan. */
  public ReconcilePlan sync() {
    ReconcilePlan plan = reconciler.plan(observe());
    plans.add(plan);
    for (Action a : plan.actions()) {
      apply(a);
    }
    return plan;
  }

  public List<ReconcilePlan> plans() {
    return plans;
  }

  public List<ObservedPod> pods() {
    return new ArrayList<>(pods.values());
  }

  public ObservedPod pod(String name) {
    return pods.get(name);
  }

  public Map<String, ObservedClaim> claims() {
    return claims;
  }

  public Map<String, ControllerRevision> revisions() {
    return revisions;
  }

  private String uid() {
    return "uid-" + (++uids);
  }

  public void apply(Action action) {
    if (action instanceof Action.CreatePod c) {
      var p = c.pod();
      pods.put(
          p.name(),
          ObservedPod.builder()
              .name(p.name())
              .namespace(p.namespace())
              .uid(uid())
              .labels(p.labels())
              .annotations(p.annotations())
              .ownerReferences(p.ownerReferences())
              .phase(PodPhase.PENDING)
              .claimVolumes(p.claimVolumes())
              .hostname(p.hostname())
              .subdomain(p.subdomain())
              .creationTimestamp(now)
              .build());
    } else if (action instanceof Action.DeletePod d) {
      ObservedPod pod = pods.get(d.name());
      if (pod == null || (!d.uid().isEmpty() && !d.uid().equals(pod.uid()))) {
        return;
      }
      if (gracefulDeletion) {
        pods.put(d.name(), pod.withDeletionTimestamp(now));
      } else {
        remove(d.name());
      }
    } else if (action instanceof Action.UpdatePod u) {
      ObservedPod pod = pods.get(u.name());
      Map<String, String> volumes = new LinkedHashMap<>(pod.claimVolumes());
      volumes.putAll(u.claimVolumes());
      pods.put(
          u.name(),
          pod
              .withNamespace(u.namespace())
              .withLabels(u.labels())
              .withClaimVolumes(volumes));
    } else if (action instanceof Action.CreateClaim c) {
      var d = c.claim();
      claims.put(
          d.name(),
          ObservedClaim.builder()
              .name(d.name())
              .namespace(d.namespace())
              .uid(uid())
              .labels(d.labels())
              .build());
    } else if (action instanceof Action.UpdateClaimOwners u) {
      claims.put(
          u.name(), claims.get(u.name()).withOwnerReferences(u.ownerReferences()));
    } else if (action instanceof Action.CreateRevision c) {
      revisions.put(
          c.revision().name(),
          c.revision().withUid(uid()).withCreationTimestamp(now));
    } else if (action instanceof Action.RenumberRevision r) {
      revisions.put(
          r.name(), revisions.get(r.name()).withRevision(r.revision()));
    } else if (action instanceof Action.DeleteRevision r) {
      revisions.remove(r.name());
    } else if (action instanceof Action.AdoptRevision r) {
      revisions.put(
          r.name(),
          revisions.get(r.name())
              .withOwnerReferences(
                  OwnerReference.controllerRef(
                      OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid())));
    } else if (action instanceof Action.AdoptPod a) {
      pods.put(a.name(), pods.get(a.name()).withOwnerReferences(a.controllerRef()));
    } else if (action instanceof Action.ReleasePod r) {
      ObservedPod pod = pods.get(r.name());
      List<OwnerReference> refs = new ArrayList<>();
      for (OwnerReference ref : pod.ownerReferences()) {
        if (!ref.uid().equals(set.uid())) {
          refs.add(ref);
        }
      }
      pods.put(r.name(), pod.withOwnerReferences(refs));
    } else if (action instanceof Action.WriteStatus w) {
      set = set.withStatus(w.status());
    } else {
      throw new AssertionError("unknown action " + action);
    }
  }

  // --- pod lifecycle -----------------------------------------------------------------------

  public void put(ObservedPod pod) {
    pods.put(pod.name(), pod);
  }

  public void putClaim(ObservedClaim claim) {
    claims.put(claim.name(), claim);
  }

  public void putRevision(ControllerRevision revision) {
    revisions.put(revision.name(), revision);
  }

  /** Sets a pod Running, not Ready. */
  public void running(String name) {
    pods.put(name, pods.get(name).withPhase(PodPhase.RUNNING).withReady(false));
  }

  /** Sets a pod Running and Ready since now. */
  public void ready(String name) {
    pods.put(
        name,
        pods.get(name)
            .withPhase(PodPhase.RUNNING)
            .withReady(true)
            .withReadyTransitionTime(now));
  }

  /** Sets a pod's phase. */
  public void phase(String name, PodPhase phase) {
    pods.put(name, pods.get(name).withPhase(phase));
  }

  /** Makes every pod Running and Ready. */
  public void allReady() {
    for (String name : new ArrayList<>(pods.keySet())) {
      if (pods.get(name).deletionTimestamp() == null) {
        ready(name);
      }
    }
  }

  /** Advances a pod one lifecycle step: Pending → Running → Ready. Returns false if none. */
  public boolean advance(String name) {
    ObservedPod pod = pods.get(name);
    if (pod.deletionTimestamp() != null) {
      remove(name);
      return true;
    }
    if (pod.phase() == PodPhase.PENDING) {
      running(name);
      return true;
    }
    if (pod.phase() == PodPhase.RUNNING && !pod.ready()) {
      ready(name);
      return true;
    }
    return false;
  }

  /** Sets a pod Running and Ready since the given time. */
  public void readySince(String name, Instant since) {
    pods.put(
        name,
        pods.get(name)
            .withPhase(PodPhase.RUNNING)
            .withReady(true)
            .withReadyTransitionTime(since));
  }

  /** Marks a pod terminating. */
  public void terminate(String name) {
    pods.put(name, pods.get(name).withDeletionTimestamp(now));
  }

  /** Removes a pod; claims it owns are garbage-collected, as the garbage collector would. */
  public void remove(String name) {
    ObservedPod pod = pods.remove(name);
    if (pod == null) {
      return;
    }
    claims.values().removeIf(c -> ClaimOwnership.hasOwner(c.ownerReferences(), pod.uid()));
  }

  /** Removes every terminating pod. */
  public void finishTerminations() {
    for (ObservedPod pod : new ArrayList<>(pods.values())) {
      if (pod.deletionTimestamp() != null) {
        remove(pod.name());
      }
    }
  }

  /** Syncs, makes everything ready and finishes terminations, until a sync changes nothing. */
  public int converge(int maxSyncs) {
    for (int i = 1; i <= maxSyncs; i++) {
      ReconcilePlan plan = sync();
      boolean moved = false;
      for (ObservedPod pod : new ArrayList<>(pods.values())) {
        while (advance(pod.name())) {
          moved = true;
          if (!pods.containsKey(pod.name())) {
            break;
          }
        }
      }
      if (plan.actions().isEmpty() && !moved) {
        return i;
      }
    }
    throw new AssertionError("did not converge in " + maxSyncs + " syncs");
  }
}
