/**
 * A property driver over the simulated cluster: {@link dev.ordinal.testkit.driver.PropertyDriver}
 * runs random event sequences from {@link dev.ordinal.testkit.gen.Events} against a fresh {@link
 * dev.ordinal.sim.SimulatedCluster} holding a random valid StatefulSet, checks the
 * invariants of {@link dev.ordinal.invariants.StatefulSetInvariants} after every simulated
 * event, checks that the set converges once the faults stop, and shrinks a failing sequence to a
 * short scenario script that replays it. {@link dev.ordinal.testkit.driver.StatefulSetProperty}
 * runs it from JUnit Jupiter.
 */
@NullMarked
package dev.ordinal.testkit.driver;

import org.jspecify.annotations.NullMarked;
