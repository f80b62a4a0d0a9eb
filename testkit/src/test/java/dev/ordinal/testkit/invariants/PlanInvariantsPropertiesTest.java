package dev.ordinal.testkit.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.invariants.StatefulSetInvariants;
import dev.ordinal.testkit.gen.Gens;
import dev.ordinal.testkit.gen.ObservedStates;
import org.junit.jupiter.api.Test;

/** The plan invariants hold for every observation, however odd: the planner against the rules. */
class PlanInvariantsPropertiesTest {

  private static final int EXAMPLES = Integer.getInteger("ordinal.examples", 1000);

  @Test
  void everyPlan_satisfiesThePlanInvariants() {
    StatefulSetReconciler reconciler = new StatefulSetReconciler();
    qt().withExamples(EXAMPLES)
        .forAll(Gens.observations())
        .checkAssert(
            obs -> {
              ReconcilePlan plan = reconciler.plan(obs);
              assertThat(StatefulSetInvariants.checkPlan(obs, plan))
                  .as("plan of\n%s", ObservedStates.describe(obs))
                  .isEmpty();
            });
  }
}
