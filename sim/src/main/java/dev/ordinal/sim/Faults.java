package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.plan.Action;
import dev.ordinal.api.port.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Faults the simulated cluster injects into the controller's view of the API server: failed writes,
 * stale reads and crashes of the controller process. A value is immutable; each method returns a
 * copy with one more fault. Install it with {@link SimulatedCluster#faults(Faults)}; call counts
 * start from the installation.
 *
 * <pre>{@code
 * cluster.faults(Faults.none()
 *     .failCall(3, Outcome.Kind.CONFLICT)       // the third write fails with a conflict
 *     .failRate(0.1, Action.CreatePod.class, Outcome.Kind.FAILED)
 *     .staleReads(2)                            // the controller sees the cluster 2 events late
 *     .crashAfterCall(5));                      // the controller dies after its fifth write
 * }</pre>
 *
 * <p>A failed write is not applied; the controller gets the {@link Outcome} of that kind with an
 * apiserver-like message marked "(injected)". Random faults draw from the cluster's seed, so they
 * are as deterministic as everything else.
 *
 * @since 0.1.0
 */
public final class Faults {

  /** The restart delay of a crashed controller unless set with {@link #restartDelay(Duration)}. */
  public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(1);

  /** The longest a stale read lags unless set with {@link #staleReads(int, Duration)}. */
  public static final Duration DEFAULT_STALE_MAX_LAG = Duration.ofSeconds(2);

  private static final Faults NONE =
      new Faults(List.of(), List.of(), 0, 0, 0, DEFAULT_STALE_MAX_LAG, DEFAULT_RESTART_DELAY);

  /** The Nth write (of one action type, or of any when type is null) fails with kind. */
  record CallRule(int nth, @Nullable Class<? extends Action> type, Outcome.Kind kind) {}

  /** Each write (of one action type, or of any) fails with kind with this probability. */
  record RateRule(double rate, @Nullable Class<? extends Action> type, Outcome.Kind kind) {}

  private final List<CallRule> callRules;
  private final List<RateRule> rateRules;
  private final int crashAfterCall;
  private final double crashRate;
  private final int staleEvents;
  private final Duration staleMaxLag;
  private final Duration restartDelay;

  private Faults(
      List<CallRule> callRules,
      List<RateRule> rateRules,
      int crashAfterCall,
      double crashRate,
      int staleEvents,
      Duration staleMaxLag,
      Duration restartDelay) {
    this.callRules = List.copyOf(callRules);
    this.rateRules = List.copyOf(rateRules);
    this.crashAfterCall = crashAfterCall;
    this.crashRate = crashRate;
    this.staleEvents = staleEvents;
    this.staleMaxLag = staleMaxLag;
    this.restartDelay = restartDelay;
  }

  /** Returns no faults at all. */
  public static Faults none() {
    return NONE;
  }

  /**
   * Returns a copy in which the {@code nth} write through the port (counting from 1 across all
   * action kinds) fails with {@code kind}.
   *
   * @throws IllegalArgumentException if nth is below 1 or kind is {@code OK}
   */
  public Faults failCall(int nth, Outcome.Kind kind) {
    return withCall(new CallRule(positive("nth", nth), null, failure(kind)));
  }

  /**
   * Returns a copy in which the {@code nth} write of one action type (counting from 1) fails with
   * {@code kind}, for example the second {@code Action.CreatePod}.
   *
   * @throws IllegalArgumentException if nth is below 1 or kind is {@code OK}
   */
  public Faults failCall(int nth, Class<? extends Action> type, Outcome.Kind kind) {
    return withCall(
        new CallRule(positive("nth", nth), requireNonNull(type, "type"), failure(kind)));
  }

  /**
   * Returns a copy in which every write fails with {@code kind} with probability {@code rate}.
   *
   * @throws IllegalArgumentException if rate is not in [0, 1] or kind is {@code OK}
   */
  public Faults failRate(double rate, Outcome.Kind kind) {
    return withRate(new RateRule(probability("rate", rate), null, failure(kind)));
  }

  /**
   * Returns a copy in which every write of one action type fails with {@code kind} with probability
   * {@code rate}.
   *
   * @throws IllegalArgumentException if rate is not in [0, 1] or kind is {@code OK}
   */
  public Faults failRate(double rate, Class<? extends Action> type, Outcome.Kind kind) {
    return withRate(
        new RateRule(probability("rate", rate), requireNonNull(type, "type"), failure(kind)));
  }

  /**
   * Returns a copy in which the controller process crashes right after its {@code nth} write
   * (counting from 1): the rest of that sync's plan is dropped, the work queue is lost, and the
   * controller restarts after {@link #restartDelay()} and syncs every set again, as a restarted
   * kube-controller-manager does after its initial list.
   *
   * @throws IllegalArgumentException if nth is below 1
   */
  public Faults crashAfterCall(int nth) {
    return new Faults(
        callRules,
        rateRules,
        positive("nth", nth),
        crashRate,
        staleEvents,
        staleMaxLag,
        restartDelay);
  }

  /**
   * Returns a copy in which the controller crashes after any write with probability {@code rate}
   * (see {@link #crashAfterCall(int)}).
   *
   * @throws IllegalArgumentException if rate is not in [0, 1]
   */
  public Faults crashRate(double rate) {
    return new Faults(
        callRules,
        rateRules,
        crashAfterCall,
        probability("rate", rate),
        staleEvents,
        staleMaxLag,
        restartDelay);
  }

  /**
   * Returns a copy in which the controller reads the cluster as it was {@code events} events ago,
   * like an informer cache that lags behind the apiserver. An event is one step of the simulation
   * (a kubelet transition, a controller sync, a provisioning, a user command). The lag never
   * exceeds {@link #DEFAULT_STALE_MAX_LAG} of virtual time, so a quiet cluster catches up.
   *
   * @throws IllegalArgumentException if events is negative
   */
  public Faults staleReads(int events) {
    return staleReads(events, DEFAULT_STALE_MAX_LAG);
  }

  /**
   * Returns a copy in which the controller reads the cluster {@code events} events late, but never
   * more than {@code maxLag} of virtual time late (see {@link #staleReads(int)}).
   *
   * @throws IllegalArgumentException if events or maxLag is negative
   */
  public Faults staleReads(int events, Duration maxLag) {
    if (events < 0) {
      throw new IllegalArgumentException("events must not be negative: " + events);
    }
    requireNonNull(maxLag, "maxLag");
    if (maxLag.isNegative()) {
      throw new IllegalArgumentException("maxLag must not be negative: " + maxLag);
    }
    return new Faults(
        callRules, rateRules, crashAfterCall, crashRate, events, maxLag, restartDelay);
  }

  /**
   * Returns a copy in which a crashed controller restarts after {@code delay}.
   *
   * @throws IllegalArgumentException if delay is negative
   */
  public Faults restartDelay(Duration delay) {
    requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return new Faults(
        callRules, rateRules, crashAfterCall, crashRate, staleEvents, staleMaxLag, delay);
  }

  /** Returns how many events late the controller reads; 0 means it reads the live state. */
  public int staleEvents() {
    return staleEvents;
  }

  /** Returns the longest virtual time a stale read lags. */
  public Duration staleMaxLag() {
    return staleMaxLag;
  }

  /** Returns how long a crashed controller stays down. */
  public Duration restartDelay() {
    return restartDelay;
  }

  /** Returns true if this injects nothing. */
  public boolean isNone() {
    return callRules.isEmpty()
        && rateRules.isEmpty()
        && crashAfterCall == 0
        && crashRate == 0
        && staleEvents == 0;
  }

  /**
   * Returns the failure for a write, or null to let it through.
   *
   * @param call the write's number since installation, from 1
   * @param callsOfType for each counted action type, the number of writes of it so far, this one
   *     included
   */
  Outcome.@Nullable Kind failure(
      int call, Map<Class<?>, Integer> callsOfType, Action action, SplittableRandom random) {
    for (CallRule r : callRules) {
      boolean hit =
          r.type() == null
              ? r.nth() == call
              : r.type().isInstance(action) && r.nth() == callsOfType.getOrDefault(r.type(), 0);
      if (hit) {
        return r.kind();
      }
    }
    for (RateRule r : rateRules) {
      if ((r.type() == null || r.type().isInstance(action)) && random.nextDouble() < r.rate()) {
        return r.kind();
      }
    }
    return null;
  }

  /** Returns the action types whose writes are counted separately. */
  List<Class<? extends Action>> countedTypes() {
    List<Class<? extends Action>> out = new ArrayList<>();
    for (CallRule r : callRules) {
      if (r.type() != null && !out.contains(r.type())) {
        out.add(r.type());
      }
    }
    return out;
  }

  /** Returns true if the controller crashes after write number {@code call}. */
  boolean crashesAfter(int call, SplittableRandom random) {
    if (crashAfterCall == call) {
      return true;
    }
    return crashRate > 0 && random.nextDouble() < crashRate;
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "Faults[none]";
    }
    StringBuilder sb = new StringBuilder("Faults[");
    List<String> parts = new ArrayList<>();
    for (CallRule r : callRules) {
      parts.add(
          "call "
              + r.nth()
              + (r.type() == null ? "" : " of " + r.type().getSimpleName())
              + " -> "
              + r.kind());
    }
    for (RateRule r : rateRules) {
      parts.add(
          (r.type() == null ? "" : r.type().getSimpleName() + " ") + r.rate() + " -> " + r.kind());
    }
    if (crashAfterCall > 0) {
      parts.add("crash after call " + crashAfterCall);
    }
    if (crashRate > 0) {
      parts.add("crash rate " + crashRate);
    }
    if (staleEvents > 0) {
      parts.add("stale reads " + staleEvents + " events (max " + staleMaxLag + ")");
    }
    return sb.append(String.join(", ", parts)).append(']').toString();
  }

  private Faults withCall(CallRule rule) {
    List<CallRule> rules = new ArrayList<>(callRules);
    rules.add(rule);
    return new Faults(
        rules, rateRules, crashAfterCall, crashRate, staleEvents, staleMaxLag, restartDelay);
  }

  private Faults withRate(RateRule rule) {
    List<RateRule> rules = new ArrayList<>(rateRules);
    rules.add(rule);
    return new Faults(
        callRules, rules, crashAfterCall, crashRate, staleEvents, staleMaxLag, restartDelay);
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
    return value;
  }

  private static double probability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
    }
    return value;
  }

  private static Outcome.Kind failure(Outcome.Kind kind) {
    requireNonNull(kind, "kind");
    if (kind == Outcome.Kind.OK) {
      throw new IllegalArgumentException("kind must be a failure: OK");
    }
    return kind;
  }
}
