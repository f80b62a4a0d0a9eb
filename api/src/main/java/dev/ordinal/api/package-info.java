/**
 * Immutable values that describe a StatefulSet and what is observed of it in a cluster: the spec
 * ({@link dev.ordinal.api.StatefulSetSpec}), its status, observed pods, claims and
 * ControllerRevisions, and the {@link dev.ordinal.api.Observation} handed to the planner.
 *
 * <p>Field names follow the Kubernetes {@code apps/v1} API verbatim. Values are deeply immutable
 * and null-hostile except where the Kubernetes field is optional, which is marked
 * {@code @Nullable}: an unset optional field means what it means to the apiserver (it is
 * defaulted, see {@code dev.ordinal.core.validation.Defaults}).
 */
@NullMarked
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true, prehash = false),
    depluralize = true,
    get = {"is*", "get*"})
package dev.ordinal.api;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
