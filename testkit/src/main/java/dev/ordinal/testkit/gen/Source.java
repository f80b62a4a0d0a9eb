package dev.ordinal.testkit.gen;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The randomness every generator of this package draws from: one primitive, {@link #between(int,
 * int)}, and conveniences built on it. Generators are plain functions of a source, so the same
 * generator serves JUnit (with {@link #of(long)}), QuickTheories (through {@link Gens}, which backs
 * a source with QuickTheories' own randomness so that its shrinking works) or any other framework
 * that can supply bounded integers.
 *
 * <p>Generators draw small values for simple cases: a framework that shrinks draws towards their
 * lower bound shrinks the generated values towards simpler ones.
 *
 * <p>A source is not thread-safe.
 *
 * @since 0.1.0
 */
public abstract class Source {

  /** For subclasses that adapt another framework's randomness. */
  protected Source() {}

  /**
   * Returns a reproducible source: the same seed gives the same draws, on every JVM.
   *
   * @param seed the seed of a {@link SplittableRandom}
   */
  public static Source of(long seed) {
    return new Seeded(seed);
  }

  /**
   * Returns a source drawing from a JDK random generator.
   *
   * @throws NullPointerException if random is null
   */
  public static Source from(RandomGenerator random) {
    requireNonNull(random, "random");
    return new Source() {
      @Override
      public int between(int min, int max) {
        checkRange(min, max);
        return min == max ? min : (int) random.nextLong(min, (long) max + 1);
      }

      @Override
      public String toString() {
        return "Source(" + random + ")";
      }
    };
  }

  /**
   * Returns a value from {@code min} to {@code max}, both inclusive. Lower values stand for simpler
   * cases.
   *
   * @throws IllegalArgumentException if max is less than min
   */
  public abstract int between(int min, int max);

  /**
   * Returns a value from 0 to {@code bound - 1}.
   *
   * @throws IllegalArgumentException if bound is not positive
   */
  public final int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return between(0, bound - 1);
  }

  /** Returns true with the given percent chance; false is the simpler answer. */
  public final boolean chance(int percent) {
    return between(0, 99) >= 100 - percent;
  }

  /**
   * Returns one of the values; earlier values are the simpler ones.
   *
   * @throws IllegalArgumentException if values is empty
   */
  public final <T> T pick(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values must not be empty");
    }
    return values.get(below(values.size()));
  }

  /**
   * Returns one of the values; earlier values are the simpler ones.
   *
   * @throws IllegalArgumentException if no value is given
   */
  @SafeVarargs
  public final <T> T pick(T... values) {
    return pick(java.util.Arrays.asList(values));
  }

  static void checkRange(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("max (" + max + ") must be at least min (" + min + ")");
    }
  }

  /** A {@link SplittableRandom} with a known seed. */
  private static final class Seeded extends Source {
    private final long seed;
    private final SplittableRandom random;

    Seeded(long seed) {
      this.seed = seed;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public int between(int min, int max) {
      checkRange(min, max);
      return min == max ? min : (int) random.nextLong(min, (long) max + 1);
    }

    @Override
    public String toString() {
      return "Source.of(" + seed + "L)";
    }
  }
}
