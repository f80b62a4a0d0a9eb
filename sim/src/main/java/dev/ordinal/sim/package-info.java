/**
 * A deterministic simulated Kubernetes cluster in the JVM, with the core planner as its StatefulSet
 * controller.
 *
 * <p>{@link dev.ordinal.sim.SimulatedCluster} holds StatefulSets, Services, Pods,
 * PersistentVolumeClaims, PersistentVolumes and ControllerRevisions; it runs a garbage collector, a
 * dynamic volume provisioner, a simulated kubelet per node, cluster DNS and the StatefulSet
 * controller loop on a {@link dev.ordinal.sim.VirtualClock}. Nothing runs on its own: time
 * moves only through {@code advance}, {@code runUntilSettled} and {@code step}, so one seed and one
 * sequence of commands always give the same {@link
 * dev.ordinal.sim.SimulatedCluster#eventLog() event log}, byte for byte. Faults (API
 * errors, stale reads, controller crashes, failing containers, unready pods, broken images, lost
 * nodes) are injected on purpose and are just as deterministic.
 *
 * <p>The package has no Kubernetes client dependency; it reads and writes the values of {@code
 * dev.ordinal.api}. A kubectl-style front end builds on the user operations and the read model
 * ({@link dev.ordinal.sim.SimPod}, {@link dev.ordinal.sim.SimClaim}, …).
 */
@NullMarked
package dev.ordinal.sim;

import org.jspecify.annotations.NullMarked;
