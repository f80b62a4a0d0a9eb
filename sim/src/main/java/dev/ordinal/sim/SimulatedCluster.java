package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.Json;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.port.ClusterPort;
import dev.ordinal.api.port.Outcome;
import dev.ordinal.core.StatefulSetController;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.SyncResult;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic simulated Kubernetes cluster whose StatefulSet controller is core's planner.
 *
 * <p>It is the controller's {@link ClusterPort} (reads are the controller's informer view, stale
 * when {@link Faults#staleReads(int) stale reads} are injected; writes go through the simulated
 * apiserver) and, for a test or a kubectl-style front end, a cluster to drive: user commands
 * ({@link #apply(StatefulSet)}, {@link #scale}, {@link #deletePod}, {@link #deleteStatefulSet}, …),
 * a read model ({@link #findPod}, {@link #listPods}, …), watches, DNS, {@code exec}-style file
 * access, and faults.
 *
 * <pre>{@code
 * SimulatedCluster cluster = SimulatedCluster.create(42);
 * cluster.apply(Service.headless("nginx", Map.of("app", "nginx"), ServicePort.tcp("web", 80)));
 * cluster.apply(webStatefulSet);
 * cluster.watchPods(LabelSelector.of(Map.of("app", "nginx")), e -> System.out.println(e));
 * SettleResult result = cluster.runUntilSettled(Duration.ofMinutes(5));
 * cluster.eventLog().forEach(System.out::println);   // 18.734s pod/web-0 Running 1/1 ...
 * }</pre>
 *
 * <p>Nothing happens between calls: commands take effect at the current virtual time, and time
 * moves only in {@link #advance}, {@link #step}, {@link #runUntil} and {@link #runUntilSettled},
 * which run the pending events (kubelet transitions, volume provisioning, controller syncs) in time
 * order; the garbage collector runs after every event. The same seed and the same commands give the
 * same {@link #eventLog()}, byte for byte. Instances are not thread-safe.
 *
 * @since 0.1.0
 */
public final class SimulatedCluster implements ClusterPort {

  /** The namespace of the methods that take no namespace, as kubectl's default. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** The virtual time a cluster starts at unless the builder sets another. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final long seed;
  private final SimContext sim;
  private final ClusterDns dns;
  private final PodFiles files;
  private final ControllerPort port;
  private final List<Registration> watches = new ArrayList<>();

  private int eventsThisInstant;

  /**
   * More events than this at one virtual instant mean two parts of the simulation undo each other
   * forever; a run stops with an {@link IllegalStateException} instead of hanging.
   */
  private static final int MAX_EVENTS_PER_INSTANT = 100_000;

  private SimulatedCluster(Builder b) {
    this.seed = b.seed;
    this.sim = new SimContext(b.seed, b.start, b.timings);
    sim.listener = b.listener;
    sim.store = new Store(this::changed);
    sim.api = new ApiServer(sim);
    sim.kubelet = new Kubelet(sim, b.nodes);
    sim.gc = new GarbageCollector(sim);
    this.port = new ControllerPort(sim);
    sim.controller =
        new ControllerLoop(sim, new StatefulSetController(port, b.reconciler), b.reconciler);
    this.dns = new ClusterDns(sim.store);
    this.files = new PodFiles(sim);
    faults(b.faults);
  }

  /** Returns a cluster with this seed and everything else at its default. */
  public static SimulatedCluster create(long seed) {
    return builder().seed(seed).build();
  }

  /** Returns a builder: seed 1, {@link #DEFAULT_START}, default timings, three nodes, no faults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SimulatedCluster}. */
  public static final class Builder {
    private long seed = 1;
    private Instant start = DEFAULT_START;
    private KubeletTimings timings = KubeletTimings.defaults();
    private Faults faults = Faults.none();
    private List<String> nodes = List.of("node-1", "node-2", "node-3");
    private StatefulSetReconciler reconciler = new StatefulSetReconciler();
    private SimulationListener listener = SimulationListener.NONE;

    private Builder() {}

    /** Sets the seed every random choice (uids, start jitter, random faults) derives from. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the virtual time the cluster starts at. */
    public Builder start(Instant start) {
      this.start = requireNonNull(start, "start");
      return this;
    }

    /** Sets how long pod transitions take. */
    public Builder timings(KubeletTimings timings) {
      this.timings = requireNonNull(timings, "timings");
      return this;
    }

    /** Sets the faults installed from the start. */
    public Builder faults(Faults faults) {
      this.faults = requireNonNull(faults, "faults");
      return this;
    }

    /**
     * Sets the node names; node {@code i} (from 1) gives its pods IPs from {@code 10.244.<i>.0/24}.
     *
     * @throws IllegalArgumentException if there are none, more than 254 or duplicates
     */
    public Builder nodes(String... names) {
      List<String> list = List.of(names);
      if (list.isEmpty() || list.size() > 254 || list.stream().distinct().count() != list.size()) {
        throw new IllegalArgumentException("nodes must be 1 to 254 distinct names: " + list);
      }
      this.nodes = list;
      return this;
    }

    /**
     * Sets the planner the controller runs, for example one with other {@code ReconcilerOptions}.
     */
    public Builder reconciler(StatefulSetReconciler reconciler) {
      this.reconciler = requireNonNull(reconciler, "reconciler");
      return this;
    }

    /** Sets a listener to every plan and every event, for checks between two commands. */
    public Builder listener(SimulationListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Returns the cluster. */
    public SimulatedCluster build() {
      return new SimulatedCluster(this);
    }
  }

  /** Returns the seed. */
  public long seed() {
    return seed;
  }

  // ===============================================================================================
  // Time

  /** Returns the cluster's clock. */
  public VirtualClock clock() {
    return sim.clock;
  }

  /** Returns the virtual time now (also what the controller reads through the port). */
  @Override
  public Instant now() {
    return sim.now();
  }

  /** Returns the virtual time since the cluster started. */
  public Duration elapsed() {
    return sim.clock.elapsed();
  }

  /**
   * Runs every event due within {@code duration}, then moves the clock to its end.
   *
   * @throws IllegalArgumentException if duration is negative
   * @throws IllegalStateException if the simulation livelocks: more than 100000 events at one
   *     virtual instant, which means two of its parts undo each other forever
   */
  public void advance(Duration duration) {
    Instant until = sim.now().plus(nonNegative("duration", duration));
    for (EventQueue.Entry e = sim.queue.peek();
        e != null && !e.time.isAfter(until);
        e = sim.queue.peek()) {
      runNext();
    }
    sim.clock.advanceTo(until);
  }

  /**
   * Runs the next pending event, moving the clock to its time; returns false if none is pending.
   *
   * @throws IllegalStateException if the simulation livelocks: more than 100000 events at one
   *     virtual instant, which means two of its parts undo each other forever
   */
  public boolean step() {
    if (sim.queue.isEmpty()) {
      return false;
    }
    runNext();
    return true;
  }

  /**
   * Runs events until {@code condition} holds (checked before each event), nothing is pending, or
   * {@code bound} of virtual time has passed; returns whether the condition holds.
   *
   * @throws IllegalArgumentException if bound is negative
   * @throws IllegalStateException if the simulation livelocks: more than 100000 events at one
   *     virtual instant, which means two of its parts undo each other forever
   */
  public boolean runUntil(Predicate<? super SimulatedCluster> condition, Duration bound) {
    Instant deadline = sim.now().plus(nonNegative("bound", bound));
    while (!condition.test(this)) {
      EventQueue.Entry e = sim.queue.peek();
      if (e == null) {
        return false;
      }
      if (e.time.isAfter(deadline)) {
        sim.clock.advanceTo(deadline);
        return condition.test(this);
      }
      runNext();
    }
    return true;
  }

  /**
   * Runs events in time order until nothing is pending and no pod is between two stages, or until
   * {@code bound} of virtual time has passed. The result says which: {@code SETTLED} (every set has
   * what it asks for), {@code BLOCKED} (quiet, but something waits for good, such as a pod that
   * never becomes Ready), or {@code TIME_LIMIT} (the clock then stands at the bound).
   *
   * @throws IllegalArgumentException if bound is negative
   * @throws IllegalStateException if the simulation livelocks: more than 100000 events at one
   *     virtual instant, which means two of its parts undo each other forever
   */
  public SettleResult runUntilSettled(Duration bound) {
    Instant deadline = sim.now().plus(nonNegative("bound", bound));
    while (true) {
      EventQueue.Entry e = sim.queue.peek();
      if (e == null) {
        List<String> blockers = blockers();
        return new SettleResult(
            blockers.isEmpty() ? SettleResult.Status.SETTLED : SettleResult.Status.BLOCKED,
            elapsed(),
            blockers);
      }
      if (e.time.isAfter(deadline)) {
        sim.clock.advanceTo(deadline);
        List<String> pending = sim.queue.describe();
        return new SettleResult(
            SettleResult.Status.TIME_LIMIT,
            elapsed(),
            pending.subList(0, Math.min(20, pending.size())));
      }
      runNext();
    }
  }

  private void runNext() {
    EventQueue.Entry e = sim.queue.poll();
    if (e.time.equals(sim.now())) {
      if (++eventsThisInstant > MAX_EVENTS_PER_INSTANT) {
        throw new IllegalStateException(
            "livelock: more than "
                + MAX_EVENTS_PER_INSTANT
                + " events at "
                + VirtualClock.format(elapsed())
                + " without time passing; next: "
                + e
                + ", pending: "
                + sim.queue.describe().subList(0, Math.min(10, sim.queue.describe().size())));
      }
    } else {
      eventsThisInstant = 0;
    }
    sim.clock.advanceTo(e.time);
    sim.events++;
    e.action.run();
    afterEvent();
  }

  /** Every user command is an event too: it changes the cluster at the current time. */
  private <T> T command(Supplier<T> command) {
    T result = command.get();
    sim.events++;
    afterEvent();
    return result;
  }

  private void command(Runnable command) {
    command(
        () -> {
          command.run();
          return null;
        });
  }

  private void afterEvent() {
    sim.listener.beforeCollection();
    sim.gc.collect();
    port.afterEvent();
    sim.listener.afterEvent();
  }

  private List<String> blockers() {
    List<String> out = new ArrayList<>(sim.controller.blockers());
    for (PodState p : sim.store.pods()) {
      SimPod pod = p.simPod();
      String subject = EventLog.subject(ObjectKind.POD, p.namespace, p.name);
      if (p.isTerminating()) {
        boolean lost = p.node != null && sim.kubelet.isLost(p.node);
        out.add(subject + " is Terminating" + (lost ? " on lost node " + p.node : ""));
      } else if (!p.ready) {
        out.add(subject + " is " + pod.statusText() + " " + pod.readyColumn());
      }
    }
    for (ClaimState c : sim.store.claims()) {
      if (c.isTerminating()) {
        out.add(
            EventLog.subject(ObjectKind.CLAIM, c.namespace, c.name)
                + " is Terminating: a pod still uses it");
      }
    }
    return out;
  }

  // ===============================================================================================
  // ClusterPort: the controller's view

  /**
   * Returns the set as the controller's informer cache has it: live, or stale under {@link
   * Faults#staleReads(int)}. Clients use {@link #findStatefulSet(String, String)}.
   */
  @Override
  public @Nullable StatefulSet statefulSet(String namespace, String name) {
    return port.statefulSet(namespace, name);
  }

  /** Returns the namespace's pods as the controller's cache has them (see {@link #statefulSet}). */
  @Override
  public List<ObservedPod> pods(String namespace) {
    return port.pods(namespace);
  }

  /** Returns the namespace's claims as the controller's cache has them. */
  @Override
  public List<ObservedClaim> claims(String namespace) {
    return port.claims(namespace);
  }

  /** Returns the namespace's ControllerRevisions as the controller's cache has them. */
  @Override
  public List<ControllerRevision> revisions(String namespace) {
    return port.revisions(namespace);
  }

  /**
   * Applies one controller write through the simulated apiserver, unless an installed fault fails
   * it; a crash fault then unwinds the controller's sync (the rest of its plan is dropped).
   */
  @Override
  public Outcome apply(StatefulSet set, Action action) {
    return port.apply(set, action);
  }

  // ===============================================================================================
  // Faults

  /**
   * Installs faults, replacing the previous ones; call counts and the stale-read history start
   * afresh. When stale reads end, the controller's cache catches up at once and, as its event
   * handlers would, queues every set for a sync.
   */
  public void faults(Faults faults) {
    port.install(requireNonNull(faults, "faults"));
  }

  /** Returns the installed faults. */
  public Faults faults() {
    return port.faults();
  }

  /**
   * Makes a pod's containers fail for good: phase {@code Failed}, status {@code Error}. The
   * controller deletes and recreates it (R-ORDER-1).
   *
   * @throws ApiException if the pod does not exist
   * @throws IllegalStateException if its containers are not running yet
   */
  public void failPod(String namespace, String name) {
    PodState p = requirePod(namespace, name);
    command(() -> sim.kubelet.fail(p));
  }

  /** {@link #failPod(String, String)} in the default namespace. */
  public void failPod(String name) {
    failPod(DEFAULT_NAMESPACE, name);
  }

  /**
   * Makes a pod's containers exit successfully: phase {@code Succeeded}, status {@code Completed},
   * as an evicted or shut-down pod can end.
   *
   * @throws ApiException if the pod does not exist
   * @throws IllegalStateException if its containers are not running yet
   */
  public void completePod(String namespace, String name) {
    PodState p = requirePod(namespace, name);
    command(() -> sim.kubelet.complete(p));
  }

  /** {@link #completePod(String, String)} in the default namespace. */
  public void completePod(String name) {
    completePod(DEFAULT_NAMESPACE, name);
  }

  /**
   * Makes a pod's containers crash: status {@code Error}, not Ready, then running again after the
   * container start time with the restart count one higher.
   *
   * @throws ApiException if the pod does not exist
   * @throws IllegalStateException if the pod is not Running
   */
  public void crashContainer(String namespace, String name) {
    PodState p = requirePod(namespace, name);
    command(() -> sim.kubelet.crash(p));
  }

  /** {@link #crashContainer(String, String)} in the default namespace. */
  public void crashContainer(String name) {
    crashContainer(DEFAULT_NAMESPACE, name);
  }

  /**
   * Makes a pod's readiness probe fail: its containers and the pod are not Ready until {@link
   * #ready(String, String)}.
   *
   * @throws ApiException if the pod does not exist
   */
  public void unready(String namespace, String name) {
    PodState p = requirePod(namespace, name);
    command(() -> sim.kubelet.probeFails(p, true));
  }

  /** {@link #unready(String, String)} in the default namespace. */
  public void unready(String name) {
    unready(DEFAULT_NAMESPACE, name);
  }

  /**
   * Lets a pod's readiness probe pass again after {@link #unready(String, String)}.
   *
   * @throws ApiException if the pod does not exist
   */
  public void ready(String namespace, String name) {
    PodState p = requirePod(namespace, name);
    command(() -> sim.kubelet.probeFails(p, false));
  }

  /** {@link #ready(String, String)} in the default namespace. */
  public void ready(String name) {
    ready(DEFAULT_NAMESPACE, name);
  }

  /**
   * Breaks an image: its containers start and run but never become Ready, so a rollout to it stops
   * at the first pod. Pods already running it stop being Ready.
   */
  public void breakImage(String image) {
    requireNonNull(image, "image");
    command(() -> sim.kubelet.breakImage(image, true));
  }

  /** Undoes {@link #breakImage(String)}: its containers become Ready. */
  public void fixImage(String image) {
    requireNonNull(image, "image");
    command(() -> sim.kubelet.breakImage(image, false));
  }

  /**
   * Loses the node a pod runs on: it stops reporting; after {@code nodeMonitorGrace} its pods are
   * not Ready, after {@code podEviction} more they are deleted and stay {@code Terminating} until
   * force-deleted ({@link #forceDeletePod(String, String)}) or the node recovers. Returns the node.
   *
   * @throws ApiException if the pod does not exist
   * @throws IllegalStateException if the pod is not scheduled yet
   */
  public String loseNode(String namespace, String pod) {
    PodState p = requirePod(namespace, pod);
    String node = sim.kubelet.nodeOf(p);
    command(() -> sim.kubelet.loseNode(node));
    return node;
  }

  /** {@link #loseNode(String, String)} in the default namespace. */
  public String loseNode(String pod) {
    return loseNode(DEFAULT_NAMESPACE, pod);
  }

  /**
   * Brings a lost node back: its pods are Ready again and terminations it missed complete.
   *
   * @throws IllegalArgumentException if there is no such node
   */
  public void recoverNode(String node) {
    requireNonNull(node, "node");
    command(() -> sim.kubelet.recoverNode(node));
  }

  // ===============================================================================================
  // StatefulSets

  /**
   * Creates the set, or replaces the labels, annotations and spec of the existing one, like {@code
   * kubectl apply}. The apiserver defaults and validates it; a spec change bumps {@code
   * metadata.generation}. Fields the given spec leaves unset are defaulted, not kept from the
   * stored set (this is a replace, not kubectl's three-way merge).
   *
   * @throws InvalidStatefulSetException if the apiserver would reject it
   */
  public ApplyResult apply(StatefulSet set) {
    requireNonNull(set, "set");
    if (sim.store.set(set.namespace(), set.name()) == null) {
      create(set);
      return ApplyResult.CREATED;
    }
    boolean changed = command(() -> sim.api.updateSet(set.namespace(), set.name(), old -> set));
    return changed ? ApplyResult.CONFIGURED : ApplyResult.UNCHANGED;
  }

  /**
   * Creates a set, like {@code kubectl create}: defaulted, validated, generation 1, with a uid from
   * the seed. Its given uid, status and timestamps are ignored.
   *
   * @throws ApiException if it exists already
   * @throws InvalidStatefulSetException if the apiserver would reject it
   */
  public SimStatefulSet create(StatefulSet set) {
    requireNonNull(set, "set");
    return command(() -> sim.api.createSet(set).simSet());
  }

  /**
   * Changes a set's spec, like {@code kubectl patch}: the function gets the stored (defaulted) spec
   * and returns the new one.
   *
   * @throws ApiException if the set does not exist
   * @throws InvalidStatefulSetException if the apiserver would reject the change
   */
  public SimStatefulSet patch(
      String namespace, String name, UnaryOperator<StatefulSetSpec> change) {
    requireNonNull(change, "change");
    command(
        () ->
            sim.api.updateSet(
                namespace,
                name,
                set -> ImmutableStatefulSet.copyOf(set).withSpec(change.apply(set.spec()))));
    return requireSet(namespace, name).simSet();
  }

  /** {@link #patch(String, String, UnaryOperator)} in the default namespace. */
  public SimStatefulSet patch(String name, UnaryOperator<StatefulSetSpec> change) {
    return patch(DEFAULT_NAMESPACE, name, change);
  }

  /**
   * Sets {@code spec.replicas}, like {@code kubectl scale}.
   *
   * @throws ApiException if the set does not exist
   * @throws InvalidStatefulSetException if replicas is negative
   */
  public SimStatefulSet scale(String namespace, String name, int replicas) {
    return patch(
        namespace, name, spec -> ImmutableStatefulSetSpec.copyOf(spec).withReplicas(replicas));
  }

  /** {@link #scale(String, String, int)} in the default namespace. */
  public SimStatefulSet scale(String name, int replicas) {
    return scale(DEFAULT_NAMESPACE, name, replicas);
  }

  /**
   * Sets the image of one container of the set's pod template, like {@code kubectl set image}.
   *
   * @throws ApiException if the set does not exist
   * @throws IllegalArgumentException if the template has no container of that name
   */
  public SimStatefulSet setImage(String namespace, String name, String container, String image) {
    requireNonNull(container, "container");
    requireNonNull(image, "image");
    return patch(
        namespace,
        name,
        spec ->
            ImmutableStatefulSetSpec.copyOf(spec)
                .withTemplate(withImage(spec.template(), container, image)));
  }

  /** {@link #setImage(String, String, String, String)} in the default namespace. */
  public SimStatefulSet setImage(String name, String container, String image) {
    return setImage(DEFAULT_NAMESPACE, name, container, image);
  }

  private static PodTemplate withImage(PodTemplate template, String container, String image) {
    Map<String, Object> spec = new TreeMap<>(template.spec());
    List<Object> containers = new ArrayList<>();
    boolean found = false;
    Object list = spec.get("containers");
    if (list instanceof List) {
      for (Object o : (List<?>) list) {
        if (o instanceof Map && container.equals(((Map<?, ?>) o).get("name"))) {
          Map<Object, Object> c = new TreeMap<>((Map<?, ?>) o);
          c.put("image", image);
          containers.add(c);
          found = true;
        } else {
          containers.add(o);
        }
      }
    }
    if (!found) {
      throw new IllegalArgumentException("the pod template has no container named " + container);
    }
    spec.put("containers", containers);
    Map<String, Object> content = new TreeMap<>(template.content());
    content.put("spec", spec);
    return PodTemplate.of(Json.canonicalObject(content));
  }

  /**
   * Deletes a set with a propagation policy, like {@code kubectl delete sts --cascade=...}.
   *
   * @throws ApiException if the set does not exist
   */
  public void deleteStatefulSet(String namespace, String name, Propagation propagation) {
    requireNonNull(propagation, "propagation");
    command(() -> sim.api.deleteSet(namespace, name, propagation));
  }

  /** {@link #deleteStatefulSet(String, String, Propagation)} in the default namespace. */
  public void deleteStatefulSet(String name, Propagation propagation) {
    deleteStatefulSet(DEFAULT_NAMESPACE, name, propagation);
  }

  /** Deletes a set in the default namespace with kubectl's default, background propagation. */
  public void deleteStatefulSet(String name) {
    deleteStatefulSet(DEFAULT_NAMESPACE, name, Propagation.BACKGROUND);
  }

  /** Returns the set, as a client reads it (always live). */
  public Optional<SimStatefulSet> findStatefulSet(String namespace, String name) {
    SetState s = sim.store.set(namespace, name);
    return s == null ? Optional.empty() : Optional.of(s.simSet());
  }

  /** {@link #findStatefulSet(String, String)} in the default namespace. */
  public Optional<SimStatefulSet> findStatefulSet(String name) {
    return findStatefulSet(DEFAULT_NAMESPACE, name);
  }

  /** Returns the sets of a namespace, by name. */
  public List<SimStatefulSet> listStatefulSets(String namespace) {
    return sim.store.<SetState>list(ObjectKind.STATEFUL_SET, namespace).stream()
        .map(SetState::simSet)
        .toList();
  }

  /**
   * Returns what a sync of the set would read from the live store, whatever faults are installed:
   * the set, the pods, claims and revisions of its namespace, and the virtual time. Empty if the
   * set does not exist. Invariant checks read the cluster this way.
   */
  public Optional<Observation> liveObservation(String namespace, String name) {
    SetState s = sim.store.set(namespace, name);
    return s == null ? Optional.empty() : Optional.of(sim.controller.liveObservation(s.set()));
  }

  /** Returns what the controller's last sync of the set did, if it synced it yet. */
  public Optional<SyncResult> lastSync(String namespace, String name) {
    return Optional.ofNullable(sim.controller.lastResult(StoredObject.key(namespace, name)));
  }

  /** Returns the ControllerRevisions of a namespace, by name. */
  public List<ControllerRevision> listRevisions(String namespace) {
    return sim.store.revisions(namespace);
  }

  // ===============================================================================================
  // Services

  /**
   * Creates the Service, or replaces its labels, selector and ports, like {@code kubectl apply}.
   *
   * @throws ApiException if the update would change the cluster IP
   */
  public ApplyResult apply(Service service) {
    requireNonNull(service, "service");
    if (sim.store.service(service.namespace(), service.name()) == null) {
      create(service);
      return ApplyResult.CREATED;
    }
    return command(() -> sim.api.updateService(service))
        ? ApplyResult.CONFIGURED
        : ApplyResult.UNCHANGED;
  }

  /**
   * Creates a Service, allocating a cluster IP unless it is headless or names one.
   *
   * @throws ApiException if it exists already
   */
  public SimService create(Service service) {
    requireNonNull(service, "service");
    return command(() -> sim.api.createService(service).simService());
  }

  /**
   * Deletes a Service. A StatefulSet's governing Service is not owned by it and is never deleted
   * with it.
   *
   * @throws ApiException if it does not exist
   */
  public void deleteService(String namespace, String name) {
    command(() -> sim.api.deleteService(namespace, name));
  }

  /** {@link #deleteService(String, String)} in the default namespace. */
  public void deleteService(String name) {
    deleteService(DEFAULT_NAMESPACE, name);
  }

  /** Returns the Service. */
  public Optional<SimService> findService(String namespace, String name) {
    ServiceState s = sim.store.service(namespace, name);
    return s == null ? Optional.empty() : Optional.of(s.simService());
  }

  /** {@link #findService(String, String)} in the default namespace. */
  public Optional<SimService> findService(String name) {
    return findService(DEFAULT_NAMESPACE, name);
  }

  /** Returns the Services of a namespace, by name. */
  public List<SimService> listServices(String namespace) {
    return sim.store.<ServiceState>list(ObjectKind.SERVICE, namespace).stream()
        .map(ServiceState::simService)
        .toList();
  }

  // ===============================================================================================
  // Pods

  /**
   * Deletes a pod gracefully, like {@code kubectl delete pod}: it shows {@code Terminating} until
   * its containers stopped (at most its grace period), then it is gone. A pod never scheduled goes
   * at once.
   *
   * @throws ApiException if it does not exist
   */
  public void deletePod(String namespace, String name) {
    command(() -> check(sim.api.deletePod(namespace, name, null, null, false)));
  }

  /** {@link #deletePod(String, String)} in the default namespace. */
  public void deletePod(String name) {
    deletePod(DEFAULT_NAMESPACE, name);
  }

  /**
   * Deletes a pod with this grace period, like {@code kubectl delete pod --grace-period=N}.
   *
   * @throws ApiException if it does not exist
   * @throws IllegalArgumentException if grace is negative
   */
  public void deletePod(String namespace, String name, Duration grace) {
    long seconds = nonNegative("grace", grace).getSeconds();
    command(() -> check(sim.api.deletePod(namespace, name, null, seconds, false)));
  }

  /**
   * Removes a pod at once, without waiting for its kubelet, like {@code kubectl delete pod
   * --grace-period=0 --force}: the way out for a pod stuck on a lost node.
   *
   * @throws ApiException if it does not exist
   */
  public void forceDeletePod(String namespace, String name) {
    command(() -> check(sim.api.deletePod(namespace, name, null, 0L, true)));
  }

  /** {@link #forceDeletePod(String, String)} in the default namespace. */
  public void forceDeletePod(String name) {
    forceDeletePod(DEFAULT_NAMESPACE, name);
  }

  /** Returns the pod. */
  public Optional<SimPod> findPod(String namespace, String name) {
    PodState p = sim.store.pod(namespace, name);
    return p == null ? Optional.empty() : Optional.of(p.simPod());
  }

  /** {@link #findPod(String, String)} in the default namespace. */
  public Optional<SimPod> findPod(String name) {
    return findPod(DEFAULT_NAMESPACE, name);
  }

  /** Returns the pods of a namespace, by name. */
  public List<SimPod> listPods(String namespace) {
    return listPods(namespace, LabelSelector.of(Map.of()));
  }

  /** Returns the pods of a namespace that a selector matches, by name. */
  public List<SimPod> listPods(String namespace, LabelSelector selector) {
    requireNonNull(selector, "selector");
    return sim.store.<PodState>list(ObjectKind.POD, namespace).stream()
        .filter(p -> selector.matches(p.labels))
        .map(PodState::simPod)
        .toList();
  }

  /**
   * Watches the pods of a namespace that a selector matches, like {@code kubectl get pods -w -l}:
   * every change is delivered as it happens, in order, with its virtual time. A pod that starts or
   * stops matching arrives as ADDED or DELETED. An empty namespace watches all namespaces.
   */
  public Watch watchPods(
      String namespace, LabelSelector selector, Consumer<? super PodWatchEvent> listener) {
    Registration r =
        new Registration(
            requireNonNull(namespace, "namespace"),
            requireNonNull(selector, "selector"),
            requireNonNull(listener, "listener"));
    watches.add(r);
    return r;
  }

  /** {@link #watchPods(String, LabelSelector, Consumer)} in the default namespace. */
  public Watch watchPods(LabelSelector selector, Consumer<? super PodWatchEvent> listener) {
    return watchPods(DEFAULT_NAMESPACE, selector, listener);
  }

  private final class Registration implements Watch {
    final String namespace;
    final LabelSelector selector;
    final Consumer<? super PodWatchEvent> listener;
    boolean open = true;

    Registration(
        String namespace, LabelSelector selector, Consumer<? super PodWatchEvent> listener) {
      this.namespace = namespace;
      this.selector = selector;
      this.listener = listener;
    }

    void deliver(@Nullable SimPod before, @Nullable SimPod after) {
      SimPod any = after != null ? after : before;
      if (!open || any == null || !(namespace.isEmpty() || namespace.equals(any.namespace()))) {
        return;
      }
      boolean was = before != null && selector.matches(before.labels());
      boolean is = after != null && selector.matches(after.labels());
      PodWatchEvent.Type type;
      if (is) {
        type = was ? PodWatchEvent.Type.MODIFIED : PodWatchEvent.Type.ADDED;
      } else if (was) {
        type = PodWatchEvent.Type.DELETED;
      } else {
        return;
      }
      listener.accept(new PodWatchEvent(type, now(), elapsed(), any));
    }

    @Override
    public void close() {
      open = false;
      watches.remove(this);
    }
  }

  // ===============================================================================================
  // Claims and volumes

  /**
   * Deletes a claim, like {@code kubectl delete pvc}: it stays {@code Terminating} while a pod uses
   * it (pvc-protection); when it goes, its volume and the volume's files go too.
   *
   * @throws ApiException if it does not exist
   */
  public void deleteClaim(String namespace, String name) {
    command(() -> check(sim.api.deleteClaim(namespace, name)));
  }

  /** {@link #deleteClaim(String, String)} in the default namespace. */
  public void deleteClaim(String name) {
    deleteClaim(DEFAULT_NAMESPACE, name);
  }

  /** Returns the claim. */
  public Optional<SimClaim> findClaim(String namespace, String name) {
    ClaimState c = sim.store.claim(namespace, name);
    return c == null ? Optional.empty() : Optional.of(c.simClaim());
  }

  /** {@link #findClaim(String, String)} in the default namespace. */
  public Optional<SimClaim> findClaim(String name) {
    return findClaim(DEFAULT_NAMESPACE, name);
  }

  /** Returns the claims of a namespace, by name. */
  public List<SimClaim> listClaims(String namespace) {
    return listClaims(namespace, LabelSelector.of(Map.of()));
  }

  /** Returns the claims of a namespace that a selector matches, by name. */
  public List<SimClaim> listClaims(String namespace, LabelSelector selector) {
    requireNonNull(selector, "selector");
    return sim.store.<ClaimState>list(ObjectKind.CLAIM, namespace).stream()
        .filter(c -> selector.matches(c.labels))
        .map(ClaimState::simClaim)
        .toList();
  }

  /** Returns the PersistentVolume of this name. */
  public Optional<SimVolume> findVolume(String name) {
    VolumeState v = sim.store.volume(name);
    return v == null ? Optional.empty() : Optional.of(v.simVolume());
  }

  /** Returns every PersistentVolume, by name. */
  public List<SimVolume> listVolumes() {
    List<SimVolume> out = new ArrayList<>();
    for (VolumeState v : sim.store.volumes()) {
      out.add(v.simVolume());
    }
    return out;
  }

  /** Returns the nodes, in their order. */
  public List<SimNode> nodes() {
    return sim.kubelet.nodes();
  }

  // ===============================================================================================
  // exec

  /**
   * Returns what {@code hostname} prints in the pod's container: {@code spec.hostname}.
   *
   * @throws ApiException if the pod does not exist or its container is not running
   */
  public String hostname(String namespace, String pod) {
    PodState p = requirePod(namespace, pod);
    PodFiles.runningContainer(sim, p);
    return p.hostname.isEmpty() ? p.name : p.hostname;
  }

  /** {@link #hostname(String, String)} in the default namespace. */
  public String hostname(String pod) {
    return hostname(DEFAULT_NAMESPACE, pod);
  }

  /**
   * Writes a file in the pod's first container, like {@code kubectl exec pod -- sh -c 'echo ... >
   * path'}. Under a volume mount of a claim the file lands on the claim's volume, where the next
   * pod that mounts the claim finds it; anywhere else it lives only as long as the pod.
   *
   * @throws ApiException if the pod does not exist or its container is not running
   * @throws IllegalArgumentException if path is not absolute
   */
  public void writeFile(String namespace, String pod, String path, String content) {
    PodState p = requirePod(namespace, pod);
    requireNonNull(content, "content");
    command(() -> files.write(p, requireNonNull(path, "path"), content));
  }

  /** {@link #writeFile(String, String, String, String)} in the default namespace. */
  public void writeFile(String pod, String path, String content) {
    writeFile(DEFAULT_NAMESPACE, pod, path, content);
  }

  /**
   * Reads a file in the pod's first container, like {@code kubectl exec pod -- cat path}; empty if
   * it does not exist.
   *
   * @throws ApiException if the pod does not exist or its container is not running
   * @throws IllegalArgumentException if path is not absolute
   */
  public Optional<String> readFile(String namespace, String pod, String path) {
    return files.read(requirePod(namespace, pod), requireNonNull(path, "path"));
  }

  /** {@link #readFile(String, String, String)} in the default namespace. */
  public Optional<String> readFile(String pod, String path) {
    return readFile(DEFAULT_NAMESPACE, pod, path);
  }

  /**
   * Records a permission change, like {@code kubectl exec pod -- chmod 755 path}. Modes change
   * nothing else in the simulation; they are kept with the files ({@link #fileMode}).
   *
   * @throws ApiException if the pod does not exist or its container is not running
   * @throws IllegalArgumentException if path is not absolute
   */
  public void chmod(String namespace, String pod, String path, String mode) {
    PodState p = requirePod(namespace, pod);
    requireNonNull(mode, "mode");
    command(() -> files.chmod(p, requireNonNull(path, "path"), mode));
  }

  /** {@link #chmod(String, String, String, String)} in the default namespace. */
  public void chmod(String pod, String path, String mode) {
    chmod(DEFAULT_NAMESPACE, pod, path, mode);
  }

  /**
   * Returns the mode last set with {@link #chmod} on a path, if any.
   *
   * @throws ApiException if the pod does not exist or its container is not running
   */
  public Optional<String> fileMode(String namespace, String pod, String path) {
    return files.mode(requirePod(namespace, pod), requireNonNull(path, "path"));
  }

  /** {@link #fileMode(String, String, String)} in the default namespace. */
  public Optional<String> fileMode(String pod, String path) {
    return fileMode(DEFAULT_NAMESPACE, pod, path);
  }

  // ===============================================================================================
  // DNS

  /** Returns the cluster DNS server's address, {@code 10.0.0.10}. */
  public String dnsServer() {
    return ClusterDns.SERVER;
  }

  /**
   * Resolves a name as a pod in {@code clientNamespace} would: {@code web-0.nginx}, {@code
   * web-0.nginx.default}, {@code web-0.nginx.default.svc.cluster.local} give the pod's IP while it
   * is Ready behind its headless Service; {@code nginx} gives the IPs of the Service's Ready pods
   * (or a normal Service's cluster IP). Returns no address for an unknown name.
   */
  public List<String> resolve(String clientNamespace, String name) {
    return dns.resolve(
        requireNonNull(clientNamespace, "clientNamespace"), requireNonNull(name, "name"));
  }

  /** {@link #resolve(String, String)} from the default namespace. */
  public List<String> resolve(String name) {
    return resolve(DEFAULT_NAMESPACE, name);
  }

  /**
   * Returns what busybox's {@code nslookup name} prints in a pod of {@code clientNamespace}, as in
   * the StatefulSet tutorial.
   */
  public String nslookup(String clientNamespace, String name) {
    return dns.nslookup(
        requireNonNull(clientNamespace, "clientNamespace"), requireNonNull(name, "name"));
  }

  /** {@link #nslookup(String, String)} from the default namespace. */
  public String nslookup(String name) {
    return nslookup(DEFAULT_NAMESPACE, name);
  }

  // ===============================================================================================
  // Log

  /**
   * Returns every line logged so far: each visible change of an object ({@code 18.734s pod/web-0
   * Running 1/1}), controller errors, crashes and restarts, injected faults, node events and exec
   * writes.
   */
  public List<String> eventLog() {
    return sim.log.lines();
  }

  // ===============================================================================================

  /** The store's listener: log, watches, the controller's event handlers. */
  private void changed(Change c) {
    sim.log.record(c);
    if (c.kind() == ObjectKind.POD) {
      for (Registration r : new ArrayList<>(watches)) {
        r.deliver((SimPod) c.before(), (SimPod) c.after());
      }
      if (c.type() == Change.Type.DELETED) {
        files.podRemoved(((SimPod) c.latest()).uid());
      }
    }
    sim.controller.onChange(c);
  }

  private PodState requirePod(String namespace, String name) {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    PodState p = sim.store.pod(namespace, name);
    if (p == null) {
      throw ApiException.notFound(ObjectKind.POD.resource(), name);
    }
    return p;
  }

  private SetState requireSet(String namespace, String name) {
    SetState s = sim.store.set(namespace, name);
    if (s == null) {
      throw ApiException.notFound(ObjectKind.STATEFUL_SET.resource(), name);
    }
    return s;
  }

  private static void check(Outcome outcome) {
    if (!outcome.isOk()) {
      throw ApiException.of(outcome);
    }
  }

  private static Duration nonNegative(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "SimulatedCluster[seed "
        + seed
        + ", "
        + VirtualClock.format(elapsed())
        + ", "
        + sim.store.pods().size()
        + " pods]";
  }
}
