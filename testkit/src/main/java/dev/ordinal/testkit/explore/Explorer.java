package dev.ordinal.testkit.explore;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.invariants.Invariant;
import dev.ordinal.invariants.InvariantViolation;
import dev.ordinal.invariants.StatefulSetInvariants;
import dev.ordinal.invariants.SyncStep;
import dev.ordinal.testkit.gen.Event;
import dev.ordinal.testkit.gen.ObservedStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Exhaustive exploration of a small StatefulSet's life: breadth-first over every interleaving of
 * controller syncs, kubelet steps (Pending to Running to Ready, terminating to gone), optional pod
 * failures and readiness losses, the garbage collector and the user's scripted edits, up to a depth
 * bound. States are deduplicated by a canonical form; every step is checked against an {@link
 * Invariant} and against {@link StatefulSetInvariants#noDataLost} (the model tracks which claims
 * hold data), and the first violation is reported with a shortest path to it, as a script.
 *
 * <pre>{@code
 * Exploration e = Explorer.explore(
 *     Scenario.of("scale", set, List.of(new Event.Scale("web", 3), new Event.Scale("web", 1))),
 *     StatefulSetInvariants.ALL);
 * e.violation().ifPresent(c -> System.out.println(c.script()));
 * }</pre>
 *
 * <p>The model is the controller's world reduced to what it reads: each sync plans from the whole
 * state and every action of the plan succeeds; pods carry name, uid, phase, readiness, termination
 * and revision; claims carry their owner references; the clock stands still. API errors, stale
 * caches and controller crashes are the simulated cluster's business, not this model's. Each
 * breadth-first level is expanded on all cores; the result does not depend on how many there are.
 *
 * @since 0.1.0
 */
public final class Explorer {

  private Explorer() {}

  /**
   * Explores the scenario, checking the invariant in every step.
   *
   * @throws NullPointerException if an argument is null
   * @throws dev.ordinal.core.validation.InvalidStatefulSetException if the initial set or a
   *     scripted edit is invalid
   */
  public static Exploration explore(Scenario scenario, Invariant invariant) {
    requireNonNull(scenario, "scenario");
    requireNonNull(invariant, "invariant");
    return new Run(scenario, invariant).run();
  }

  /** Returns the CPU time of the whole process so far, or 0 where the JVM does not say. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return Math.max(0, ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime());
    }
    return 0;
  }

  /** One successor of a state: the steps that lead to it, and what they broke. */
  private record Successor(
      ModelState state,
      List<Event> events,
      List<InvariantViolation> violations,
      @Nullable Observation before,
      @Nullable Observation after) {}

  private static final class Run {
    private final Scenario scenario;
    private final Invariant invariant;
    private final Model model;
    private final List<Event.SpecChange> script;
    private final String setName;

    private long cpuStarted;
    private final Map<ModelState, Integer> ids = new HashMap<>(1 << 16);
    private final List<Integer> parents = new ArrayList<>();
    private final List<List<Event>> edges = new ArrayList<>();

    Run(Scenario scenario, Invariant invariant) {
      this.scenario = scenario;
      this.invariant = invariant;
      this.script = scenario.script();
      List<StatefulSet> specs = new ArrayList<>();
      StatefulSet set = scenario.initial();
      specs.add(set);
      for (Event.SpecChange e : script) {
        set = e.applyTo(set);
        specs.add(set);
      }
      this.model = new Model(specs, new StatefulSetReconciler(scenario.options()));
      this.setName = scenario.initial().name();
    }

    Exploration run() {
      long started = System.nanoTime();
      cpuStarted = processCpuNanos();
      ModelState initial = model.initial();
      add(initial, -1, List.of());
      Observation obs0 = model.observe(initial);
      List<InvariantViolation> v0 = invariant.check(SyncStep.other(obs0, obs0));
      if (!v0.isEmpty()) {
        return done(started, 0, 0, false, counterexample(-1, List.of(), v0, obs0, obs0));
      }
      List<Integer> frontier = new ArrayList<>(List.of(0));
      List<ModelState> frontierStates = new ArrayList<>(List.of(initial));
      long transitions = 0;
      int depth = 0;
      while (!frontier.isEmpty()) {
        if (depth >= scenario.maxDepth()) {
          return done(started, transitions, depth, false, null);
        }
        List<List<Successor>> expanded =
            frontierStates.parallelStream().map(this::expand).collect(Collectors.toList());
        List<Integer> next = new ArrayList<>();
        List<ModelState> nextStates = new ArrayList<>();
        for (int i = 0; i < expanded.size(); i++) {
          int parent = frontier.get(i);
          for (Successor s : expanded.get(i)) {
            transitions++;
            if (!s.violations().isEmpty()) {
              return done(
                  started,
                  transitions,
                  depth + 1,
                  false,
                  counterexample(parent, s.events(), s.violations(), s.before(), s.after()));
            }
            if (!ids.containsKey(s.state())) {
              next.add(add(s.state(), parent, s.events()));
              nextStates.add(s.state());
              if (ids.size() >= scenario.maxStates()) {
                return done(started, transitions, depth + 1, false, null);
              }
            }
          }
        }
        frontier = next;
        frontierStates = nextStates;
        if (!next.isEmpty()) {
          depth++;
        }
      }
      return done(started, transitions, depth, true, null);
    }

