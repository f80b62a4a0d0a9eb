package dev.ordinal.conformance;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Observation;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.kube.ApiCall;
import dev.ordinal.kube.ApiCalls;
import java.util.List;

/**
 * Asks Ordinal and one release's oracle the same observation and compares their syncs.
 *
 * <p>A plan that upstream's sync would end with an error says so ({@link ReconcilePlan#fails()}),
 * which is compared with the oracle's {@code retry}.
 */
public final class Conformance implements AutoCloseable {

  private final Release release;
  private final StatefulSetReconciler reconciler;
  private final OracleProcess oracle;

  private Conformance(Release release, OracleProcess oracle) {
    this.release = release;
    this.reconciler = new StatefulSetReconciler(release.options());
    this.oracle = oracle;
  }

  /**
   * Starts the oracle of a release.
   *
   * @throws OracleException as {@link Oracles#start}
   */
  public static Conformance start(Release release) {
    return new Conformance(release, Oracles.start(requireNonNull(release, "release")));
  }

  /** The release compared against. */
  public Release release() {
    return release;
  }

  /** One compared observation. */
  public record Outcome(
      String id,
      Observation observation,
      CallDiff.Result result,
      String request,
      OracleResponse response) {}

  /**
   * Compares one observation; the observation's set must be defaulted.
   *
   * @throws OracleException if the oracle rejects the request or does not answer: a harness bug,
   *     never a difference
   */
  public Outcome compare(String id, Observation given) {
    // The oracle's caches list objects in namespace/name order (upstream's in hash order, which
    // is arbitrary): Ordinal gets them in the same order, so that the orders of adoption and
    // release patches and of duplicate ordinals compare.
    Observation observation = byName(given);
    Requests.Objects objects = Requests.objects(observation);
    String request = Requests.line(id, observation.now(), release.featureGates(), objects);
    OracleResponse response = OracleResponse.parse(oracle.exchange(request));
    if (response.invalid() != null) {
      throw new OracleException(
          "the oracle of "
              + release.version()
              + " rejected request "
              + id
              + ": "
              + response.invalid());
    }
    if (!response.id().equals(id)) {
      throw new OracleException("the oracle answered " + response.id() + " to request " + id);
    }
    CallDiff.Ordinal ordinal;
    try {
      ReconcilePlan plan = reconciler.plan(observation);
      List<ApiCall> calls = ApiCalls.of(plan, objects.observed());
      List<String> events =
          plan.events().stream()
              .map(e -> e.type().wireName() + " " + e.reason() + ": " + e.message())
              .toList();
      ordinal = new CallDiff.Ordinal(calls, plan.requeueAfter(), plan.fails(), events);
    } catch (RuntimeException e) {
      CallDiff.Difference d =
          new CallDiff.Difference(
              "Ordinal throws " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      return new Outcome(
          id,
          observation,
          new CallDiff.Result(List.of(d), "- [" + d.kind() + "] " + d.detail() + "\n"),
          request,
          response);
    }
    java.util.Set<String> existing = new java.util.HashSet<>();
    objects.pods().forEach(o -> existing.add(ApiCall.PODS + "/" + name(o)));
    objects.claims().forEach(o -> existing.add(ApiCall.CLAIMS + "/" + name(o)));
    objects.revisions().forEach(o -> existing.add(ApiCall.REVISIONS + "/" + name(o)));
    return new Outcome(
        id, observation, CallDiff.compare(ordinal, response, existing), request, response);
  }

  /** Returns the observation with its pods, claims and revisions in namespace/name order. */
  public static Observation byName(Observation o) {
    return dev.ordinal.api.ImmutableObservation.copyOf(o)
        .withPods(
            o.pods().stream()
                .sorted(
                    java.util.Comparator.comparing(
                        (dev.ordinal.api.ObservedPod p) -> p.namespace() + "/" + p.name()))
                .toList())
        .withClaims(
            o.claims().stream()
                .sorted(
                    java.util.Comparator.comparing(
                        (dev.ordinal.api.ObservedClaim c) -> c.namespace() + "/" + c.name()))
                .toList())
        .withRevisions(
            o.revisions().stream()
                .sorted(
                    java.util.Comparator.comparing(
                        (dev.ordinal.api.ControllerRevision r) -> r.namespace() + "/" + r.name()))
                .toList());
  }

  private static String name(java.util.Map<String, Object> object) {
    return String.valueOf(dev.ordinal.api.Json.object(object, "metadata").get("name"));
  }

  @Override
  public void close() {
    oracle.close();
  }
}
