/**
 * The StatefulSet controller as pure functions. {@link dev.ordinal.core.StatefulSetReconciler}
 * turns an {@link dev.ordinal.api.Observation} into the {@link dev.ordinal.api.plan.ReconcilePlan}
 * that one sync of upstream's controller ({@code UpdateStatefulSet}, v1.35) would carry out;
 * {@link dev.ordinal.core.StatefulSetController} runs such plans against a {@link
 * dev.ordinal.api.port.ClusterPort}.
 *
 * <p>Nothing in this package reads a clock, does I/O, starts a thread or draws a random number:
 * the same observation always yields the same plan.
 *
 * <p>The rule ids in plans, messages and comments ({@code R-ORDER-2}, {@code R-PVC-8}, ...) are
 * those of {@code docs/statefulset-rules.md} at the root of the repository, which says for each
 * rule what upstream does, where, and how the releases differ; the tests of a rule carry its id
 * as a JUnit tag.
 */
@NullMarked
package dev.ordinal.core;

import org.jspecify.annotations.NullMarked;