    private int add(ModelState state, int parent, List<Event> events) {
      int id = parents.size();
      ids.put(state, id);
      parents.add(parent);
      edges.add(events);
      return id;
    }

    private Exploration done(
        long started, long transitions, int depth, boolean exhaustive, @Nullable Counterexample c) {
      return new Exploration(
          scenario,
          ids.size(),
          transitions,
          depth,
          exhaustive,
          c,
          Duration.ofNanos(System.nanoTime() - started),
          Duration.ofNanos(Math.max(0, processCpuNanos() - cpuStarted)));
    }

    private Counterexample counterexample(
        int parent,
        List<Event> last,
        List<InvariantViolation> violations,
        Observation before,
        Observation after) {
      List<List<Event>> reversed = new ArrayList<>();
      for (int id = parent; id > 0; id = parents.get(id)) {
        reversed.add(edges.get(id));
      }
      List<Event> path = new ArrayList<>();
      for (int i = reversed.size() - 1; i >= 0; i--) {
        path.addAll(reversed.get(i));
      }
      path.addAll(last);
      return new Counterexample(
          path, violations, ObservedStates.describe(before), ObservedStates.describe(after));
    }

    /** Returns every successor of a state, checked. Pure: runs on any thread. */
    private List<Successor> expand(ModelState s) {
      List<Successor> out = new ArrayList<>();
      Observation obs = model.observe(s);
      out.add(sync(s, obs, List.of(new Event.Sync(setName))));
      if (model.hasNextUserEvent(s)) {
        step(s, obs, model.userEvent(s), script.get(s.script()), out);
      }
      List<ObservedPod> pods = s.pods();
      for (int i = 0; i < pods.size(); i++) {
        ObservedPod pod = pods.get(i);
        ModelState advanced = model.advance(s, i);
        if (advanced != null) {
          Event e =
              pod.deletionTimestamp() != null
                  ? new Event.TerminationComplete(pod.name())
                  : new Event.Advance(pod.name());
          step(s, obs, advanced, e, out);
        }
        if (scenario.podFailures()) {
          ModelState failed = model.fail(s, i);
          if (failed != null) {
            step(s, obs, failed, new Event.Fail(pod.name()), out);
          }
        }
        if (scenario.readinessLoss()) {
          ModelState unready = model.dropReadiness(s, i);
          if (unready != null) {
            step(s, obs, unready, new Event.ReadinessDrop(pod.name()), out);
          }
        }
      }
      if (scenario.lazyGarbageCollector()) {
        for (ObservedClaim c : s.claims()) {
          if (model.collectable(s, c)) {
            step(s, obs, model.collect(s, c.name()), new Event.CollectGarbage(c.name()), out);
          }
        }
      }
      return out;
    }

    /** A step other than a sync, followed by a sync when the scenario says so. */
    private void step(
        ModelState s, Observation obs, ModelState next, Event event, List<Successor> out) {
      if (!scenario.lazyGarbageCollector()) {
        next = model.collectAll(next);
      }
      Observation after = model.observe(next);
      if (!scenario.syncAfterEveryStep()) {
        out.add(checked(next, List.of(event), SyncStep.other(obs, after), s, next, invariant));
        return;
      }
      // Upstream's drivers check after the sync, not between the step and the sync; only the
      // claim and data checks apply to the step itself.
      Successor first =
          checked(
              next,
              List.of(event),
              SyncStep.other(obs, after),
              s,
              next,
              step ->
                  StatefulSetInvariants.claimsDeletedOnlyByRetention(step.before(), step.after()));
      if (!first.violations().isEmpty()) {
        out.add(first);
        return;
      }
      out.add(sync(next, after, List.of(event, new Event.Sync(setName))));
    }

    private Successor sync(ModelState s, Observation obs, List<Event> events) {
      Model.Synced synced = model.sync(s, obs);
      ModelState next = synced.after();
      if (!scenario.lazyGarbageCollector()) {
        next = model.collectAll(next);
      }
      Observation after = model.observe(next);
      return checked(next, events, SyncStep.sync(obs, synced.plan(), after), s, next, invariant);
    }

    private static Successor checked(
        ModelState next,
        List<Event> events,
        SyncStep step,
        ModelState from,
        ModelState to,
        Invariant check) {
      List<InvariantViolation> violations = new ArrayList<>(check.check(step));
      violations.addAll(
          StatefulSetInvariants.noDataLost(step.before(), from.files(), step.after(), to.files()));
      // Observations are kept only to report a violation: a level holds many successors.
      return violations.isEmpty()
          ? new Successor(next, events, List.of(), null, null)
          : new Successor(next, events, violations, step.before(), step.after());
    }
  }
}
