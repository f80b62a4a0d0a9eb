package dev.ordinal.core;

import static dev.ordinal.core.Fixtures.newStatefulSet;
import static dev.ordinal.core.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodNames;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.Anomaly;
import dev.ordinal.api.plan.ReconcilePlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pod names and ordinals (R-NAME-1..5), and how the planner files pods by them. */
class NamingTest {

  // --- R-NAME-1: <set>-<ordinal>, decimal, no padding ---

  @Test
  @Tag("R-NAME-1")
  void podAndClaimNames_areSetDashOrdinal() {
    assertThat(PodNames.podName("foo", 0)).isEqualTo("foo-0");
    assertThat(PodNames.podName("web", 12)).isEqualTo("web-12");
    assertThat(PodNames.podName("my-app", 7)).isEqualTo("my-app-7");
    assertThat(PodNames.claimName("datadir", "foo", 3)).isEqualTo("datadir-foo-3");
  }

  @Test
  @Tag("R-NAME-1")
  void plannedPodsAndClaims_carryTheseNames() {
    ReconcilePlan plan = new FakeCluster(Fixtures.withOrdinalsStart(newStatefulSet(2), 10)).plan();

    assertThat(plan.actionsOf(Action.CreatePod.class))
        .extracting(a -> a.pod().name())
        .containsExactly("foo-10");
    assertThat(plan.actionsOf(Action.CreateClaim.class))
        .extracting(Action::target)
        .containsExactly("datadir-foo-10");
  }

  // --- R-NAME-2: (.*)-([0-9]+)$, parsed as a signed 32-bit number ---

  @ParameterizedTest(name = "{0} -> ({1}, {2})")
  @CsvSource({
    // upstream TestGetParentNameAndOrdinal
    "foo-1, foo, 1",
    "1-bar, '', -1",
    // no suffix, or a suffix that is not all digits
    "foo, '', -1",
    "foo-, '', -1",
    "-, '', -1",
    "foo-1a, '', -1",
    "foo-1-, '', -1",
    "foo.1, '', -1",
    "foo_1, '', -1",
    // the greedy group takes every dash but the last
    "foo-bar-2, foo-bar, 2",
    "my-web-app-10, my-web-app, 10",
    "foo--1, foo-, 1",
    "-5, '', 5",
    // leading zeros parse as the number
    "web-01, web, 1",
    "foo-007, foo, 7",
    "foo-00, foo, 0",
    "foo-0, foo, 0",
    // 32-bit bound: an overflow keeps the parent but loses the ordinal
    "foo-2147483647, foo, 2147483647",
    "foo-2147483648, foo, -1",
    "foo-99999999999999999999, foo, -1",
  })
  @Tag("R-NAME-2")
  void podName_parsesIntoParentAndOrdinalLikeUpstream(String name, String parent, int ordinal) {
    assertThat(PodNames.parentName(name)).isEqualTo(parent);
    assertThat(PodNames.ordinal(name)).isEqualTo(ordinal);

    ObservedPod pod = ObservedPod.builder().name(name).build();
    assertThat(pod.parentName()).isEqualTo(parent);
    assertThat(pod.ordinal()).isEqualTo(ordinal);
  }

  @ParameterizedTest(name = "{0} canonical: {1}")
  @CsvSource({
    "foo-0, true",
    "foo-10, true",
    "web-01, false",
    "foo-00, false",
    "1-bar, false",
    "foo-2147483648, false",
  })
  @Tag("R-NAME-2")
  void canonicalName_isTheOrdinalAsGoPrintsIt(String name, boolean canonical) {
    assertThat(ObservedPod.builder().name(name).build().hasCanonicalName()).isEqualTo(canonical);
  }

  @Test
  @Tag("R-NAME-2")
  @Tag("R-SPLIT-1")
  void overflowingOrdinal_isAdoptedAsAMemberButThenIgnored() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    ObservedPod overflow =
        ObservedPod.builder()
            .name("foo-2147483648")
            .uid("uid-overflow")
            .labels(Map.of("foo", "bar"))
            .phase(PodPhase.RUNNING)
            .ready(true)
            .build();
    c.put(overflow);

    ReconcilePlan plan = c.plan();

