package dev.ordinal.sim;

import dev.ordinal.api.Observation;
import dev.ordinal.api.plan.ReconcilePlan;

/**
 * Hears what happens inside a {@link SimulatedCluster} between two calls of its user: each plan the
 * controller makes, and the end of each simulated event. A property driver uses it to check
 * invariants after every step rather than only after every command; install it with {@link
 * SimulatedCluster.Builder#listener(SimulationListener)}.
 *
 * <p>A listener must not drive the cluster (run events, issue commands); reading it with the {@code
 * find*}, {@code list*} and {@link SimulatedCluster#liveObservation} methods is fine.
 *
 * @since 0.1.0
 */
public interface SimulationListener {

  /** A listener that hears nothing. */
  SimulationListener NONE = new SimulationListener() {};

  /**
   * The controller planned a sync from this observation (its informer view, stale under {@link
   * Faults#staleReads(int)}), and is about to apply the plan.
   */
  default void planned(Observation observation, ReconcilePlan plan) {}

  /**
   * One event of the simulation is done and the garbage collector is about to run: a check that
   * needs to see, say, the owner references a sync gave a claim before the collector deletes it
   * reads the cluster here.
   */
  default void beforeCollection() {}

  /**
   * One event of the simulation (a kubelet transition, a sync, a user command, …) and the garbage
   * collection after it are done.
   */
  default void afterEvent() {}
}
