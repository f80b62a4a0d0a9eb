/**
 * What {@code kubectl rollout status statefulset/<name>} reports for a StatefulSet ({@link
 * dev.ordinal.core.rollout.RolloutStatus}), so that tests and tools built on Ordinal can wait for a
 * rollout with the same notion of "done" as the Kubernetes command line (R-ROLLOUT).
 */
@NullMarked
package dev.ordinal.core.rollout;

import org.jspecify.annotations.NullMarked;
