package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void scaleUp_convergesAndSteadyStateIsEmpty() {
    FakeCluster c = new FakeCluster(Fixtures.newStatefulSet(3));
    ReconcilePlan first = c.sync();
    assertThat(first.actionsOf(Action.CreatePod.class)).hasSize(1);
    c.converge(50);
    assertThat(c.pods()).hasSize(3);
    ReconcilePlan steady = c.sync();
    assertThat(steady.actions()).isEmpty();
    c.update(Fixtures.withImage(c.set(), "nginx:2"));
    int syncs = c.converge(100);
    assertThat(c.pods()).allMatch(p -> p.revision().equals(c.set().status().updateRevision()));
    assertThat(c.set().status().currentRevision()).isEqualTo(c.set().status().updateRevision());
  }
}
