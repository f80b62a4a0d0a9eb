package dev.ordinal.testkit.driver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a JUnit Jupiter method a property over the simulated cluster: the method may take a {@link
 * PropertyDriver.Builder}, already configured from this annotation, and configure it further (a
 * policy, an invariant of its own, an operator's hook); once it returns, the driver {@link
 * PropertyDriver#check() checks} and the test fails with the seed and the shrunk scenario script if
 * a sequence fails.
 *
 * <pre>{@code
 * @StatefulSetProperty(tries = 200)
 * void parallelSetsKeepTheirData(PropertyDriver.Builder driver) {
 *   driver.podManagementPolicy(PodManagementPolicy.PARALLEL).invariant(myOperatorsInvariant);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(StatefulSetPropertyExtension.class)
public @interface StatefulSetProperty {

  /** How many random sequences to run. */
  int tries() default 100;

  /** The seed of the first try; try {@code i} uses {@code seed + i}. */
  long seed() default 1;

  /** The fewest events in a sequence. */
  int minEvents() default 5;

  /** The most events in a sequence. */
  int maxEvents() default 15;

  /** The largest replica count of the initial set and of scale events. */
  int maxReplicas() default 4;
}
