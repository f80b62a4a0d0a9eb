package dev.ordinal.testkit.gen;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import java.util.List;
import java.util.function.Function;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators built on the framework-neutral functions of this package. Each draw a
 * generator makes is one QuickTheories draw with its bounds, shrinking towards the lower bound, so
 * QuickTheories shrinks a failing case towards fewer pods, fewer replicas and simpler settings.
 * QuickTheories is an optional dependency of the test kit: add it to use this class.
 *
 * <pre>{@code
 * qt().forAll(Gens.observations()).check(obs -> reconciler.plan(obs) != null);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Gens {

  private Gens() {}

  /** Returns {@link Specs#statefulSet(Source)} as a generator. */
  public static Gen<StatefulSet> statefulSets() {
    return statefulSets(Specs.Bounds.DEFAULT);
  }

  /**
   * Returns {@link Specs#statefulSet(Source, Specs.Bounds)} as a generator.
   *
   * @throws NullPointerException if bounds is null
   */
  public static Gen<StatefulSet> statefulSets(Specs.Bounds bounds) {
    requireNonNull(bounds, "bounds");
    return of(s -> Specs.statefulSet(s, bounds));
  }

  /**
   * Returns observations of random sets: {@link ObservedStates#observation(Source, StatefulSet)} of
   * {@link Specs#statefulSet(Source)}, described with {@link ObservedStates#describe}.
   */
  public static Gen<Observation> observations() {
    return observations(Specs.Bounds.DEFAULT);
  }

  /**
   * Returns observations of random sets within the bounds.
   *
   * @throws NullPointerException if bounds is null
   */
  public static Gen<Observation> observations(Specs.Bounds bounds) {
    requireNonNull(bounds, "bounds");
    Gen<Observation> gen = of(s -> ObservedStates.observation(s, Specs.statefulSet(s, bounds)));
    return gen.describedAs(ObservedStates::describe);
  }

  /**
   * Returns random event sequences for the set ({@link Events#sequence(Source, StatefulSet, int)}),
   * of up to {@code maxLength} events, described as a script.
   *
   * @throws NullPointerException if set is null
   * @throws IllegalArgumentException if maxLength is negative
   */
  public static Gen<List<Event>> events(StatefulSet set, int maxLength) {
    requireNonNull(set, "set");
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
    }
    Gen<List<Event>> gen = of(s -> Events.sequence(s, set, s.between(0, maxLength)));
    return gen.describedAs(Events::script);
  }

  /**
   * Returns any function of a {@link Source} as a generator whose draws QuickTheories records and
   * shrinks.
   *
   * @throws NullPointerException if function is null
   */
  public static <T> Gen<T> of(Function<? super Source, ? extends T> function) {
    requireNonNull(function, "function");
    return in -> function.apply(new QuickTheoriesSource(in));
  }

  /** A source whose every draw is a QuickTheories draw, so that it shrinks. */
  private static final class QuickTheoriesSource extends Source {
    private final RandomnessSource in;

    QuickTheoriesSource(RandomnessSource in) {
      this.in = in;
    }

    @Override
    public int between(int min, int max) {
      checkRange(min, max);
      return (int) in.next(Constraint.between(min, max).withShrinkPoint(min));
    }
  }
}
