package dev.ordinal.conformance;

import static dev.ordinal.conformance.Cases.claim;
import static dev.ordinal.conformance.Cases.observe;
import static dev.ordinal.conformance.Cases.pod;
import static dev.ordinal.conformance.Cases.podRef;
import static dev.ordinal.conformance.Cases.pods;
import static dev.ordinal.conformance.Cases.revision;
import static dev.ordinal.conformance.Cases.set;
import static dev.ordinal.conformance.Cases.setRef;
import static dev.ordinal.conformance.Cases.withClaims;
import static dev.ordinal.conformance.Cases.withImage;
import static dev.ordinal.conformance.Cases.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ImmutableControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.testkit.gen.Specs;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-picked observations, at least one per rule family, each answered by Ordinal and by every
 * release's oracle. Each case also states what the oracle must do, so that a case that stopped
 * exercising its rule fails instead of passing on an empty answer.
 */
class EdgeCasesTest {

  record Case(
      String name,
      Supplier<Observation> observation,
      String expects,
      Predicate<OracleResponse> check) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Map<Release, Conformance> ORACLES = new EnumMap<>(Release.class);
  private static final Map<Release, Tally> TALLIES = new EnumMap<>(Release.class);

  static Predicate<OracleResponse> writes(String verb, String resource, String name) {
    return r ->
        r.writes().stream()
            .anyMatch(
                c ->
                    c.verb().equals(verb)
                        && c.resource().equals(resource)
                        && (name.isEmpty() || c.name().equals(name)));
  }

  static Predicate<OracleResponse> noWrite(String verb, String resource) {
    return writes(verb, resource, "").negate();
  }

