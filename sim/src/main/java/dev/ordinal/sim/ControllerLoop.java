package dev.ordinal.sim;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Event;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetController;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The StatefulSet controller's process: a work queue keyed by set, fed by the event handlers
 * upstream registers ({@code addPod}, {@code updatePod}, {@code deletePod}, set add/update/delete)
 * and by nothing else, with upstream's requeue rules: after {@link SyncResult#requeueAfter()}, and
 * after a failed sync through {@link RetryLimiter}, the work queue's {@code
 * DefaultTypedControllerRateLimiter}. Each sync is core's {@link StatefulSetController#sync}; it
 * takes no virtual time.
 *
 * <p>Upstream registers no handler for claims or ControllerRevisions (claims and revisions are
 * only read from their caches), and neither does this loop: a pod held back by a stale claim
 * (R-PVC-11) waits for the next event of its set or its pods, and a claim being deleted (R-PVC-3)
 * fails the sync, which the rate limiter retries. Upstream's 12-hour informer resync is not
 * modelled.
 */
final class ControllerLoop {

  private final SimContext sim;
  private final StatefulSetController controller;
  private final StatefulSetReconciler reconciler;

  /** The queue proper: one entry per key, due now. */
  private final TreeMap<String, EventQueue.Entry> queued = new TreeMap<>();

  /** The delaying queue: the earliest later add per key. */
  private final TreeMap<String, EventQueue.Entry> waiting = new TreeMap<>();

