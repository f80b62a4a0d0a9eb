/**
 * Plans written for people and for programs, as the {@code ordinal plan} command prints them:
 * {@link dev.ordinal.core.render.PlanText} (numbered actions in kubectl-like words, why the sync
 * stops, anomalies, requeue) and {@link dev.ordinal.core.render.PlanJson} (a versioned, stable
 * JSON shape, documented in {@code docs/plan-json-schema.md} and {@code docs/plan.schema.json}).
 * Both take a {@link dev.ordinal.core.render.PlanReport}: the plan and what it was made from.
 * No dependency beyond the api: the JSON is written by hand, byte for byte as the command always
 * printed it.
 */
@NullMarked
package dev.ordinal.core.render;

import org.jspecify.annotations.NullMarked;
