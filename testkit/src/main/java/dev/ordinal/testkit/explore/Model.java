package dev.ordinal.testkit.explore;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DesiredClaim;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The explorer's small, pure cluster model: an API server that applies every action of a plan (all
 * succeed), a kubelet that moves one pod one step at a time, a garbage collector that deletes
 * claims whose owners are gone, and a user who edits the spec following a script. The clock stands
 * still: minReadySeconds other than 0 would keep pods unavailable forever.
 */
final class Model {

  /** The model's clock. */
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final StatefulSet[] specs;
  private final StatefulSetReconciler reconciler;

  /**
   * @param specs the set after each prefix of the script: {@code specs[i]} after {@code i} events
   */
  Model(List<StatefulSet> specs, StatefulSetReconciler reconciler) {
    this.specs = specs.toArray(new StatefulSet[0]);
    this.reconciler = reconciler;
  }

  StatefulSet set(ModelState s) {
    return specs[s.script()].withStatus(s.status());
  }

  ModelState initial() {
    return new ModelState(0, specs[0].status(), List.of(), List.of(), List.of(), Set.of());
  }

  Observation observe(ModelState s) {
    return Observation.builder()
        .set(set(s))
        .pods(s.pods())
        .claims(s.claims())
        .revisions(s.revisions())
        .now(NOW)
        .build();
  }

  boolean hasNextUserEvent(ModelState s) {
    return s.script() + 1 < specs.length;
  }

  ModelState userEvent(ModelState s) {
    return new ModelState(
        s.script() + 1, s.status(), s.pods(), s.claims(), s.revisions(), s.written());
  }

  // ---------------------------------------------------------------------------------------------
  // The controller

  /** A sync: its plan and the state after every action was applied. */
  record Synced(ReconcilePlan plan, ModelState after) {}

  Synced sync(ModelState s, Observation obs) {
    ReconcilePlan plan = reconciler.plan(obs);
    Mutable m = new Mutable(s);
    for (Action a : plan.actions()) {
      m.apply(a, obs.set());
    }
    return new Synced(plan, m.freeze());
  }

  // ---------------------------------------------------------------------------------------------
  // The kubelet and the garbage collector

  /**
   * Returns the state after the pod's next lifecycle step (Pending to Running, Running to Ready,
   * terminating to gone), or null if the pod has none (Ready, Failed, Succeeded).
   */
  @Nullable ModelState advance(ModelState s, int index) {
    ObservedPod pod = s.pods().get(index);
    if (pod.deletionTimestamp() != null) {
      Mutable m = new Mutable(s);
      m.pods.remove(pod.name());
      return m.freeze();
    }
    if (pod.phase() == PodPhase.PENDING) {
      Mutable m = new Mutable(s);
      m.pods.put(pod.name(), pod.withPhase(PodPhase.RUNNING));
      // A started pod writes to its volumes: from now on they hold data that must not be lost.
      for (String claim : pod.claimVolumes().values()) {
        if (m.claims.containsKey(claim)) {
          m.written.add(claim);
        }
      }
      return m.freeze();
    }
    if (pod.phase() == PodPhase.RUNNING && !pod.ready()) {
      return replacePod(
          s, index, pod.withReady(true).withReadyTransitionTime(NOW));
    }
    return null;
  }

  /** Returns the state after the pod fails, or null if it cannot (not started or gone already). */
  @Nullable ModelState fail(ModelState s, int index) {
    ObservedPod pod = s.pods().get(index);
    if (pod.deletionTimestamp() != null
        || (pod.phase() != PodPhase.PENDING && pod.phase() != PodPhase.RUNNING)) {
      return null;
    }
    return replacePod(
        s,
        index,
        pod
            .withPhase(PodPhase.FAILED)
            .withReady(false)
            .withReadyTransitionTime(null));
  }

  /** Returns the state after a Ready pod loses readiness, or null if it is not Ready. */
  @Nullable ModelState dropReadiness(ModelState s, int index) {
    ObservedPod pod = s.pods().get(index);
    if (pod.deletionTimestamp() != null || pod.phase() != PodPhase.RUNNING || !pod.ready()) {
      return null;
    }
    return replacePod(
        s, index, pod.withReady(false).withReadyTransitionTime(NOW));
  }