    // The parent parses as "foo", so upstream's membership filter adopts it (R-ADOPT-4) ...
    assertThat(steps(plan)).containsExactly("AdoptPod foo-2147483648");
    // ... but with ordinal -1 it is neither a replica nor condemned (R-SPLIT-1): not deleted, not
    // counted, so the status is unchanged and not written.
    assertThat(plan.status().replicas()).isEqualTo(1);
    assertThat(plan.anomalies())
        .extracting(Anomaly::subject, Anomaly::rule)
        .containsExactly(tuple("foo-2147483648", "R-SPLIT-1"));
  }

  // --- R-NAME-3: membership is parent == set name ---

  @Test
  @Tag("R-NAME-3")
  void orphanWhoseParentIsNotTheSet_isNotAdopted() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    for (String name : List.of("foo2-0", "bar-0", "foo-bar-0", "foo", "0-foo")) {
      c.put(
          ObservedPod.builder()
              .name(name)
              .uid("uid-" + name)
              .labels(Map.of("foo", "bar"))
              .phase(PodPhase.RUNNING)
              .ready(true)
              .build());
    }

    ReconcilePlan plan = c.plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().replicas()).isEqualTo(1);
    assertThat(plan.stop()).isNull();
  }

  @Test
  @Tag("R-NAME-3")
  void ownedPodNoLongerAMember_isReleased() {
    FakeCluster c = new FakeCluster(newStatefulSet(1));
    c.converge(20);
    c.put(
        ObservedPod.builder()
            .name("foox-0")
            .uid("uid-foox")
            .labels(Map.of("foo", "bar"))
            .addOwnerReferences(
                OwnerReference.controllerRef(
                    OwnerReference.APPS_V1, OwnerReference.STATEFUL_SET, "foo", "test"))
            .phase(PodPhase.RUNNING)
            .ready(true)
            .build());

    ReconcilePlan plan = c.plan();

    // ClaimPods filters by membership: an owned pod failing it is released (R-ADOPT-3).
    assertThat(steps(plan)).containsExactly("ReleasePod foox-0");
    assertThat(plan.status().replicas()).isEqualTo(1);
  }

  // --- R-NAME-4: the range is [start, start + replicas - 1] ---

  @Test
  @Tag("R-NAME-4")
  void range_startsAtZeroWithoutOrdinals() {
    FakeCluster c = new FakeCluster(newStatefulSet(3));
    c.converge(20);

    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-0", "foo-1", "foo-2");
  }

  @Test
  @Tag("R-NAME-4")
  void range_startsAtOrdinalsStart() {
    FakeCluster c = new FakeCluster(Fixtures.withOrdinalsStart(newStatefulSet(3), 2));
    c.converge(20);

    assertThat(c.pods()).extracting(ObservedPod::name).containsExactly("foo-2", "foo-3", "foo-4");
    assertThat(c.set().status().replicas()).isEqualTo(3);
    assertThat(c.claims()).containsOnlyKeys("datadir-foo-2", "datadir-foo-3", "datadir-foo-4");
  }

  // --- R-NAME-5: two pods with one ordinal compete for its slot; the later one wins ---

  @Test
  @Tag("R-NAME-5")
  void laterCanonicalPod_winsTheSlotAndTheOtherIsLeftAlone() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    ObservedPod foo0 = c.pod("foo-0");
    ObservedPod foo1 = c.pod("foo-1");
    ObservedPod foo01 = foo1.withName("foo-01").withUid("uid-01");

    ReconcilePlan plan = c.planWithPods(List.of(foo0, foo01, foo1));

    // foo-01 lost the slot: it is neither repaired nor deleted, and drops out of the status.
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.stop()).isNull();
    assertThat(plan.status().replicas()).isEqualTo(2);
    assertThat(plan.anomalies())
        .extracting(Anomaly::subject, Anomaly::rule)
        .containsExactly(tuple("foo-01", "R-NAME-5"));
  }

  @Test
  @Tag("R-NAME-5")
  void laterNonCanonicalPod_winsTheSlotOverTheCanonicalOne() {
    FakeCluster c = new FakeCluster(newStatefulSet(2));
    c.converge(20);
    ObservedPod foo0 = c.pod("foo-0");
    ObservedPod foo1 = c.pod("foo-1");
    ObservedPod foo01 = foo1.withName("foo-01").withUid("uid-01");

    ReconcilePlan plan = c.planWithPods(List.of(foo0, foo1, foo01));

    // Now foo-1 is the pod without a slot; foo-01 holds slot 1 (its identity is R-ID-3's case).
    assertThat(plan.anomalies())
        .extracting(Anomaly::subject, Anomaly::rule)
        .containsExactly(tuple("foo-1", "R-NAME-5"));
    assertThat(plan.status().replicas()).isEqualTo(2);
  }
}
