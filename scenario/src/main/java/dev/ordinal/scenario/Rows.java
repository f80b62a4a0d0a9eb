package dev.ordinal.scenario;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.sim.ServicePort;
import dev.ordinal.sim.SimClaim;
import dev.ordinal.sim.SimPod;
import dev.ordinal.sim.SimService;
import dev.ordinal.sim.SimStatefulSet;
import dev.ordinal.sim.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The objects a {@code kubectl get} (or a {@code delete -l}) names, read from the simulated
 * cluster as rows: the cells of kubectl's default columns, of its {@code -o wide} columns, and the
 * object's data for the other output formats.
 */
final class Rows {

  /** One object found: its table cells, its extra {@code -o wide} cells and its data. */
  record Row(List<String> cells, List<String> wide, Map<String, Object> data) {}

  private Rows() {}

  /**
   * Returns the rows of the target's objects that the selector matches, in the cluster's order, or
   * in the order named.
   *
   * @throws KubectlException if a named object does not exist
   */
  static List<Row> of(
      SimulatedCluster cluster,
      String namespace,
      LastApplied applied,
      Target t,
      LabelSelector selector) {
    List<Row> rows = new ArrayList<>();
    Instant now = cluster.now();
    switch (t.kind()) {
      case POD:
        for (SimPod p : select(t, cluster.listPods(namespace, selector), SimPod::name)) {
          rows.add(new Row(podCells(p, now), podWide(p), ApiObjects.pod(p)));
        }
        break;
      case CLAIM:
        for (SimClaim c : select(t, cluster.listClaims(namespace, selector), SimClaim::name)) {
          boolean bound = c.volumeName() != null;
          rows.add(
              new Row(
                  List.of(
                      c.name(),
                      c.statusText(),
                      bound ? c.volumeName() : "",
                      bound ? c.capacity() : "",
                      bound ? c.accessModesColumn() : "",
                      c.storageClass(),
                      Age.of(Duration.between(c.creationTimestamp(), now))),
                  List.of("Filesystem"),
                  ApiObjects.claim(c)));
        }
        break;
      case SET:
        List<SimStatefulSet> sets = new ArrayList<>();
        for (SimStatefulSet s : cluster.listStatefulSets(namespace)) {
          if (selector.matches(s.set().labels())) {
            sets.add(s);
          }
        }
        for (SimStatefulSet s : select(t, sets, SimStatefulSet::name)) {
          Instant created = s.set().creationTimestamp();
          List<String> names = new ArrayList<>();
          List<String> images = new ArrayList<>();
          for (Object c : containers(s.set().spec().template().spec())) {
            names.add(String.valueOf(((Map<?, ?>) c).get("name")));
            images.add(String.valueOf(((Map<?, ?>) c).get("image")));
          }
          rows.add(
              new Row(
                  List.of(
                      s.name(),
                      s.readyColumn(),
                      created == null ? "<unknown>" : Age.of(Duration.between(created, now))),
                  List.of(String.join(",", names), String.join(",", images)),
                  ApiObjects.statefulSet(s, applied.spec(s.name()))));
        }
        break;
      case SERVICE:
        List<SimService> services = new ArrayList<>();
        for (SimService s : cluster.listServices(namespace)) {
          if (selector.matches(s.service().labels())) {
            services.add(s);
          }
        }
        for (SimService s : select(t, services, SimService::name)) {
          List<String> ports = new ArrayList<>();
          for (ServicePort p : s.service().ports()) {
            ports.add(p.port() + "/" + p.protocol());
          }
          List<String> sel = new ArrayList<>();
          s.service().selector().forEach((k, v) -> sel.add(k + "=" + v));
          // The simulation has ClusterIP services only (the tutorial's headless one among them),
          // none with an external IP.
          rows.add(
              new Row(
                  List.of(
                      s.name(),
                      "ClusterIP",
                      s.service().clusterIP().isEmpty() ? "<none>" : s.service().clusterIP(),
                      "<none>",
                      ports.isEmpty() ? "<none>" : String.join(",", ports),
                      Age.of(Duration.between(s.creationTimestamp(), now))),
                  List.of(sel.isEmpty() ? "<none>" : String.join(",", sel)),
                  ApiObjects.service(s)));
        }
        break;
      default:
        throw new AssertionError("bug: " + t.kind());
    }
    return rows;
  }

  /** Returns a pod's default columns: NAME, READY, STATUS, RESTARTS, AGE (at {@code now}). */
  static List<String> podCells(SimPod p, Instant now) {
    return List.of(
        p.name(),
        p.readyColumn(),
        p.statusText(),
        String.valueOf(p.restarts()),
        Age.of(Duration.between(p.creationTimestamp(), now)));
  }

  private static List<String> podWide(SimPod p) {
    // NOMINATED NODE and READINESS GATES: the simulation has neither preemption nor gates.
    return List.of(
        p.ip() == null ? "<none>" : p.ip(),
        p.node() == null ? "<none>" : p.node(),
        "<none>",
        "<none>");
  }

  private static List<?> containers(Map<String, Object> podSpec) {
    Object c = podSpec.get("containers");
    return c instanceof List ? (List<?>) c : List.of();
  }

  /**
   * Picks the named objects, in the order named, or all; a missing name is kubectl's error (which,
   * unlike kubectl, stops at the first missing name).
   */
  private static <T> List<T> select(Target t, List<T> all, Function<T, String> name) {
    if (t.names().isEmpty()) {
      return all;
    }
    List<T> out = new ArrayList<>();
    for (String n : t.names()) {
      Optional<T> found = all.stream().filter(o -> name.apply(o).equals(n)).findFirst();
      if (found.isEmpty()) {
        throw t.kind().notFound(n);
      }
      out.add(found.get());
    }
    return out;
  }
}
