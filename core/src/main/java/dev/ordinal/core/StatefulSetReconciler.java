package dev.ordinal.core;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.core.validation.SpecValidator;
import dev.ordinal.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The StatefulSet controller as a pure function: from an {@link Observation} to the {@link
 * ReconcilePlan} of one sync, exactly as upstream's {@code StatefulSetController.sync} and {@code
 * UpdateStatefulSet} (v1.35) would act on the same cluster state.
 *
 * <pre>{@code
 * ReconcilePlan plan = new StatefulSetReconciler().plan(observation);
 * for (Action action : plan.actions()) { ... }
 * plan.stopReason().ifPresent(System.out::println);
 * }</pre>
 *
 * <p>Despite its name (a Java Operator SDK reader expects a "reconciler" to write), this class only
 * <em>plans</em>: it reads nothing but the observation and writes nothing. {@link
 * StatefulSetController} is the part that <em>applies</em> a plan through a {@link
 * dev.ordinal.api.port.ClusterPort}, with upstream's error handling; an operator may equally apply
 * {@link ReconcilePlan#actions()} itself.
 *
 * <p>Instances are thread-safe; the only state they keep is the last set they validated, so that
 * planning the same set again skips validation. A plan reads each observed pod a small, fixed
 * number of times and allocates little beyond the actions it returns.
 *
 * @since 0.1.0
 */
public final class StatefulSetReconciler {

  /**
   * The largest {@code spec.replicas} planned for: a plan holds one slot per replica, and a larger
   * value is far beyond anything a cluster runs.
   */
  public static final int MAX_REPLICAS = 1 << 24;

  private final ReconcilerOptions options;

  /**
   * The last set that passed {@link #checkPlannable}: an unchanged set (the same instance, as an
   * informer cache hands out until the object changes) is not validated again on every event.
   */
  private volatile @Nullable StatefulSet lastChecked;

  /** Returns a reconciler with Kubernetes v1.35 behaviour. */
  public StatefulSetReconciler() {
    this(ReconcilerOptions.defaults());
  }

  /** Returns a reconciler with the given behaviour. */
  public StatefulSetReconciler(ReconcilerOptions options) {
    this.options = requireNonNull(options, "options");
  }

  /** Returns the options. */
  public ReconcilerOptions options() {
    return options;
  }

  /**
   * Returns what one sync of the StatefulSet controller does with this observation.
   *
   * @throws InvalidStatefulSetException if the set is not defaulted ({@link Defaults#apply}) or
   *     the apiserver would reject its spec; the exception lists every violation with its field
   *     path and the apiserver's message
   * @throws IllegalArgumentException if {@code spec.replicas} exceeds {@link #MAX_REPLICAS}
   */
  public ReconcilePlan plan(Observation observation) {
    requireNonNull(observation, "observation");
    StatefulSet set = observation.set();
    if (set != lastChecked) {
      checkPlannable(set);
      lastChecked = set;
    }
    return new Sync(observation, options).run();
  }

  /**
   * Checks that a set can be planned: defaulted and valid.
   *
   * @throws InvalidStatefulSetException if it is not
   */
  static void checkPlannable(StatefulSet set) {
    if (set.uid().isEmpty()) {
      // Owner references of every pod, claim and revision carry it: an empty one orphans them.
      throw new InvalidStatefulSetException(
          set.name(),
          List.of(
              Violation.required(
                  "metadata.uid",
                  "owner references carry it: plan the set as the apiserver stores it",
                  "R-LABEL-2")));
    }
    List<Violation> violations = SpecValidator.validate(set);
    if (!violations.isEmpty()) {
      throw new InvalidStatefulSetException(
          set.name(), Defaults.isDefaulted(set) ? violations : withDefaultingHint(violations));
    }
    if (!Defaults.isDefaulted(set)) {
      throw new InvalidStatefulSetException(set.name(), List.of(notDefaulted(set)));
    }
    int replicas = set.spec().effectiveReplicas();
    if (replicas > MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "spec.replicas " + replicas + " exceeds the " + MAX_REPLICAS + " this planner handles");
    }
  }

  /** The fields whose {@code Required value} only means the caller skipped defaulting. */
  private static final Set<String> DEFAULTED_FIELDS =
      Set.of("spec.podManagementPolicy", "spec.updateStrategy");

  /**
   * Names the fix in the violations of fields the apiserver defaults: the validator reports them
   * in the apiserver's words, which do not say that {@link Defaults#apply} fills them.
   */
  private static List<Violation> withDefaultingHint(List<Violation> violations) {
    List<Violation> out = new ArrayList<>();
    for (Violation v : violations) {
      if (v.type() == Violation.Type.REQUIRED && DEFAULTED_FIELDS.contains(v.path())) {
        out.add(Violation.required(v.path(), DEFAULTING_HINT, v.rule()));
      } else {
        out.add(v);
      }
    }
    return out;
  }

  private static final String DEFAULTING_HINT =
      "call Defaults.apply first: the apiserver defaults this field";

  private static Violation notDefaulted(StatefulSet set) {
    StatefulSetSpec spec = set.spec();
    String field =
        spec.replicas() == null
            ? "spec.replicas"
            : spec.podManagementPolicy() == null
                ? "spec.podManagementPolicy"
                : spec.revisionHistoryLimit() == null
                    ? "spec.revisionHistoryLimit"
                    : spec.persistentVolumeClaimRetentionPolicy() == null
                        ? "spec.persistentVolumeClaimRetentionPolicy"
                        : "spec.updateStrategy";
    return Violation.required(
        field, DEFAULTING_HINT, "R-DEF");
  }
}
