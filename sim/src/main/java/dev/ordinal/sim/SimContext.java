package dev.ordinal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What the parts of the simulation share: the clock, the event queue, the log, the seeded random
 * streams, the store and each other. The cluster wires the parts once, at construction.
 */
final class SimContext {

  final VirtualClock clock;
  final EventQueue queue = new EventQueue();
  final EventLog log;
  final Uids uids;

  /** Kubelet jitter: its own stream, so that other draws do not shift it. */
  final SplittableRandom kubeletRandom;

  /** Random faults: their own stream, so that installing them does not change uids or timings. */
  final SplittableRandom faultRandom;

  final KubeletTimings timings;

  /** Events run so far, user commands included: what "k events ago" counts. */
  long events;

  Store store;
  ApiServer api;
  Kubelet kubelet;
  GarbageCollector gc;
  ControllerLoop controller;
  SimulationListener listener = SimulationListener.NONE;

  SimContext(long seed, Instant start, KubeletTimings timings) {
    SplittableRandom root = new SplittableRandom(seed);
    this.uids = new Uids(root.split());
    this.kubeletRandom = root.split();
    this.faultRandom = root.split();
    this.clock = new VirtualClock(start);
    this.log = new EventLog(clock);
    this.timings = timings;
  }

  Instant now() {
    return clock.instant();
  }

  /** Schedules an action {@code delay} from now. */
  EventQueue.Entry after(Duration delay, String what, Runnable action) {
    return queue.schedule(now().plus(delay), what, action);
  }
}
