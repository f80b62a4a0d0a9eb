package dev.ordinal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.invariants.Invariant;
import dev.ordinal.invariants.InvariantViolation;
import dev.ordinal.invariants.StatefulSetInvariants;
import dev.ordinal.testkit.driver.PropertyDriver;
import dev.ordinal.testkit.driver.PropertyReport;
import dev.ordinal.testkit.driver.StatefulSetProperty;
import dev.ordinal.testkit.explore.Exploration;
import dev.ordinal.testkit.explore.Explorer;
import dev.ordinal.testkit.explore.Scenario;
import dev.ordinal.testkit.gen.Event;
import dev.ordinal.testkit.gen.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test-kit examples of README.md, compiled and run; the cli's {@code ReadmeTest} checks that
 * README shows exactly the text between the {@code // readme:} markers.
 */
class ReadmeExamplesTest {

  /** An operator's own rule: here, that every pod a sync creates is named after its set. */
  static final Invariant myInvariant =
      step -> {
        List<InvariantViolation> out = new ArrayList<>();
        if (step.plan() != null) {
          String prefix = step.before().set().name() + "-";
          for (Action.CreatePod c : step.plan().actionsOf(Action.CreatePod.class)) {
            if (!c.pod().name().startsWith(prefix)) {
              out.add(new InvariantViolation("myInvariant", "creates " + c.pod().name()));
            }
          }
        }
        return out;
      };

  // readme: property
  @StatefulSetProperty(tries = 20, maxReplicas = 3)
  void parallelSetsKeepTheirInvariants(PropertyDriver.Builder driver) {
    // random sets and event sequences (scale, image change, pod failures, API faults, crashes) on
    // the simulated cluster; every invariant checked after every event; a failure is shrunk to a
    // short script that replays it
    driver.podManagementPolicy(PodManagementPolicy.PARALLEL).invariant(myInvariant);
  }
  // readme: end

  @Test
  void readmeDriverExample_runsWithoutJunit() {
    // readme: driver
    PropertyReport report = PropertyDriver.builder().tries(20).maxReplicas(3).build().check();
    report.assertPassed();   // on failure: the seed and the shrunk script
    // readme: end
  }

  @Test
  void readmeExplorerExample_findsNoViolation() {
    StatefulSet set =
        Defaults.apply(
            StatefulSet.builder()
                .name("web")
                .namespace("default")
                .uid("uid-web")
                .spec(
                    StatefulSetSpec.builder()
                        .replicas(0)
                        .selector(LabelSelector.of(Map.of("app", "web")))
                        .template(Specs.template(Map.of("app", "web"), "nginx:1.0"))
                        .addVolumeClaimTemplate(VolumeClaimTemplate.of("data", "1Gi"))
                        .build())
                .build());

    // readme: explorer
    // every interleaving of syncs, kubelet steps and the garbage collector, up to a depth bound
    Exploration e = Explorer.explore(
        Scenario.of("scale", set, List.of(new Event.Scale("web", 2), new Event.Scale("web", 1))),
        StatefulSetInvariants.ALL);
    e.violation().ifPresent(c -> System.out.println(c.script()));  // a shortest path to it
    // readme: end

    assertThat(e.violation()).as(e.summary()).isEmpty();
    assertThat(e.states()).isGreaterThan(1);
  }
}
