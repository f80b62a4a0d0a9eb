package dev.ordinal.testkit.gen;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.port.Outcome;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.core.validation.SpecValidator;
import dev.ordinal.core.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One thing that happens to a StatefulSet and its cluster, as a line of a scenario script: {@link
 * #toString()} prints the line, {@link Events#parse} reads it back. A driver (a simulated cluster,
 * an explorer) gives each kind its meaning; spec changes carry theirs, {@link SpecChange#applyTo}.
 *
 * <ul>
 *   <li>{@link SpecChange}s are what a user does with kubectl: {@code kubectl scale sts web
 *       --replicas=3};
 *   <li>{@link Kubelet} events are a pod's lifecycle: {@code sim advance web-1}, {@code sim fail
 *       web-1};
 *   <li>{@link Fault}s are the API misbehaving: {@code sim fault next-call conflict};
 *   <li>{@link Control} steps drive the cluster: {@code sim sync web}, {@code sim gc}, {@code sleep
 *       5s}.
 * </ul>
 *
 * @since 0.1.0
 */
public sealed interface Event permits Event.SpecChange, Event.Kubelet, Event.Fault, Event.Control {

  /** Returns the event as a line of a scenario script, which {@link Events#parse} reads back. */
  @Override
  String toString();

  /** A change a user makes to the set's spec. */
  sealed interface SpecChange extends Event permits Scale, SetImage, SetPartition, SetRetention {

    /** The set's name. */
    String set();

    /**
     * Returns the set after this change, as the apiserver stores it: spec edited, defaulted,
     * generation bumped if the spec changed, status kept.
     *
     * @throws InvalidStatefulSetException if the apiserver would reject the change
     * @throws IllegalArgumentException if the set is another set than {@link #set()} names
     */
    StatefulSet applyTo(StatefulSet current);
  }

  /** A pod's lifecycle step, as the kubelet reports it. */
  sealed interface Kubelet extends Event
      permits Advance, Fail, ReadinessDrop, ReadinessReturn, TerminationComplete {

    /** The pod's name. */
    String pod();
  }

  /** The API server or the controller misbehaving. */
  sealed interface Fault extends Event permits ApiError, StaleRead, ControllerCrash {}

  /** A step that drives the cluster: a sync, the garbage collector, time passing. */
  sealed interface Control extends Event permits Sync, CollectGarbage, Sleep {}

  /** {@code kubectl scale sts <set> --replicas=<n>}. */
  record Scale(String set, int replicas) implements SpecChange {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if replicas is negative
     */
    public Scale {
      requireNonNull(set, "set");
      if (replicas < 0) {
        throw new IllegalArgumentException("replicas must not be negative: " + replicas);
      }
    }

    @Override
    public StatefulSet applyTo(StatefulSet current) {
      return edit(this, current, b -> b.replicas(replicas));
    }

    @Override
    public String toString() {
      return "kubectl scale sts " + set + " --replicas=" + replicas;
    }
  }

  /** {@code kubectl set image sts/<set> <container>=<image>}: a template change. */
  record SetImage(String set, String container, String image) implements SpecChange {
    /** Checks for nulls. */
    public SetImage {
      requireNonNull(set, "set");
      requireNonNull(container, "container");
      requireNonNull(image, "image");
    }

    @Override
    public StatefulSet applyTo(StatefulSet current) {
      return edit(
          this,
          current,
          b -> b.template(Specs.withImage(current.spec().template(), container, image)));
    }

    @Override
    public String toString() {
      return "kubectl set image sts/" + set + " " + container + "=" + image;
    }
  }

  /**
   * A merge patch of {@code spec.updateStrategy.rollingUpdate.partition}; on a RollingUpdate set
   * without a block it creates one, on an OnDelete set the apiserver rejects it (R-VALID-5).
   */
  record SetPartition(String set, int partition) implements SpecChange {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if partition is negative
     */
    public SetPartition {
      requireNonNull(set, "set");
      if (partition < 0) {
        throw new IllegalArgumentException("partition must not be negative: " + partition);
      }
    }

    @Override
    public StatefulSet applyTo(StatefulSet current) {
      UpdateStrategy s = current.spec().updateStrategy();
      RollingUpdate block = s.rollingUpdate();
      RollingUpdate patched =
          new RollingUpdate(partition, block == null ? null : block.maxUnavailable());
      UpdateStrategyType type = s.type() == null ? UpdateStrategyType.ROLLING_UPDATE : s.type();
      return edit(this, current, b -> b.updateStrategy(new UpdateStrategy(type, patched)));
    }

    @Override
    public String toString() {
      return "kubectl patch sts "
          + set
          + " -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":"
          + partition
          + "}}}}'";
    }
  }

  /** A merge patch of {@code spec.persistentVolumeClaimRetentionPolicy}. */
  record SetRetention(String set, RetentionPolicyType whenDeleted, RetentionPolicyType whenScaled)
      implements SpecChange {
    /** Checks for nulls. */
    public SetRetention {
      requireNonNull(set, "set");
      requireNonNull(whenDeleted, "whenDeleted");
      requireNonNull(whenScaled, "whenScaled");
    }

    @Override
    public StatefulSet applyTo(StatefulSet current) {
      return edit(
          this,
          current,
          b ->
              b.persistentVolumeClaimRetentionPolicy(
                  ClaimRetentionPolicy.of(whenDeleted, whenScaled)));
    }

    @Override
    public String toString() {
      return "kubectl patch sts "
          + set
          + " -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\""
          + whenDeleted.wireName()
          + "\",\"whenScaled\":\""
          + whenScaled.wireName()
          + "\"}}}'";
    }
  }

