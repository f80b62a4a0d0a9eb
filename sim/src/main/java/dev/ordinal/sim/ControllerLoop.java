package dev.ordinal.sim;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetController;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.SyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The StatefulSet controller's process: a work queue keyed by set, fed by event handlers like
 * upstream's ({@code addPod}, {@code updatePod}, {@code deletePod}, set add/update/delete), with
 * upstream's requeue rules: after {@link SyncResult#requeueAfter()}, and with per-item exponential
 * backoff (5ms doubling up to 1000s, {@code workqueue.DefaultControllerRateLimiter}) after an
 * error. Each sync is core's {@link StatefulSetController#sync}; it takes no virtual time.
 *
 * <p>Upstream watches nothing but pods and sets, and relies on a 12-hour informer resync for the
 * rest. The simulation has no resync; instead it also enqueues a set when one of its claims
 * changes, so that a pod held back by a claim the garbage collector has yet to delete (R-PVC-11) is
 * created once the claim is gone rather than at the next resync. It does not enqueue on revision
 * changes, as upstream does not: during a foreground deletion the garbage collector deletes the
 * set's revisions and every sync creates the current one again, which would never end if each
 * deletion triggered a sync.
 */
final class ControllerLoop {

  private static final Duration BASE_DELAY = Duration.ofMillis(5);
  private static final Duration MAX_DELAY = Duration.ofSeconds(1000);

  private final SimContext sim;
  private final StatefulSetController controller;
  private final StatefulSetReconciler reconciler;

  /** The queue proper: one entry per key, due now. */
  private final TreeMap<String, EventQueue.Entry> queued = new TreeMap<>();

  /** The delaying queue: the earliest later add per key. */
  private final TreeMap<String, EventQueue.Entry> waiting = new TreeMap<>();

  /** Looked up only. */
  private final Map<String, Integer> failures = new HashMap<>();

  private final TreeMap<String, SyncResult> lastResults = new TreeMap<>();
  private boolean up = true;
  private boolean syncing;
  private Duration staleLag = Duration.ZERO;
  private Duration restartDelay = Duration.ofSeconds(1);

  ControllerLoop(
      SimContext sim, StatefulSetController controller, StatefulSetReconciler reconciler) {
    this.sim = sim;
    this.controller = controller;
    this.reconciler = reconciler;
  }

  /** With stale reads, handlers also look again once the cache has surely caught up. */
  void staleLag(Duration lag) {
    this.staleLag = lag;
  }

  boolean isSyncing() {
    return syncing;
  }

  @Nullable SyncResult lastResult(String key) {
    return lastResults.get(key);
  }

  /** Adds a key to the queue, due now, unless it is queued already. */
  void enqueue(String key) {
    if (!up || queued.containsKey(key)) {
      return;
    }
    queued.put(
        key,
        sim.after(
            Duration.ZERO,
            "sync statefulset/" + key,
            () -> {
              queued.remove(key);
              sync(key);
            }));
  }

