package dev.ordinal.testkit.driver;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.invariants.Invariant;
import dev.ordinal.invariants.InvariantViolation;
import dev.ordinal.invariants.StatefulSetInvariants;
import dev.ordinal.invariants.SyncStep;
import dev.ordinal.sim.ApiException;
import dev.ordinal.sim.Faults;
import dev.ordinal.sim.SettleResult;
import dev.ordinal.sim.SimNode;
import dev.ordinal.sim.SimPod;
import dev.ordinal.sim.SimVolume;
import dev.ordinal.sim.SimulatedCluster;
import dev.ordinal.sim.SimulationListener;
import dev.ordinal.testkit.gen.Event;
import dev.ordinal.testkit.gen.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs one event sequence against a fresh cluster, checking after every simulated event. Each
 * script event has its meaning on the simulated cluster here; see {@link PropertyDriver} for the
 * table.
 */
final class SequenceRunner implements SimulationListener {

  /** The set that shares the namespace, so that there are pods the set must not touch. */
  static final String BYSTANDER = "bystander";

  /** How many informer resyncs convergence may take. */
  private static final int RESYNCS = 3;

  /** kube-controller-manager's {@code --min-resync-period}. */
  private static final Duration RESYNC_PERIOD = Duration.ofHours(12);

  /** The annotation whose change stands for an informer resync. */
  private static final String RESYNC = "testkit.ordinal.dev/resync";

  /** The longest a kubelet step waits for its pod to change. */
  private static final Duration STEP_BOUND = Duration.ofSeconds(30);

  /** The longest a terminating pod is waited for: the default grace period and some. */
  private static final Duration TERMINATION_BOUND = Duration.ofSeconds(60);

  private final StatefulSet set;
  private final Invariant invariant;
  private final Consumer<SimulatedCluster> afterEachEvent;
  private final Duration settleBound;
  private final SimulatedCluster cluster;
  private final String namespace;
  private final String name;

  private @Nullable Observation previous;
  private Map<String, Set<String>> previousFiles = Map.of();
  private @Nullable Failure failure;

  /** Events of the sequence begun so far: a failure's {@link Failure#afterEvent()}. */
  private int eventsRun;

  /** Pod uid and claim template of every file written, so that each is written once. */
  private final Set<String> written = new HashSet<>();

  /** The stale-read fault stays on once injected; API errors and crashes are one-shot. */
  private boolean staleReads;

  private @Nullable String bystanderUid;

  /** Whether the sequence is over and the cluster is settling. */
  private boolean converging;

  /** Whether the current event was a sync of the set. */
  private boolean synced;

  SequenceRunner(
      long seed,
      StatefulSet set,
      Invariant invariant,
      Consumer<SimulatedCluster> afterEachEvent,
      Duration settleBound) {
    this.set = set;
    this.invariant = invariant;
    this.afterEachEvent = afterEachEvent;
    this.settleBound = settleBound;
    this.namespace = set.namespace();
    this.name = set.name();
    this.cluster = SimulatedCluster.builder().seed(seed).listener(this).build();
  }