  static final ClaimRetentionPolicy DELETE_BOTH =
      ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.DELETE);
  static final ClaimRetentionPolicy DELETE_ON_SCALE =
      ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE);

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    out.add(
        new Case(
            "scale up, OrderedReady: the next ordinal",
            () -> {
              StatefulSet s = set(3, b -> b);
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 2, r.name(), r.name(), 2),
                  pods(s, 0, 2, r.name()),
                  List.of(),
                  List.of(r));
            },
            "create pods web-2",
            writes("create", "pods", "web-2")));
    out.add(
        new Case(
            "scale up, Parallel: every missing ordinal",
            () -> {
              StatefulSet s = set(3, b -> b.podManagementPolicy(PodManagementPolicy.PARALLEL));
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 0, r.name(), r.name(), 0), List.of(), List.of(), List.of(r));
            },
            "create pods web-0..2",
            writes("create", "pods", "web-2")));
    out.add(
        new Case(
            "scale down, OrderedReady: the highest ordinal",
            () -> {
              StatefulSet s = set(1, b -> b);
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 3, r.name(), r.name(), 3),
                  pods(s, 0, 3, r.name()),
                  List.of(),
                  List.of(r));
            },
            "delete pods web-2",
            writes("delete", "pods", "web-2")));
    out.add(
        new Case(
            "scale down, Parallel: every condemned pod",
            () -> {
              StatefulSet s = set(1, b -> b.podManagementPolicy(PodManagementPolicy.PARALLEL));
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 3, r.name(), r.name(), 3),
                  pods(s, 0, 3, r.name()),
                  List.of(),
                  List.of(r));
            },
            "delete pods web-1",
            writes("delete", "pods", "web-1")));
    out.add(
        new Case(
            "rolling update with partition 1",
            () -> {
              StatefulSet old = set(3, b -> b.updateStrategy(UpdateStrategy.partitioned(1)));
              StatefulSet s = withImage(old, "nginx:1.1");
              ControllerRevision r1 = revision(old, 1);
              ControllerRevision r2 = revision(s, 2);
              return observe(
                  withStatus(s, 3, r1.name(), r2.name(), 3),
                  pods(s, 0, 3, r1.name()),
                  List.of(),
                  List.of(r1, r2));
            },
            "delete pods web-2",
            writes("delete", "pods", "web-2")));
    out.add(
        new Case(
            "rolling update with maxUnavailable 2",
            () -> {
              StatefulSet old =
                  set(
                      4,
                      b ->
                          b.updateStrategy(
                              UpdateStrategy.rollingUpdateWith(
                                  new RollingUpdate(0, IntOrString.of(2)))));
              StatefulSet s = withImage(old, "nginx:1.1");
              ControllerRevision r1 = revision(old, 1);
              ControllerRevision r2 = revision(s, 2);
              return observe(
                  withStatus(s, 4, r1.name(), r2.name(), 4),
                  pods(s, 0, 4, r1.name()),
                  List.of(),
                  List.of(r1, r2));
            },
            "delete pods web-3",
            writes("delete", "pods", "web-3")));
    out.add(
        new Case(
            "OnDelete: no pod is deleted for the new revision",
            () -> {
              StatefulSet old = set(2, b -> b.updateStrategy(UpdateStrategy.ON_DELETE));
              StatefulSet s = withImage(old, "nginx:1.1");
              ControllerRevision r1 = revision(old, 1);
              ControllerRevision r2 = revision(s, 2);
              return observe(
                  withStatus(s, 2, r1.name(), r1.name(), 2),
                  pods(s, 0, 2, r1.name()),
                  List.of(),
                  List.of(r1, r2));
            },
            "no pod deletion",
            noWrite("delete", "pods")));
    out.add(
        new Case(
            "OnDelete: every pod updated completes the rollout",
            () -> {
              StatefulSet old = set(2, b -> b.updateStrategy(UpdateStrategy.ON_DELETE));
              StatefulSet s = withImage(old, "nginx:1.1");
              ControllerRevision r1 = revision(old, 1);
              ControllerRevision r2 = revision(s, 2);
              return observe(
                  withStatus(s, 2, r1.name(), r2.name(), 0),
                  pods(s, 0, 2, r2.name()),
                  List.of(),
                  List.of(r1, r2));
            },
            "a status write",
            writes("update", "statefulsets", "web")));
    out.add(
        new Case(
            "retention Delete/Delete: the claim gets the set as owner",
            () -> {
              StatefulSet s = set(1, withClaims(DELETE_BOTH));
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 1, r.name(), r.name(), 1),
                  pods(s, 0, 1, r.name()),
                  List.of(claim(s, 0)),
                  List.of(r));
            },
            "update persistentvolumeclaims data-web-0",
            writes("update", "persistentvolumeclaims", "data-web-0")));
    out.add(
        new Case(
            "retention whenScaled Delete: the condemned pod's claim gets the pod",
            () -> {
              StatefulSet s = set(1, withClaims(DELETE_ON_SCALE));
              ControllerRevision r = revision(s, 1);
              List<ObservedPod> ps = pods(s, 0, 2, r.name());
              return observe(
                  withStatus(s, 2, r.name(), r.name(), 2),
                  ps,
                  List.of(claim(s, 0), claim(s, 1)),
                  List.of(r));
            },
            "update persistentvolumeclaims data-web-1",
            writes("update", "persistentvolumeclaims", "data-web-1")));
    out.add(
        new Case(
            "claims are created before the pod",
            () -> {
              StatefulSet s = set(1, withClaims(ClaimRetentionPolicy.RETAIN));
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 0, r.name(), r.name(), 0), List.of(), List.of(), List.of(r));
            },
            "create persistentvolumeclaims data-web-0",
            writes("create", "persistentvolumeclaims", "data-web-0")));
    out.add(
        new Case(
            "a claim being deleted blocks its pod",
            () -> {
              StatefulSet s = set(1, withClaims(ClaimRetentionPolicy.RETAIN));
              ControllerRevision r = revision(s, 1);
              var c =
                  dev.ordinal.api.ImmutableObservedClaim.copyOf(claim(s, 0))
                      .withDeletionTimestamp(Cases.NOW.minusSeconds(5));
              return observe(
                  withStatus(s, 0, r.name(), r.name(), 0), List.of(), List.of(c), List.of(r));
            },
            "a failed sync",
            OracleResponse::retry));
    out.add(
        new Case(
            "start ordinal 5",
            () -> {
              StatefulSet s = set(2, b -> b.ordinalsStart(5));
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 0, r.name(), r.name(), 0), List.of(), List.of(), List.of(r));
            },
            "create pods web-5",
            writes("create", "pods", "web-5")));
    out.add(
        new Case(
            "an orphan pod is adopted",
            () -> {
              StatefulSet s = set(2, b -> b);
              ControllerRevision r = revision(s, 1);
              List<ObservedPod> ps = new ArrayList<>(pods(s, 0, 1, r.name()));
              ps.add(pod(s, 1, r.name()).withOwnerReferences(List.of()));
              return observe(withStatus(s, 2, r.name(), r.name(), 2), ps, List.of(), List.of(r));
            },
            "patch pods web-1",
            writes("patch", "pods", "web-1")));
    out.add(
        new Case(
            "a pod no longer selected is released",
            () -> {
              StatefulSet s = set(2, b -> b);
              ControllerRevision r = revision(s, 1);
              List<ObservedPod> ps = new ArrayList<>(pods(s, 0, 1, r.name()));
              Map<String, String> labels = new TreeMap<>(pod(s, 1, r.name()).labels());
              labels.put("app", "other");
              ps.add(pod(s, 1, r.name()).withLabels(labels));
              return observe(withStatus(s, 2, r.name(), r.name(), 2), ps, List.of(), List.of(r));
            },
            "patch pods web-1",
            writes("patch", "pods", "web-1")));
    out.add(
        new Case(
            "a terminating pod holds OrderedReady",
            () -> {
              StatefulSet s = set(3, b -> b);
              ControllerRevision r = revision(s, 1);
              List<ObservedPod> ps = new ArrayList<>(pods(s, 0, 1, r.name()));
              ps.add(pod(s, 1, r.name()).withDeletionTimestamp(Cases.NOW.minusSeconds(2)));
              return observe(withStatus(s, 2, r.name(), r.name(), 2), ps, List.of(), List.of(r));
            },
            "no pod creation",
            noWrite("create", "pods")));
    out.add(
        new Case(
            "a failed pod is deleted",
            () -> {
              StatefulSet s = set(2, b -> b);
              ControllerRevision r = revision(s, 1);
              List<ObservedPod> ps = new ArrayList<>(pods(s, 0, 1, r.name()));
              ps.add(pod(s, 1, r.name()).withPhase(PodPhase.FAILED).withReady(false));
              return observe(withStatus(s, 2, r.name(), r.name(), 2), ps, List.of(), List.of(r));
            },
            "delete pods web-1",
            writes("delete", "pods", "web-1")));
    out.add(
        new Case(
            "a pod without its identity label is repaired",
            () -> {
              StatefulSet s = set(1, b -> b);
              ControllerRevision r = revision(s, 1);
              Map<String, String> labels = new TreeMap<>(pod(s, 0, r.name()).labels());
              labels.remove(ObservedPod.POD_NAME_LABEL);
              return observe(
                  withStatus(s, 1, r.name(), r.name(), 1),
                  List.of(pod(s, 0, r.name()).withLabels(labels)),
                  List.of(),
                  List.of(r));
            },
            "update pods web-0",
            writes("update", "pods", "web-0")));
    out.add(
        new Case(
            "a revision name collision bumps collisionCount",
            () -> {
              StatefulSet s = set(1, b -> b);
              StatefulSet other = withImage(s, "nginx:2.0");
              ControllerRevision mine = revision(s, 1);
              // A revision with the set's name but another template's data: the hash collides.
              ControllerRevision squatter =
                  ImmutableControllerRevision.copyOf(revision(other, 1)).withName(mine.name());
              return observe(withStatus(s, 0, "", "", 0), List.of(), List.of(), List.of(squatter));
            },
            "create controllerrevisions",
            writes("create", "controllerrevisions", "")));
    out.add(
        new Case(
            "history over the limit is deleted",
            () -> {
              StatefulSet base = set(1, b -> b.revisionHistoryLimit(1));
              List<ControllerRevision> rs = new ArrayList<>();
              for (int i = 0; i < Specs.IMAGES.size(); i++) {
                rs.add(revision(withImage(base, Specs.IMAGES.get(i)), i + 1));
              }
              StatefulSet s = withImage(base, Specs.IMAGES.get(Specs.IMAGES.size() - 1));
              String current = rs.get(rs.size() - 1).name();
              return observe(
                  withStatus(s, 1, current, current, 1), pods(s, 0, 1, current), List.of(), rs);
            },
            "delete controllerrevisions",
            writes("delete", "controllerrevisions", "")));
    out.add(
        new Case(
            "a rollback renumbers the old revision",
            () -> {
              StatefulSet s = set(1, b -> b);
              ControllerRevision r1 = revision(s, 1);
              ControllerRevision r2 = revision(withImage(s, "nginx:1.1"), 2);
              return observe(
                  withStatus(s, 1, r2.name(), r2.name(), 1),
                  pods(s, 0, 1, r2.name()),
                  List.of(),
                  List.of(r1, r2));
            },
            "update controllerrevisions",
            writes("update", "controllerrevisions", "")));
    out.add(
        new Case(
            "an orphan revision is adopted",
            () -> {
              StatefulSet s = set(1, b -> b);
              ControllerRevision r =
                  ImmutableControllerRevision.copyOf(revision(s, 1)).withOwnerReferences(List.of());
              return observe(
                  withStatus(s, 1, r.name(), r.name(), 1),
                  pods(s, 0, 1, r.name()),
                  List.of(),
                  List.of(r));
            },
            "patch controllerrevisions",
            writes("patch", "controllerrevisions", "")));
    out.add(
        new Case(
            "minReadySeconds requeues until available",
            () -> {
              StatefulSet s = set(1, b -> b.minReadySeconds(30));
              ControllerRevision r = revision(s, 1);
              ObservedPod p =
                  pod(s, 0, r.name()).withReadyTransitionTime(Cases.NOW.minusSeconds(10));
              return observe(
                  withStatus(s, 1, r.name(), r.name(), 1), List.of(p), List.of(), List.of(r));
            },
            "a requeue",
            resp -> resp.requeueAfterMillis() != null));
    out.add(
        new Case(
            "a claim owned by a stale pod uid blocks the pod (whenScaled Delete)",
            () -> {
              StatefulSet s = set(1, withClaims(DELETE_ON_SCALE));
              ControllerRevision r = revision(s, 1);
              ObservedPod ghost = pod(s, 0, r.name()).withUid("old-uid");
              return observe(
                  withStatus(s, 0, r.name(), r.name(), 0),
                  List.of(),
                  List.of(claim(s, 0, podRef(ghost))),
                  List.of(r));
            },
            "no pod creation",
            noWrite("create", "pods")));
    out.add(
        new Case(
            "a set being deleted does nothing but its status",
            () -> {
              StatefulSet s =
                  dev.ordinal.api.ImmutableStatefulSet.copyOf(set(2, b -> b))
                      .withDeletionTimestamp(Cases.NOW.minusSeconds(3));
              ControllerRevision r = revision(s, 1);
              return observe(
                  withStatus(s, 1, r.name(), r.name(), 1),
                  pods(s, 0, 1, r.name()),
                  List.of(claim(s, 0, setRef(s))),
                  List.of(r));
            },
            "no pod creation",
            noWrite("create", "pods")));
    return out;
  }

  static Stream<Arguments> casesByRelease() {
    List<Arguments> out = new ArrayList<>();
    for (Release r : Release.values()) {
      for (Case c : cases()) {
        out.add(Arguments.of(r, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("casesByRelease")
  void edgeCase_differsOnlyAsKnown(Release release, Case c) {
    Suites.assumeGo();
    Conformance oracle = ORACLES.computeIfAbsent(release, Conformance::start);
    Tally tally =
        TALLIES.computeIfAbsent(release, r -> new Tally("edge cases, release " + r.version()));
    Conformance.Outcome o = oracle.compare(c.name(), c.observation().get());
    tally.add(o);
    String context =
        c.name()
            + " on "
            + release.version()
            + "\n"
            + o.result().report()
            + "request: "
            + o.request();
    assertThat(c.check().test(o.response()))
        .as("the oracle's answer has %s: %s", c.expects(), context)
        .isTrue();
    List<String> unknown =
        o.result().differences().stream()
            .filter(d -> KnownDifferences.match(d.kind()) == null)
            .map(d -> d.kind() + ": " + d.detail())
            .toList();
    assertThat(unknown).as("unknown differences in %s", context).isEmpty();
  }

  @AfterAll
  static void summary() {
    TALLIES.values().forEach(t -> System.out.println(t.summary()));
    ORACLES.values().forEach(Conformance::close);
  }
}
