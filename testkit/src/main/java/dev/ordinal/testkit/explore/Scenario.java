package dev.ordinal.testkit.explore;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.core.ReconcilerOptions;
import dev.ordinal.testkit.gen.Event;
import java.util.List;

/**
 * What the {@link Explorer} explores: a set, the user's edits to it in order, which kinds of
 * trouble the cluster may cause, and how deep to look.
 *
 * <pre>{@code
 * Scenario s = Scenario.of("scale", set,
 *         List.of(new Event.Scale("web", 3), new Event.Scale("web", 1)))
 *     .withPodFailures(true)
 *     .withMaxDepth(40);
 * }</pre>
 *
 * @param name a name for reports
 * @param initial the set as first stored (defaulted, valid); it starts with no pods
 * @param script the user's spec changes, each happening at any point after the previous one
 * @param podFailures whether any running or pending pod may fail ({@code sim fail})
 * @param readinessLoss whether any Ready pod may lose readiness ({@code sim unready})
 * @param syncAfterEveryStep whether every other step is followed at once by a sync, as upstream's
 *     test drivers do; upstream's own invariants hold only under this discipline
 * @param lazyGarbageCollector whether the garbage collector deletes claims in steps of their own,
 *     at any later point ({@code sim gc <claim>}), rather than at once when their owner goes
 * @param maxDepth the longest path explored, in steps
 * @param maxStates exploration stops after this many distinct states
 * @param options the planner's options
 * @since 0.1.0
 */
public record Scenario(
    String name,
    StatefulSet initial,
    List<Event.SpecChange> script,
    boolean podFailures,
    boolean readinessLoss,
    boolean syncAfterEveryStep,
    boolean lazyGarbageCollector,
    int maxDepth,
    int maxStates,
    ReconcilerOptions options) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if maxDepth or maxStates is not positive
   */
  public Scenario {
    requireNonNull(name, "name");
    requireNonNull(initial, "initial");
    script = List.copyOf(script);
    requireNonNull(options, "options");
    if (maxDepth <= 0 || maxStates <= 0) {
      throw new IllegalArgumentException(
          "maxDepth and maxStates must be positive: " + maxDepth + ", " + maxStates);
    }
  }

  /**
   * Returns a scenario with no failures, no readiness loss, free interleaving of syncs and other
   * steps, a lazy garbage collector, depth 200, at most 5,000,000 states and the default options.
   */
  public static Scenario of(String name, StatefulSet initial, List<Event.SpecChange> script) {
    return new Scenario(
        name,
        initial,
        script,
        false,
        false,
        false,
        true,
        200,
        5_000_000,
        ReconcilerOptions.defaults());
  }

  /** Returns a copy with another script. */
  public Scenario withScript(List<Event.SpecChange> script) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        readinessLoss,
        syncAfterEveryStep,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }

  /** Returns a copy with {@link #podFailures()} set. */
  public Scenario withPodFailures(boolean on) {
    return new Scenario(
        name,
        initial,
        script,
        on,
        readinessLoss,
        syncAfterEveryStep,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }

  /** Returns a copy with {@link #readinessLoss()} set. */
  public Scenario withReadinessLoss(boolean on) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        on,
        syncAfterEveryStep,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }

  /** Returns a copy with {@link #syncAfterEveryStep()} set. */
  public Scenario withSyncAfterEveryStep(boolean on) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        readinessLoss,
        on,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }

  /** Returns a copy with {@link #lazyGarbageCollector()} set. */
  public Scenario withLazyGarbageCollector(boolean on) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        readinessLoss,
        syncAfterEveryStep,
        on,
        maxDepth,
        maxStates,
        options);
  }

  /**
   * Returns a copy with {@link #maxDepth()} set.
   *
   * @throws IllegalArgumentException if maxDepth is not positive
   */
  public Scenario withMaxDepth(int maxDepth) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        readinessLoss,
        syncAfterEveryStep,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }

  /**
   * Returns a copy with {@link #maxStates()} set.
   *
   * @throws IllegalArgumentException if maxStates is not positive
   */
  public Scenario withMaxStates(int maxStates) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        readinessLoss,
        syncAfterEveryStep,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }

  /** Returns a copy with the planner's options set. */
  public Scenario withOptions(ReconcilerOptions options) {
    return new Scenario(
        name,
        initial,
        script,
        podFailures,
        readinessLoss,
        syncAfterEveryStep,
        lazyGarbageCollector,
        maxDepth,
        maxStates,
        options);
  }
}