  /**
   * The pod advances one lifecycle step: Pending to Running, Running to Ready. A terminating pod's
   * step is {@link TerminationComplete}.
   */
  record Advance(String pod) implements Kubelet {
    /** Checks for nulls. */
    public Advance {
      requireNonNull(pod, "pod");
    }

    @Override
    public String toString() {
      return "sim advance " + pod;
    }
  }

  /** The pod's containers exit for good: phase Failed. */
  record Fail(String pod) implements Kubelet {
    /** Checks for nulls. */
    public Fail {
      requireNonNull(pod, "pod");
    }

    @Override
    public String toString() {
      return "sim fail " + pod;
    }
  }

  /** A Running pod's readiness probe starts failing: Ready becomes False. */
  record ReadinessDrop(String pod) implements Kubelet {
    /** Checks for nulls. */
    public ReadinessDrop {
      requireNonNull(pod, "pod");
    }

    @Override
    public String toString() {
      return "sim unready " + pod;
    }
  }

  /** A Running pod's readiness probe passes again: Ready becomes True. */
  record ReadinessReturn(String pod) implements Kubelet {
    /** Checks for nulls. */
    public ReadinessReturn {
      requireNonNull(pod, "pod");
    }

    @Override
    public String toString() {
      return "sim ready " + pod;
    }
  }

  /** A terminating pod's containers have stopped: the pod object is removed. */
  record TerminationComplete(String pod) implements Kubelet {
    /** Checks for nulls. */
    public TerminationComplete {
      requireNonNull(pod, "pod");
    }

    @Override
    public String toString() {
      return "sim terminated " + pod;
    }
  }

  /** The controller's next API call fails with this outcome. */
  record ApiError(Outcome.Kind kind) implements Fault {
    /**
     * Checks the outcome.
     *
     * @throws IllegalArgumentException if kind is {@code OK}
     */
    public ApiError {
      requireNonNull(kind, "kind");
      if (kind == Outcome.Kind.OK) {
        throw new IllegalArgumentException("an API error cannot be OK");
      }
    }

    @Override
    public String toString() {
      return "sim fault next-call " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The controller's next read comes from a cache one step behind the API server. */
  record StaleRead() implements Fault {
    @Override
    public String toString() {
      return "sim fault stale-read";
    }
  }

  /** The controller process restarts: whatever it kept in memory is lost. */
  record ControllerCrash() implements Fault {
    @Override
    public String toString() {
      return "sim crash controller";
    }
  }

  /** The controller syncs the set once. */
  record Sync(String set) implements Control {
    /** Checks for nulls. */
    public Sync {
      requireNonNull(set, "set");
    }

    @Override
    public String toString() {
      return "sim sync " + set;
    }
  }

  /**
   * The garbage collector deletes an object whose owners are all gone: one claim, or with target
   * {@value #ALL} every such object.
   */
  record CollectGarbage(String target) implements Control {
    /** The target that stands for every collectable object. */
    public static final String ALL = "*";

    /** Checks for nulls. */
    public CollectGarbage {
      requireNonNull(target, "target");
    }

    /** Returns a collection of everything collectable. */
    public static CollectGarbage all() {
      return new CollectGarbage(ALL);
    }

    @Override
    public String toString() {
      return target.equals(ALL) ? "sim gc" : "sim gc " + target;
    }
  }

  /** Time passes: minReadySeconds and requeues are judged against the clock. */
  record Sleep(Duration duration) implements Control {
    /**
     * Checks the duration.
     *
     * @throws IllegalArgumentException if the duration is negative or finer than milliseconds
     */
    public Sleep {
      requireNonNull(duration, "duration");
      if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
        throw new IllegalArgumentException(
            "duration must be whole milliseconds, not negative: " + duration);
      }
    }

    @Override
    public String toString() {
      long ms = duration.toMillis();
      return ms % 1000 == 0 ? "sleep " + ms / 1000 + "s" : "sleep " + ms + "ms";
    }
  }

  /** Edits the spec as the apiserver would accept it, or throws with its violations. */
  private static StatefulSet edit(
      SpecChange change, StatefulSet current, UnaryOperator<ImmutableStatefulSetSpec.Builder> e) {
    if (!current.name().equals(change.set())) {
      throw new IllegalArgumentException(
          "event for set " + change.set() + " applied to set " + current.name());
    }
    StatefulSetSpec spec = e.apply(StatefulSetSpec.builder().from(current.spec())).build();
    StatefulSet defaulted = Defaults.apply(current.withSpec(spec));
    if (defaulted.spec().equals(current.spec())) {
      return current; // the apiserver bumps the generation only when the spec changes
    }
    StatefulSet updated =
        defaulted.withGeneration(current.generation() + 1);
    List<Violation> violations = new ArrayList<>(SpecValidator.validateUpdate(updated, current));
    if (!violations.isEmpty()) {
      throw new InvalidStatefulSetException(current.name(), violations);
    }
    return updated;
  }
}
