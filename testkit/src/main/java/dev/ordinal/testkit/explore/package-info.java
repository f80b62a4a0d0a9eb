/**
 * Exhaustive exploration of small StatefulSets: {@link dev.ordinal.testkit.explore.Explorer} walks
 * every interleaving of controller syncs, kubelet steps, garbage collection and scripted user edits
 * over a small pure model of the cluster, checks invariants in every step and reports the shortest
 * path to a violation as a scenario script.
 */
@NullMarked
package dev.ordinal.testkit.explore;

import org.jspecify.annotations.NullMarked;