  /** Thrown from the listener to stop the simulation at the first failure. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  Trial run(long seed, List<Event> events) {
    try {
      cluster.create(set);
      if (!set.name().equals(BYSTANDER)) {
        cluster.create(bystander(set));
      }
      for (Event e : events) {
        eventsRun++;
        apply(e);
        writeData();
        afterEachEvent.accept(cluster);
        checkBystander();
      }
      converge();
    } catch (Stop stop) {
      // the failure is recorded
    } catch (RuntimeException e) {
      if (failure == null) {
        failure =
            new Failure(
                "exception:" + e.getClass().getName(),
                e.getMessage() + " at " + where(e),
                eventsRun,
                converging);
      }
    }
    return new Trial(seed, set, events, failure);
  }

  /** The innermost frames of the project's code, so that a script's reader knows where to look. */
  private static String where(Throwable e) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("dev.ordinal.") && frames.size() < 3) {
        frames.add(
            f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                + "."
                + f.getMethodName()
                + ":"
                + f.getLineNumber());
      }
    }
    return String.join(" < ", frames);
  }

  // -----------------------------------------------------------------------------------------------
  // Events

  private void apply(Event e) {
    if (e instanceof Event.SpecChange) {
      Event.SpecChange change = (Event.SpecChange) e;
      StatefulSet stored = cluster.findStatefulSet(namespace, name).orElseThrow().set();
      StatefulSet updated;
      try {
        updated = change.applyTo(stored);
      } catch (InvalidStatefulSetException rejected) {
        return; // kubectl would print the apiserver's refusal; the cluster is unchanged
      }
      StatefulSetSpec spec = updated.spec();
      cluster.patch(namespace, name, old -> spec);
    } else if (e instanceof Event.Advance) {
      String pod = ((Event.Advance) e).pod();
      String before = podKey(pod);
      cluster.runUntil(c -> !podKey(pod).equals(before), STEP_BOUND);
    } else if (e instanceof Event.TerminationComplete) {
      String pod = ((Event.TerminationComplete) e).pod();
      SimPod p = cluster.findPod(namespace, pod).orElse(null);
      if (p != null && p.isTerminating()) {
        String uid = p.uid();
        cluster.runUntil(
            c -> c.findPod(namespace, pod).map(x -> !x.uid().equals(uid)).orElse(true),
            TERMINATION_BOUND);
      }
    } else if (e instanceof Event.Fail) {
      String pod = ((Event.Fail) e).pod();
      if (live(pod)) {
        try {
          cluster.failPod(namespace, pod);
        } catch (IllegalStateException notRunningYet) {
          // a pod whose containers have not started cannot fail yet
        }
      }
    } else if (e instanceof Event.ReadinessDrop) {
      String pod = ((Event.ReadinessDrop) e).pod();
      if (live(pod)) {
        cluster.unready(namespace, pod);
      }
    } else if (e instanceof Event.ReadinessReturn) {
      String pod = ((Event.ReadinessReturn) e).pod();
      if (live(pod)) {
        cluster.ready(namespace, pod);
      }
    } else if (e instanceof Event.ApiError) {
      cluster.faults(standing().failCall(1, ((Event.ApiError) e).kind()));
    } else if (e instanceof Event.StaleRead) {
      staleReads = true;
      cluster.faults(standing());
    } else if (e instanceof Event.ControllerCrash) {
      cluster.faults(standing().crashAfterCall(1));
    } else if (e instanceof Event.Sleep) {
      cluster.advance(((Event.Sleep) e).duration());
    } else {
      // Sync and CollectGarbage: the controller syncs and the collector collects as events
      // happen; the script's step runs whatever is due now.
      cluster.advance(Duration.ZERO);
    }
  }

  /** The faults that outlive a one-shot fault: stale reads, once injected. */
  private Faults standing() {
    return staleReads ? Faults.none().staleReads(1) : Faults.none();
  }

  private boolean live(String pod) {
    return cluster.findPod(namespace, pod).map(p -> !p.isTerminating()).orElse(false);
  }

  /** What a kubelet step changes: existence, incarnation, phase, readiness, termination. */
  private String podKey(String pod) {
    return cluster
        .findPod(namespace, pod)
        .map(p -> p.uid() + p.phase() + p.ready() + p.isTerminating() + p.statusText())
        .orElse("");
  }

  /**
   * Writes one file per pod incarnation to each of its claims, as an application would, so that
   * {@link StatefulSetInvariants#noDataLost} has data to lose.
   */
  private void writeData() {
    List<VolumeClaimTemplate> templates =
        cluster.findStatefulSet(namespace, name).orElseThrow().set().spec().volumeClaimTemplates();
    if (templates.isEmpty()) {
      return;
    }
    for (SimPod pod : cluster.listPods(namespace)) {
      if (pod.phase() != PodPhase.RUNNING || pod.isTerminating() || !ownedBySet(pod)) {
        continue;
      }
      for (VolumeClaimTemplate t : templates) {
        String key = pod.uid() + "/" + t.name();
        if (!pod.claimVolumes().containsKey(t.name()) || written.contains(key)) {
          continue;
        }
        try {
          cluster.writeFile(namespace, pod.name(), "/" + t.name() + "/" + pod.uid(), "data");
          written.add(key);
        } catch (ApiException | IllegalStateException notYet) {
          // the container is not running or the volume not bound yet: try after the next event
        }
      }
    }
  }

  private boolean ownedBySet(SimPod pod) {
    return pod.controllerRef() != null && pod.controllerRef().name().equals(name);
  }

  // -----------------------------------------------------------------------------------------------
  // Convergence

  private void converge() {
    cluster.faults(Faults.none());
    staleReads = false;
    for (String image : Specs.IMAGES) {
      cluster.fixImage(image);
    }
    for (SimNode node : cluster.nodes()) {
      if (!node.ready()) {
        cluster.recoverNode(node.name());
      }
    }
    for (SimPod pod : cluster.listPods(namespace)) {
      if (!pod.isTerminating()) {
        cluster.ready(namespace, pod.name());
      }
    }
    deleteFailedCondemnedPods();
    SettleResult result = cluster.runUntilSettled(settleBound);
    for (int resync = 1;
        result.status() == SettleResult.Status.BLOCKED && resync <= RESYNCS;
        resync++) {
      // Upstream requeues for minReadySeconds only while availableReplicas != spec.replicas
      // (R-SYNC-6), so an OrderedReady scale-down waiting for a condemned pod to become available
      // waits for the informers' periodic resync, which the simulation does not have. Touching
      // the set's metadata 12 hours later queues it as a resync would; a set that is really stuck
      // stays blocked.
      cluster.advance(RESYNC_PERIOD);
      StatefulSet stored = cluster.findStatefulSet(namespace, name).orElseThrow().set();
      cluster.apply(
          stored
              .withAnnotations(
                  ImmutableMap.<String, String>builder()
                      .putAll(Maps.filterKeys(stored.annotations(), k -> !k.equals(RESYNC)))
                      .put(RESYNC, Integer.toString(resync))
                      .buildOrThrow()));
      result = cluster.runUntilSettled(settleBound);
    }
    converging = true;
    int n = eventsRun;
    if (!result.isSettled()) {
      fail(
          Failure.CONVERGENCE,
          result.status() + " after " + result.elapsed() + ": " + result.blockers(),
          n);
      return;
    }
    Observation obs = cluster.liveObservation(namespace, name).orElseThrow();
    StatefulSet now = obs.set();
    StatefulSetStatus status = now.status();
    int replicas = now.spec().effectiveReplicas();
    if (status.readyReplicas() != replicas) {
      fail(
          Failure.CONVERGENCE,
          "status.readyReplicas " + status.readyReplicas() + " != spec.replicas " + replicas,
          n);
      return;
    }
    RollingUpdate ru = now.spec().updateStrategy().rollingUpdate();
    boolean fullRollout =
        now.spec().updateStrategy().type() == UpdateStrategyType.ROLLING_UPDATE
            && (ru == null || ru.effectivePartition() == 0);
    if (fullRollout) {
      for (ObservedPod pod : obs.pods()) {
        if (owned(pod) && !pod.revision().equals(status.updateRevision())) {
          fail(
              Failure.CONVERGENCE,
              pod.name()
                  + " is at revision "
                  + pod.revision()
                  + ", not the update revision "
                  + status.updateRevision(),
              n);
          return;
        }
      }
    }
    // Upstream's driver invariants hold once the cluster is quiet and every pod is Ready.
    SyncStep settled = SyncStep.other(obs, obs);
    List<InvariantViolation> upstream = new ArrayList<>();
    upstream.addAll(StatefulSetInvariants.UPSTREAM_SCALE.check(settled));
    if (!now.spec().updateStrategy().isOnDelete() && fullRollout) {
      // With a partition, a scale-up during a rollout leaves an updated pod between current ones
      // (new pods below the partition get the current revision), as Kubernetes does; upstream's
      // update invariant assumes its driver, which never moves the partition mid-rollout.
      upstream.addAll(StatefulSetInvariants.UPSTREAM_UPDATE.check(settled));
    }
    upstream.addAll(StatefulSetInvariants.claimInvariants(obs));
    if (!upstream.isEmpty()) {
      fail(upstream.get(0).invariant(), upstream.get(0).message(), n);
    }
  }

  /**
   * Deletes, as a human would, the Failed or Succeeded pods beyond the set's range. Upstream
   * recreates only in-range failed pods (R-ORDER-1); under OrderedReady a condemned failed pod that
   * is not the lowest unhealthy one blocks the scale-down for good (R-ORDER-8, R-SPLIT-4), as it
   * does in Kubernetes v1.35.
   */
  private void deleteFailedCondemnedPods() {
    StatefulSetSpec spec = cluster.findStatefulSet(namespace, name).orElseThrow().set().spec();
    for (SimPod pod : cluster.listPods(namespace)) {
      int ordinal = PodNames.ordinal(pod.name());
      boolean condemned =
          ordinal < spec.startOrdinal()
              || ordinal >= spec.startOrdinal() + spec.effectiveReplicas();
      boolean done = pod.phase() == PodPhase.FAILED || pod.phase() == PodPhase.SUCCEEDED;
      if (ownedBySet(pod) && condemned && done && !pod.isTerminating()) {
        cluster.deletePod(namespace, pod.name());
      }
    }
  }

  private boolean owned(ObservedPod pod) {
    return pod.controllerRef() != null && pod.controllerRef().uid().equals(liveUid());
  }

  private String liveUid() {
    return cluster.findStatefulSet(namespace, name).orElseThrow().set().uid();
  }

  // -----------------------------------------------------------------------------------------------
  // Checks

  /** The bystander's pod, once Running, is never touched: same uid for the whole run. */
  private void checkBystander() {
    if (name.equals(BYSTANDER)) {
      return;
    }
    SimPod pod = cluster.findPod(namespace, BYSTANDER + "-0").orElse(null);
    if (bystanderUid == null) {
      if (pod != null && pod.isRunningAndReady()) {
        bystanderUid = pod.uid();
      }
    } else if (pod == null || !pod.uid().equals(bystanderUid) || pod.isTerminating()) {
      fail(
          "noForeignPodTouched",
          "the pod of set " + BYSTANDER + " was deleted or replaced",
          eventsRun);
      throw new Stop();
    }
  }

  @Override
  public void planned(Observation observation, ReconcilePlan plan) {
    if (failure != null || !observation.set().name().equals(name)) {
      return;
    }
    // The plan is judged against the view it was made from, stale or not; the state checks
    // against it hold as it once was live, and the claim checks see no change.
    record(invariant.check(SyncStep.sync(observation, plan, observation)));
    synced = true;
  }

  @Override
  public void beforeCollection() {
    if (!synced || failure != null) {
      return;
    }
    // A sync can give a claim its pod as owner and delete the pod in one event, and the garbage
    // collector then deletes the claim at once: the retention check must see those owners.
    synced = false;
    check();
  }

  @Override
  public void afterEvent() {
    synced = false;
    check();
  }

  private void check() {
    if (failure != null) {
      throw new Stop();
    }
    Observation now = cluster.liveObservation(namespace, name).orElse(null);
    if (now == null) {
      return;
    }
    Map<String, Set<String>> files = files();
    Observation before = previous == null ? now : previous;
    record(invariant.check(SyncStep.other(before, now)));
    if (failure == null) {
      record(StatefulSetInvariants.noDataLost(before, previousFiles, now, files));
    }
    previous = now;
    previousFiles = files;
    if (failure != null) {
      throw new Stop();
    }
  }

  /** Claim name to the files on its volume, for claims of the set's namespace. */
  private Map<String, Set<String>> files() {
    Map<String, Set<String>> out = new TreeMap<>();
    String prefix = namespace + "/";
    for (SimVolume v : cluster.listVolumes()) {
      if (v.claim().startsWith(prefix) && !v.files().isEmpty()) {
        out.put(v.claim().substring(prefix.length()), new TreeSet<>(v.files().keySet()));
      }
    }
    return out;
  }

  private void record(List<InvariantViolation> violations) {
    if (!violations.isEmpty() && failure == null) {
      InvariantViolation v = violations.get(0);
      failure = new Failure(v.invariant(), v.message(), eventsRun, converging);
    }
  }

  private void fail(String kind, String message, int afterEvent) {
    if (failure == null) {
      failure = new Failure(kind, message, afterEvent, converging);
    }
  }

  /** A one-replica set of its own, in the set's namespace, with labels the set does not use. */
  static StatefulSet bystander(StatefulSet set) {
    Map<String, String> labels = Map.of("app", BYSTANDER);
    return StatefulSet.builder()
        .name(BYSTANDER)
        .namespace(set.namespace())
        .uid("uid-" + BYSTANDER)
        .spec(
            StatefulSetSpec.builder()
                .replicas(1)
                .selector(LabelSelector.of(labels))
                .template(Specs.template(labels, Specs.IMAGES.get(0)))
                .build())
        .build();
  }
}
