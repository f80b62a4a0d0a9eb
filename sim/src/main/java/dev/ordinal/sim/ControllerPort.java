package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.port.ClusterPort;
import dev.ordinal.api.port.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The apiserver as the StatefulSet controller sees it: reads from its informer cache (live, or
 * stale when stale reads are injected) and writes that injected faults may fail or follow with a
 * crash of the controller process.
 */
final class ControllerPort implements ClusterPort {

  private final SimContext sim;
  private final InformerCache cache = new InformerCache();
  private Faults faults = Faults.none();
  private int calls;

  /** Looked up only. */
  private final Map<Class<?>, Integer> callsOfType = new HashMap<>();

  ControllerPort(SimContext sim) {
    this.sim = sim;
  }

  Faults faults() {
    return faults;
  }

  /**
   * Installs faults; counts and the stale-read history start afresh. When stale reads end, the
   * cache catches up at once and, as its event handlers would, queues every set for a sync.
   */
  void install(Faults faults) {
    boolean caughtUp = this.faults.staleEvents() > 0 && faults.staleEvents() == 0;
    this.faults = faults;
    calls = 0;
    callsOfType.clear();
    cache.clear();
    afterEvent();
    sim.controller.staleLag(faults.staleEvents() > 0 ? faults.staleMaxLag() : Duration.ZERO);
    sim.controller.restartDelay(faults.restartDelay());
    if (caughtUp) {
      sim.controller.enqueueAll();
    }
  }

  /** Takes the snapshot stale reads may return, once an event is over. */
  void afterEvent() {
    if (faults.staleEvents() > 0) {
      cache.record(sim.events, sim.now(), sim.store, faults.staleEvents(), faults.staleMaxLag());
    }
  }

  @Override
  public Instant now() {
    return sim.now();
  }

  @Override
  public @Nullable StatefulSet statefulSet(String namespace, String name) {
    InformerCache.View v = staleView();
    if (v != null) {
      return v.set(namespace, name);
    }
    SetState s = sim.store.set(namespace, name);
    return s == null ? null : s.set();
  }

  @Override
  public List<ObservedPod> pods(String namespace) {
    InformerCache.View v = staleView();
    if (v != null) {
      return v.pods(namespace);
    }
    return sim.store.observedPods(namespace);
  }

  @Override
  public List<ObservedClaim> claims(String namespace) {
    InformerCache.View v = staleView();
    if (v != null) {
      return v.claims(namespace);
    }
    return sim.store.observedClaims(namespace);
  }

  @Override
  public List<ControllerRevision> revisions(String namespace) {
    InformerCache.View v = staleView();
    if (v != null) {
      return v.revisions(namespace);
    }
    return sim.store.revisions(namespace);
  }

  @Override
  public Outcome apply(StatefulSet set, Action action) {
    requireNonNull(set, "set");
    requireNonNull(action, "action");
    calls++;
    for (Class<? extends Action> type : faults.countedTypes()) {
      if (type.isInstance(action)) {
        callsOfType.merge(type, 1, Integer::sum);
      }
    }
    Outcome.Kind injected = faults.failure(calls, callsOfType, action, sim.faultRandom);
    Outcome outcome;
    if (injected != null) {
      outcome = injectedFailure(injected, action);
      sim.log.add(
          "api "
              + action.getClass().getSimpleName()
              + " "
              + action.target()
              + " -> "
              + injected
              + " (injected)");
    } else {
      outcome = sim.api.apply(set, action);
    }
    if (sim.controller.isSyncing() && faults.crashesAfter(calls, sim.faultRandom)) {
      throw new ControllerCrash(action);
    }
    return outcome;
  }

  private InformerCache.@Nullable View staleView() {
    if (faults.staleEvents() == 0) {
      return null;
    }
    return cache.read(sim.events, sim.now(), faults.staleEvents(), faults.staleMaxLag());
  }

  private static Outcome injectedFailure(Outcome.Kind kind, Action action) {
    String resource = resourceOf(action);
    String name = action.target();
    switch (kind) {
      case CONFLICT:
        return Outcome.conflict(
            "Operation cannot be fulfilled on "
                + resource
                + " \""
                + name
                + "\": the object has been modified; please apply your changes to the latest"
                + " version and try again (injected)");
      case NOT_FOUND:
        return Outcome.notFound(resource + " \"" + name + "\" not found (injected)");
      case ALREADY_EXISTS:
        return Outcome.alreadyExists(resource + " \"" + name + "\" already exists (injected)");
      case FAILED:
        return Outcome.failed("Internal error occurred: server error (injected)");
      default:
        throw new IllegalStateException("bug: not a failure: " + kind);
    }
  }

  private static String resourceOf(Action a) {
    if (a instanceof Action.CreateClaim || a instanceof Action.UpdateClaimOwners) {
      return ObjectKind.CLAIM.resource();
    }
    if (a instanceof Action.CreateRevision
        || a instanceof Action.RenumberRevision
        || a instanceof Action.DeleteRevision
        || a instanceof Action.AdoptRevision) {
      return ObjectKind.REVISION.resource();
    }
    if (a instanceof Action.WriteStatus) {
      return ObjectKind.STATEFUL_SET.resource();
    }
    return ObjectKind.POD.resource();
  }
}