  /** Adds a key after a delay, unless an earlier delayed add is pending. */
  void enqueueAfter(String key, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      enqueue(key);
      return;
    }
    if (!up) {
      return;
    }
    EventQueue.Entry pending = waiting.get(key);
    if (pending != null) {
      if (!pending.time.isAfter(sim.now().plus(delay))) {
        return;
      }
      sim.queue.cancel(pending);
    }
    waiting.put(
        key,
        sim.after(
            delay,
            "requeue statefulset/" + key,
            () -> {
              waiting.remove(key);
              enqueue(key);
            }));
  }

  private void sync(String key) {
    if (!up) {
      return;
    }
    int slash = key.indexOf('/');
    SyncResult result;
    syncing = true;
    try {
      result = sync(key.substring(0, slash), key.substring(slash + 1));
    } catch (ControllerCrash crash) {
      crashed(crash);
      return;
    } finally {
      syncing = false;
    }
    lastResults.put(key, result);
    if (result.ok()) {
      failures.remove(key);
      if (result.requeueAfter() != null) {
        enqueueAfter(key, result.requeueAfter());
      }
    } else {
      int n = failures.merge(key, 1, Integer::sum);
      sim.log.add(
          "controller statefulset/" + key.substring(slash + 1) + " sync failed: " + result.error());
      enqueueAfter(key, backoff(n));
    }
  }

  /** {@link StatefulSetController#sync}, with the plan shown to the listener before it applies. */
  private SyncResult sync(String namespace, String name) {
    Observation observation = controller.observe(namespace, name);
    if (observation == null) {
      return new SyncResult(null, List.of(), null, null);
    }
    ReconcilePlan plan = reconciler.plan(observation);
    sim.listener.planned(observation, plan);
    return controller.apply(observation.set(), plan);
  }

  private static Duration backoff(int failures) {
    if (failures > 30) {
      return MAX_DELAY;
    }
    Duration d = BASE_DELAY.multipliedBy(1L << (failures - 1));
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  /** The process died: the queue and the backoff state are lost until the restart. */
  private void crashed(ControllerCrash crash) {
    up = false;
    for (EventQueue.Entry e : queued.values()) {
      sim.queue.cancel(e);
    }
    for (EventQueue.Entry e : waiting.values()) {
      sim.queue.cancel(e);
    }
    queued.clear();
    waiting.clear();
    failures.clear();
    Action a = crash.after();
    sim.log.add("controller crashed after " + a.getClass().getSimpleName() + " " + a.target());
    sim.after(restartDelay, "controller restart", this::restart);
  }

  void restartDelay(Duration delay) {
    this.restartDelay = delay;
  }

  /** A fresh process lists every set and syncs each once, as after informers' initial list. */
  private void restart() {
    up = true;
    sim.log.add("controller restarted");
    enqueueAll();
  }

  /** Queues every set, as informers do after a (re)list. */
  void enqueueAll() {
    for (SetState s : sim.store.sets()) {
      enqueue(s.key());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Event handlers

  void onChange(Change c) {
    if (!up) {
      return;
    }
    for (String key : keysFor(c)) {
      enqueue(key);
      if (!staleLag.isZero()) {
        enqueueAfter(key, staleLag);
      }
    }
  }

  private TreeSet<String> keysFor(Change c) {
    TreeSet<String> keys = new TreeSet<>();
    switch (c.kind()) {
      case STATEFUL_SET:
        keys.add(StoredObject.key(c.namespace(), c.name()));
        break;
      case POD:
        for (Object o : new Object[] {c.before(), c.after()}) {
          if (o != null) {
            SimPod p = (SimPod) o;
            ownerOrSelecting(p.namespace(), p.controllerRef(), p.labels(), keys);
          }
        }
        break;
      case CLAIM:
        claimOwners((SimClaim) c.latest(), keys);
        break;
      default:
        break;
    }
    return keys;
  }

  /**
   * The set a controller reference names, when it still exists with that uid; for an orphan, every
   * set of the namespace whose selector matches, as upstream's {@code getPodStatefulSets}.
   */
  private void ownerOrSelecting(
      String namespace,
      @Nullable OwnerReference ref,
      Map<String, String> labels,
      TreeSet<String> keys) {
    if (ref != null) {
      if (ref.kind().equals(OwnerReference.STATEFUL_SET)) {
        SetState s = sim.store.set(namespace, ref.name());
        if (s != null && s.uid.equals(ref.uid())) {
          keys.add(s.key());
        }
      }
      return;
    }
    for (SetState s : sim.store.sets()) {
      LabelSelector selector = s.body.spec().selector();
      if (s.namespace.equals(namespace) && selector != null && selector.matches(labels)) {
        keys.add(s.key());
      }
    }
  }

  private void claimOwners(SimClaim claim, TreeSet<String> keys) {
    for (SetState s : sim.store.sets()) {
      if (!s.namespace.equals(claim.namespace())) {
        continue;
      }
      for (VolumeClaimTemplate t : s.body.spec().volumeClaimTemplates()) {
        if (claim.name().startsWith(t.name() + "-" + s.name + "-")) {
          keys.add(s.key());
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics

  /**
   * Returns what keeps each set from its desired state, judged on the live cluster: the planner's
   * stop reason, actions it would still take, and pods that are not Running and Ready.
   */
  List<String> blockers() {
    List<String> out = new ArrayList<>();
    for (SetState s : sim.store.sets()) {
      StatefulSet set = s.set();
      String subject = EventLog.subject(ObjectKind.STATEFUL_SET, s.namespace, s.name);
      if (set.isBeingDeleted()) {
        out.add(subject + " is being deleted, waiting on finalizers " + s.finalizers);
        continue;
      }
      ReconcilePlan plan = reconciler.plan(liveObservation(set));
      plan.stopReason().ifPresent(stop -> out.add(subject + ": " + stop));
      List<Action> pending = new ArrayList<>(plan.actions());
      pending.removeIf(a -> a instanceof Action.WriteStatus);
      if (!pending.isEmpty()) {
        out.add(subject + " would still " + describe(pending));
      }
      SyncResult last = lastResults.get(s.key());
      if (last != null && !last.ok()) {
        out.add(subject + " last sync failed: " + last.error());
      }
    }
    return out;
  }

  private static String describe(List<Action> actions) {
    List<String> out = new ArrayList<>();
    for (Action a : actions) {
      out.add(a.getClass().getSimpleName() + " " + a.target());
    }
    return String.join(", ", out);
  }

  /** Returns what a sync of the set would read from the live (not stale) store. */
  Observation liveObservation(StatefulSet set) {
    String namespace = set.namespace();
    return Observation.builder()
        .set(set)
        .pods(sim.store.observedPods(namespace))
        .claims(sim.store.observedClaims(namespace))
        .revisions(sim.store.revisions(namespace))
        .now(sim.now())
        .build();
  }
}
