/**
 * Invariants of the StatefulSet controller as checks over api values: {@link
 * dev.ordinal.invariants.StatefulSetInvariants} has one named check per invariant, each
 * returning the {@link dev.ordinal.invariants.InvariantViolation}s it finds rather than
 * throwing, so that a driver can collect, report or shrink them.
 */
@NullMarked
package dev.ordinal.invariants;

import org.jspecify.annotations.NullMarked;