  /**
   * Returns true if the garbage collector may delete the claim: it has owners, and every owner is
   * gone (the set is never deleted in this model, so only pod owners can be gone).
   */
  boolean collectable(ModelState s, ObservedClaim claim) {
    if (claim.ownerReferences().isEmpty()) {
      return false;
    }
    StatefulSet set = specs[s.script()];
    for (OwnerReference r : claim.ownerReferences()) {
      if (r.uid().equals(set.uid())) {
        return false;
      }
      if (!r.kind().equals(OwnerReference.POD)) {
        return false;
      }
      for (ObservedPod p : s.pods()) {
        if (p.uid().equals(r.uid())) {
          return false;
        }
      }
    }
    return true;
  }

  ModelState collect(ModelState s, String claim) {
    Mutable m = new Mutable(s);
    m.claims.remove(claim);
    m.written.remove(claim);
    return m.freeze();
  }

  /** Returns the state after the garbage collector has deleted every collectable claim. */
  ModelState collectAll(ModelState s) {
    ModelState out = s;
    for (ObservedClaim c : s.claims()) {
      if (collectable(s, c)) {
        out = collect(out, c.name());
      }
    }
    return out;
  }

  private static ModelState replacePod(ModelState s, int index, ObservedPod pod) {
    List<ObservedPod> pods = new ArrayList<>(s.pods());
    pods.set(index, pod);
    return new ModelState(
        s.script(), s.status(), List.copyOf(pods), s.claims(), s.revisions(), s.written());
  }

  static String uidOf(ObservedPod pod) {
    return "pod:" + pod.name();
  }

  // ---------------------------------------------------------------------------------------------
  // The API server

  /** A state being changed by one transition; {@link #freeze} makes it canonical again. */
  private final class Mutable {
    final int script;
    StatefulSetStatus status;
    final Map<String, ObservedPod> pods = new TreeMap<>();
    final Map<String, ObservedClaim> claims = new TreeMap<>();
    final Map<String, ControllerRevision> revisions = new TreeMap<>();
    final Set<String> written;
    private int created;

    Mutable(ModelState s) {
      script = s.script();
      status = s.status();
      for (ObservedPod p : s.pods()) {
        pods.put(p.name(), p);
      }
      for (ObservedClaim c : s.claims()) {
        claims.put(c.name(), c);
      }
      for (ControllerRevision r : s.revisions()) {
        revisions.put(r.name(), r);
      }
      written = new TreeSet<>(s.written());
    }

    void apply(Action action, StatefulSet set) {
      if (action instanceof Action.CreatePod) {
        DesiredPod p = ((Action.CreatePod) action).pod();
        if (pods.containsKey(p.name())) {
          return; // AlreadyExists
        }
        pods.put(
            p.name(),
            ObservedPod.builder()
                .name(p.name())
                .namespace(p.namespace())
                .uid("new-" + (++created))
                .labels(p.labels())
                .annotations(p.annotations())
                .ownerReferences(p.ownerReferences())
                .creationTimestamp(NOW)
                .phase(PodPhase.PENDING)
                .claimVolumes(p.claimVolumes())
                .hostname(p.hostname())
                .subdomain(p.subdomain())
                .build());
      } else if (action instanceof Action.DeletePod) {
        Action.DeletePod d = (Action.DeletePod) action;
        ObservedPod pod = pods.get(d.name());
        if (pod != null && pod.uid().equals(d.uid()) && pod.deletionTimestamp() == null) {
          pods.put(d.name(), pod.withDeletionTimestamp(NOW));
        }
      } else if (action instanceof Action.UpdatePod) {
        Action.UpdatePod u = (Action.UpdatePod) action;
        ObservedPod pod = pods.get(u.name());
        if (pod != null && pod.uid().equals(u.uid())) {
          Map<String, String> volumes = new TreeMap<>(pod.claimVolumes());
          volumes.putAll(u.claimVolumes());
          pods.put(
              u.name(),
              pod
                  .withNamespace(u.namespace())
                  .withLabels(u.labels())
                  .withClaimVolumes(volumes));
        }
      } else if (action instanceof Action.CreateClaim) {
        DesiredClaim c = ((Action.CreateClaim) action).claim();
        claims.putIfAbsent(
            c.name(),
            ObservedClaim.builder()
                .name(c.name())
                .namespace(c.namespace())
                .uid("claim:" + c.name())
                .labels(c.labels())
                .build());
      } else if (action instanceof Action.UpdateClaimOwners) {
        Action.UpdateClaimOwners u = (Action.UpdateClaimOwners) action;
        ObservedClaim claim = claims.get(u.name());
        if (claim != null) {
          claims.put(
              u.name(),
              claim.withOwnerReferences(u.ownerReferences()));
        }
      } else if (action instanceof Action.CreateRevision) {
        ControllerRevision r = ((Action.CreateRevision) action).revision();
        revisions.putIfAbsent(
            r.name(),
            r
                .withUid("revision:" + r.name())
                .withCreationTimestamp(NOW));
      } else if (action instanceof Action.RenumberRevision) {
        Action.RenumberRevision r = (Action.RenumberRevision) action;
        ControllerRevision old = revisions.get(r.name());
        if (old != null) {
          revisions.put(
              r.name(), old.withRevision(r.revision()));
        }
      } else if (action instanceof Action.DeleteRevision) {
        revisions.remove(((Action.DeleteRevision) action).name());
      } else if (action instanceof Action.AdoptRevision) {
        ControllerRevision old = revisions.get(action.target());
        if (old != null) {
          revisions.put(
              old.name(), old.withOwnerReferences(setRef(set)));
        }
      } else if (action instanceof Action.AdoptPod) {
        Action.AdoptPod a = (Action.AdoptPod) action;
        ObservedPod pod = pods.get(a.name());
        if (pod != null) {
          pods.put(
              a.name(), pod.withOwnerReferences(a.controllerRef()));
        }
      } else if (action instanceof Action.ReleasePod) {
        ObservedPod pod = pods.get(action.target());
        if (pod != null) {
          List<OwnerReference> refs = new ArrayList<>();
          for (OwnerReference r : pod.ownerReferences()) {
            if (!r.uid().equals(set.uid())) {
              refs.add(r);
            }
          }
          pods.put(pod.name(), pod.withOwnerReferences(refs));
        }
      } else if (action instanceof Action.WriteStatus) {
        status = ((Action.WriteStatus) action).status();
      } else {
        throw new AssertionError("bug: the model does not know " + action);
      }
    }