  /** The work queue's rate limiter; a restarted process starts with a fresh one. */
  private RetryLimiter limiter = new RetryLimiter();

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
    // The simulation keeps no Event objects: what the recorder got goes to the log, as the
    // "Events:" of kubectl describe would show it.
    for (Event e : result.events()) {
      sim.log.add(
          "event statefulset/"
              + key.substring(slash + 1)
              + " "
              + e.type().wireName()
              + " "
              + e.reason()
              + ": "
              + e.message());
    }
    if (result.ok()) {
      limiter.forget(key);
      if (result.requeueAfter() != null) {
        enqueueAfter(key, result.requeueAfter());
      }
    } else {
      sim.log.add(
          "controller statefulset/" + key.substring(slash + 1) + " sync failed: " + result.error());
      enqueueAfter(key, limiter.when(key, sim.now()));
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
    limiter = new RetryLimiter();
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

  /** Runs the handler upstream registers for the changed object's kind, if it registers one. */
  void onChange(Change c) {
    if (!up) {
      return;
    }
    switch (c.kind()) {
      case STATEFUL_SET:
        // The set's add, update and delete handlers all enqueue it.
        enqueueFromHandler(StoredObject.key(c.namespace(), c.name()));
        break;
      case POD:
        switch (c.type()) {
          case ADDED:
            addPod((SimPod) c.latest());
            break;
          case MODIFIED:
            updatePod((SimPod) requireView(c.before()), (SimPod) requireView(c.after()));
            break;
          case DELETED:
            deletePod((SimPod) c.latest());
            break;
          default:
            throw new AssertionError(c.type());
        }
        break;
      default:
        // Claims, revisions, services: upstream's controller has no handler for them.
        break;
    }
  }

  private static Object requireView(@Nullable Object o) {
    if (o == null) {
      throw new IllegalStateException("bug: a modification without both views");
    }
    return o;
  }

  /** Upstream's addPod: the controller's set, or for an orphan every set that selects it. */
  private void addPod(SimPod pod) {
    if (pod.deletionTimestamp() != null) {
      // A pod that shows up already terminating is not a creation.
      deletePod(pod);
      return;
    }
    OwnerReference ref = pod.controllerRef();
    if (ref != null) {
      SetState s = resolve(pod.namespace(), ref);
      if (s != null) {
        enqueueFromHandler(s.key());
      }
      return;
    }
    for (String key : selecting(pod)) {
      enqueueFromHandler(key);
    }
  }

  /**
   * Upstream's updatePod: nothing for an unchanged resourceVersion; the old controller when the
   * controller reference changed; the current controller, again after minReadySeconds when the pod
   * just became Ready; for an orphan whose labels or reference changed, every set that selects it.
   */
  private void updatePod(SimPod old, SimPod cur) {
    if (old.resourceVersion().equals(cur.resourceVersion())) {
      return;
    }
    boolean labelsChanged = !old.labels().equals(cur.labels());
    OwnerReference oldRef = old.controllerRef();
    OwnerReference curRef = cur.controllerRef();
    boolean refChanged = !Objects.equals(oldRef, curRef);
    if (refChanged && oldRef != null) {
      SetState s = resolve(old.namespace(), oldRef);
      if (s != null) {
        enqueueFromHandler(s.key());
      }
    }
    if (curRef != null) {
      SetState s = resolve(cur.namespace(), curRef);
      if (s == null) {
        return;
      }
      enqueueFromHandler(s.key());
      int minReadySeconds = s.body.spec().minReadySeconds();
      if (!old.ready() && cur.ready() && minReadySeconds > 0) {
        enqueueAfter(s.key(), Duration.ofSeconds(minReadySeconds));
      }
      return;
    }
    if (labelsChanged || refChanged) {
      for (String key : selecting(cur)) {
        enqueueFromHandler(key);
      }
    }
  }

  /** Upstream's deletePod: the controller's set; nobody cares about a deleted orphan. */
  private void deletePod(SimPod pod) {
    OwnerReference ref = pod.controllerRef();
    if (ref == null) {
      return;
    }
    SetState s = resolve(pod.namespace(), ref);
    if (s != null) {
      enqueueFromHandler(s.key());
    }
  }

  /**
   * Enqueues a key as a handler does. With stale reads the handler runs here, when the store
   * changes, but the sync may read a cache that has not caught up: the key is queued once more
   * when the cache surely has, which is when upstream's handler would have run.
   */
  private void enqueueFromHandler(String key) {
    enqueue(key);
    if (!staleLag.isZero()) {
      enqueueAfter(key, staleLag);
    }
  }

  /**
   * Upstream's resolveControllerRef: the set a controller reference names, when it is a
   * StatefulSet that still exists with that uid.
   */
  private @Nullable SetState resolve(String namespace, OwnerReference ref) {
    if (!ref.kind().equals(OwnerReference.STATEFUL_SET)) {
      return null;
    }
    SetState s = sim.store.set(namespace, ref.name());
    return s != null && s.uid.equals(ref.uid()) ? s : null;
  }

  /**
   * Upstream's getPodStatefulSets: the sets of the pod's namespace whose selector is not empty and
   * matches its labels, in key order (upstream's lister order is arbitrary).
   */
  private TreeSet<String> selecting(SimPod pod) {
    TreeSet<String> keys = new TreeSet<>();
    if (pod.labels().isEmpty()) {
      return keys;
    }
    for (SetState s : sim.store.sets()) {
      LabelSelector selector = s.body.spec().selector();
      if (s.namespace.equals(pod.namespace())
          && selector != null
          && !selector.isEmpty()
          && selector.matches(pod.labels())) {
        keys.add(s.key());
      }
    }
    return keys;
  }

  /**
   * The work queue's {@code workqueue.DefaultTypedControllerRateLimiter}: the longer of two waits.
   * Per key, 5 ms doubled for each failure since the key was last forgotten, capped at 1000 s;
   * overall, a token bucket of 100 refilled at 10 a second (golang.org/x/time/rate's reservation),
   * shared by every key, which only matters once a burst of failures has emptied it.
   */
  static final class RetryLimiter {
    static final Duration BASE_DELAY = Duration.ofMillis(5);
    static final Duration MAX_DELAY = Duration.ofSeconds(1000);
    static final double QPS = 10;
    static final int BURST = 100;

    /** Failures per key since it was last forgotten. Looked up only. */
    private final Map<String, Integer> failures = new HashMap<>();

    private double tokens = BURST;
    private @Nullable Instant last;

    /** Returns how long the key waits before its retry, and counts the failure. */
    Duration when(String key, Instant now) {
      Duration item = itemDelay(key);
      Duration bucket = bucketDelay(now);
      return item.compareTo(bucket) >= 0 ? item : bucket;
    }

    /** Forgets the key's failures, as after a successful sync. */
    void forget(String key) {
      failures.remove(key);
    }

    /** Returns how many failures the key has had since it was last forgotten. */
    int requeues(String key) {
      return failures.getOrDefault(key, 0);
    }

    private Duration itemDelay(String key) {
      int exp = failures.getOrDefault(key, 0);
      failures.put(key, exp + 1);
      double backoff = BASE_DELAY.toNanos() * Math.pow(2, exp);
      if (backoff > Long.MAX_VALUE || (long) backoff > MAX_DELAY.toNanos()) {
        return MAX_DELAY;
      }
      return Duration.ofNanos((long) backoff);
    }

    /** A reservation of one token: the wait until the bucket has it. */
    private Duration bucketDelay(Instant now) {
      Instant from = last == null || now.isBefore(last) ? now : last;
      double elapsed = last == null ? Double.MAX_VALUE : Duration.between(from, now).toNanos() / 1e9;
      tokens = Math.min(BURST, tokens + elapsed * QPS);
      last = now;
      tokens -= 1;
      if (tokens >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) (-tokens / QPS * 1e9));
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
