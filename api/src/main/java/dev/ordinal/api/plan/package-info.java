/**
 * What the planner decides: a closed set of {@link dev.ordinal.api.plan.Action actions} an
 * operator applies in order, and the {@link dev.ordinal.api.plan.ReconcilePlan} that carries them
 * together with the status to write, the reason a sync stops where it stops, and the error
 * upstream's sync would return ({@link dev.ordinal.api.plan.SyncError}). The values follow the
 * rule of {@link dev.ordinal.api}: records throughout, as every one is made whole in one place.
 */
@NullMarked
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true, prehash = false),
    depluralize = true,
    get = {"is*", "get*"})
package dev.ordinal.api.plan;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