    ModelState freeze() {
      return canonical(script, status, pods, claims, revisions, written);
    }
  }

  private static OwnerReference setRef(StatefulSet set) {
    return OwnerReference.controllerRef(
        OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, set.name(), set.uid());
  }

  /**
   * Returns the state with pod uids renamed canonically: a live pod's uid is {@code pod:<name>},
   * and the uid of a gone pod that a claim still names is {@code pod:<name>~<k>}, numbered in the
   * order the sorted claims name them. Only equality of uids matters to the controller (owner
   * references, stale claims, delete preconditions), so the renaming keeps behaviour and merges
   * states that differ only in the uids the API server happened to assign.
   */
  static ModelState canonical(
      int script,
      StatefulSetStatus status,
      Map<String, ObservedPod> pods,
      Map<String, ObservedClaim> claims,
      Map<String, ControllerRevision> revisions,
      Set<String> written) {
    Map<String, String> rename = new HashMap<>();
    for (ObservedPod p : pods.values()) {
      rename.put(p.uid(), uidOf(p));
    }
    Map<String, Integer> gone = new HashMap<>();
    for (ObservedClaim c : claims.values()) {
      for (OwnerReference r : c.ownerReferences()) {
        if (r.kind().equals(OwnerReference.POD) && !rename.containsKey(r.uid())) {
          int k = gone.merge(r.name(), 1, Integer::sum);
          rename.put(r.uid(), "pod:" + r.name() + "~" + k);
        }
      }
    }
    List<ObservedPod> podList = new ArrayList<>(pods.size());
    for (ObservedPod p : pods.values()) {
      String uid = rename.get(p.uid());
      podList.add(uid.equals(p.uid()) ? p : p.withUid(uid));
    }
    List<ObservedClaim> claimList = new ArrayList<>(claims.size());
    for (ObservedClaim c : claims.values()) {
      List<OwnerReference> refs = c.ownerReferences();
      List<OwnerReference> renamed = null;
      for (int i = 0; i < refs.size(); i++) {
        OwnerReference r = refs.get(i);
        String uid = rename.get(r.uid());
        if (uid != null && !uid.equals(r.uid())) {
          if (renamed == null) {
            renamed = new ArrayList<>(refs);
          }
          renamed.set(
              i,
              new OwnerReference(
                  r.apiVersion(), r.kind(), r.name(), uid, r.controller(), r.blockOwnerDeletion()));
        }
      }
      claimList.add(
          renamed == null ? c : c.withOwnerReferences(renamed));
    }
    return new ModelState(
        script,
        status,
        List.copyOf(podList),
        List.copyOf(claimList),
        List.copyOf(revisions.values()),
        Collections.unmodifiableSet(new TreeSet<>(written)));
  }
}
