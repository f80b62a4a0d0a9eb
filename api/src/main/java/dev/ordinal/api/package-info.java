/**
 * Immutable values that describe a StatefulSet and what is observed of it in a cluster: the spec
 * ({@link dev.ordinal.api.StatefulSetSpec}), its status, observed pods, claims and
 * ControllerRevisions, and the {@link dev.ordinal.api.Observation} handed to the planner.
 *
 * <p>Field names follow the Kubernetes {@code apps/v1} API verbatim. Values are deeply immutable
 * and null-hostile except where the Kubernetes field is optional, which is marked
 * {@code @Nullable}: an unset optional field means what it means to the apiserver (it is
 * defaulted, see {@code dev.ordinal.core.validation.Defaults}).
 *
 * <h2>One rule for value types</h2>
 *
 * <ul>
 *   <li>A <b>record</b> when the value is small and every component is given when it is made (a
 *       nullable component is still passed, explicitly): {@link dev.ordinal.api.OwnerReference},
 *       {@link dev.ordinal.api.RollingUpdate}, the actions, {@link
 *       dev.ordinal.api.plan.ReconcilePlan} (built in one place, by the planner).
 *   <li>An <b>Immutables</b> abstract class when callers build the value piecemeal or derive one
 *       from another: it has a static {@code builder()} (unset fields take their defaults) and
 *       {@code with*} methods on the type itself ({@code set.withStatus(status)}, {@code
 *       status.withCurrentReplicas(2)}): {@link dev.ordinal.api.StatefulSet}, {@link
 *       dev.ordinal.api.StatefulSetSpec}, {@link dev.ordinal.api.StatefulSetStatus}, the observed
 *       pods, claims and revisions, the {@link dev.ordinal.api.Observation}.
 *   <li>A hand-written final class only for a value kept as canonical JSON-like data or matched
 *       on the hot path ({@link dev.ordinal.api.PodTemplate}, {@link
 *       dev.ordinal.api.VolumeClaimTemplate}, {@link dev.ordinal.api.LabelSelector}).
 * </ul>
 *
 * <p>Callers use {@code builder()} and the withers; the generated {@code Immutable*} classes are
 * an implementation detail that no caller needs to name (a builder's type, {@code
 * ImmutableStatefulSetSpec.Builder}, is the one exception, where a builder is passed around).
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
