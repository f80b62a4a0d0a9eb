package dev.ordinal.scenario;

import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Json;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.core.rollout.RolloutStatus;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.kube.Manifest;
import dev.ordinal.kube.ManifestException;
import dev.ordinal.kube.ManifestReader;
import dev.ordinal.kube.ObservedService;
import dev.ordinal.testkit.sim.ApiException;
import dev.ordinal.testkit.sim.ApplyResult;
import dev.ordinal.testkit.sim.PodWatchEvent;
import dev.ordinal.testkit.sim.Propagation;
import dev.ordinal.testkit.sim.Service;
import dev.ordinal.testkit.sim.ServicePort;
import dev.ordinal.testkit.sim.SettleResult;
import dev.ordinal.testkit.sim.SimClaim;
import dev.ordinal.testkit.sim.SimPod;
import dev.ordinal.testkit.sim.SimService;
import dev.ordinal.testkit.sim.SimStatefulSet;
import dev.ordinal.testkit.sim.SimulatedCluster;
import dev.ordinal.testkit.sim.Watch;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One run of a script: the simulated cluster, what kubectl would remember (the applied objects),
 * the watch of the "first terminal" and the pod shell a {@code kubectl run -it} opened.
 */
final class Session {

  private static final String NS = SimulatedCluster.DEFAULT_NAMESPACE;
  private static final String NGINX_ROOT = "/usr/share/nginx/html";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final tools.jackson.databind.json.JsonMapper PRETTY =
      tools.jackson.databind.json.JsonMapper.builder()
          .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Path base;
  private final PrintStream out;
  private final Duration bound;
  private final ManifestReader reader = new ManifestReader();
  private SimulatedCluster cluster;
  private boolean changed;

  /** What was last applied, patched or scaled, per StatefulSet: the base of the next patch. */
  private final Map<String, Map<String, Object>> applied = new TreeMap<>();

  private @Nullable Watch watch;
  private Table watchTable = new Table();
  private boolean watchHeader;
  private boolean buffering;
  private final StringBuilder pending = new StringBuilder();

  /** The pod whose shell reads the next lines (kubectl run -it), or null. */
  private @Nullable String shellPod;

  private boolean shellRm;
  private boolean atLineStart = true;
  private SettleResult lastSettle;
  private int commands;

  Session(long seed, Path base, PrintStream out, Duration bound) {
    this.cluster = SimulatedCluster.create(seed);
    this.base = base;
    this.out = out;
    this.bound = bound;
    this.lastSettle = new SettleResult(SettleResult.Status.SETTLED, Duration.ZERO, List.of());
  }

  SimulatedCluster cluster() {
    return cluster;
  }

  int commands() {
    return commands;
  }

  SettleResult lastSettle() {
    return lastSettle;
  }

  /** Runs one script line; comments and blank lines print nothing. */
  void line(String line) {
    List<Shell.Command> parsed = Shell.parse(line, shellPod != null);
    if (parsed.isEmpty()) {
      return;
    }
    if (!atLineStart) {
      // Output without a final newline (a --template) ends where a terminal's prompt would
      // follow; the echo of the next command starts on a line of its own.
      emit("\n");
    }
    emit("$ " + line + "\n");
    commands++;
    buffering = true;
    try {
      Map<String, String> vars = new HashMap<>();
      for (Shell.Command c : parsed) {
        run(c, vars);
      }
    } finally {
      flush();
      buffering = false;
    }
    if (shellPod == null) {
      settle();
    }
  }

  /** Ends the script: a pod shell still open exits, as at the end of its input. */
  void finish() {
    if (shellPod != null) {
      exitShell();
    }
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  private void settle() {
    lastSettle = cluster.runUntilSettled(bound);
    if (lastSettle.status() == SettleResult.Status.TIME_LIMIT) {
      emit(
          "# ordinal: the cluster did not settle within "
              + Age.of(bound)
              + " of simulated time; still pending: "
              + String.join("; ", lastSettle.blockers().subList(0, Math.min(3, lastSettle.blockers().size())))
              + "\n");
    }
  }

  private void print(String s) {
    if (buffering) {
      pending.append(s);
    } else {
      if (!atLineStart) {
        emit("\n");
      }
      emit(s);
    }
  }

  private void flush() {
    if (pending.length() > 0) {
      if (!atLineStart) {
        emit("\n");
      }
      emit(pending.toString());
      pending.setLength(0);
    }
  }

  /** Output of the command itself goes before the watch lines its changes caused. */
  private void say(String s) {
    emit(s);
  }

  private void emit(String s) {
    if (!s.isEmpty()) {
      out.print(s);
      atLineStart = s.endsWith("\n");
    }
  }

  private void run(Shell.Command command, Map<String, String> vars) {
    if (command instanceof Shell.ForLoop) {
      Shell.ForLoop loop = (Shell.ForLoop) command;
      for (String item : loop.items()) {
        vars.put(loop.variable(), Shell.expand(item, vars, null));
        for (Shell.Command c : loop.body()) {
          run(c, vars);
        }
      }
      return;
    }
    List<String> words = new ArrayList<>();
    for (String w : ((Shell.Simple) command).words()) {
      words.add(Shell.expand(w, vars, shellPod == null ? null : s -> podShell(shellPod, s)));
    }
    if (shellPod != null) {
      say(busybox(words));
      return;
    }
    try {
      simple(words);
    } catch (KubectlException e) {
      say(e.getMessage() + "\n");
    } catch (ApiException e) {
      say(e.kubectlMessage() + "\n");
    }
  }

  private void simple(List<String> words) {
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (name) {
      case "kubectl":
        kubectl(args);
        break;
      case "sleep":
        if (args.size() != 1) {
          throw new BadLineException("usage: sleep DURATION");
        }
        changed = true;
        cluster.advance(Age.parse(args.get(0)));
        break;
      case "echo":
        say(String.join(" ", args) + "\n");
        break;
      case "sim":
        sim(args);
        break;
      default:
        throw new BadLineException("unknown command: " + name);
    }
  }

  // =============================================================================================
  // sim

  private void sim(List<String> args) {
    if (args.size() != 2) {
      throw new BadLineException(
          "usage: sim fail|unready|ready|lose-node POD, sim break-image|fix-image IMAGE, sim seed N");
    }
    String arg = args.get(1);
    switch (args.get(0)) {
      case "fail":
        cluster.failPod(arg);
        break;
      case "unready":
        cluster.unready(arg);
        break;
      case "ready":
        cluster.ready(arg);
        break;
      case "break-image":
        cluster.breakImage(arg);
        break;
      case "fix-image":
        cluster.fixImage(arg);
        break;
      case "lose-node":
        say("node/" + cluster.loseNode(arg) + " lost\n");
        break;
      case "seed":
        if (changed) {
          throw new BadLineException("sim seed must come before the first command that changes the cluster");
        }
        try {
          cluster = SimulatedCluster.create(Long.parseLong(arg));
        } catch (NumberFormatException e) {
          throw new BadLineException("not a seed: " + arg);
        }
        return;
      default:
        throw new BadLineException("unknown sim command: " + args.get(0));
    }
    changed = true;
  }

  // =============================================================================================
  // kubectl

  private void kubectl(List<String> args) {
    if (args.isEmpty()) {
      throw new BadLineException("kubectl needs a command");
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "apply":
      case "create":
        apply(args.get(0), rest);
        break;
      case "get":
        get(rest);
        break;
      case "scale":
        scale(rest);
        break;
      case "patch":
        patch(rest);
        break;
      case "delete":
        delete(rest);
        break;
      case "rollout":
        rollout(rest);
        break;
      case "exec":
        exec(rest);
        break;
      case "run":
        runPod(rest);
        break;
      default:
        throw new BadLineException("unknown kubectl command: " + args.get(0));
    }
  }

  /** The kinds of object the runner knows, by every name kubectl accepts for them. */
  private enum Kind {
    POD("pod", "pods", "pod", "po"),
    CLAIM("persistentvolumeclaim", "persistentvolumeclaims", "persistentvolumeclaim", "pvc"),
    SET("statefulset.apps", "statefulsets", "statefulset", "sts", "statefulset.apps"),
    SERVICE("service", "services", "service", "svc");

    final String qualified;
    final List<String> names;

    Kind(String qualified, String... names) {
      this.qualified = qualified;
      this.names = List.of(names);
    }

    static Kind of(String name) {
      for (Kind k : values()) {
        if (k.names.contains(name.toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new BadLineException("unknown resource type: " + name);
    }
  }

  /** A resource argument: the kind and the names ({@code pods web-0}, {@code sts/web}). */
  private record Target(Kind kind, List<String> names) {}

  private static Target target(List<String> positional, String command) {
    if (positional.isEmpty()) {
      throw new BadLineException("kubectl " + command + " needs a resource type");
    }
    String first = positional.get(0);
    int slash = first.indexOf('/');
    if (slash > 0) {
      List<String> names = new ArrayList<>();
      Kind kind = Kind.of(first.substring(0, slash));
      for (String p : positional) {
        int s = p.indexOf('/');
        if (s <= 0 || Kind.of(p.substring(0, s)) != kind) {
          throw new BadLineException("mix of TYPE/NAME and other arguments: " + p);
        }
        names.add(p.substring(s + 1));
      }
      return new Target(kind, names);
    }
    return new Target(Kind.of(first), positional.subList(1, positional.size()));
  }

  private static LabelSelector selector(String text) {
    Map<String, String> labels = new TreeMap<>();
    for (String part : text.split(",")) {
      String[] kv = part.split("==?", 2);
      if (kv.length != 2 || kv[0].isBlank() || part.contains("!")) {
        throw new BadLineException("unsupported label selector (use key=value[,key=value]): " + text);
      }
      labels.put(kv[0].strip(), kv[1].strip());
    }
    return LabelSelector.of(labels);
  }

  // ---------------------------------------------------------------------------------------------
  // apply / create

  private void apply(String verb, List<String> args) {
    Flags f = new Flags.Spec("kubectl " + verb).value("filename", "-f", "--filename").parse(args);
    if (!f.positional.isEmpty() || f.get("filename") == null) {
      throw new BadLineException("usage: kubectl " + verb + " -f FILE");
    }
    Path file = base.resolve(f.get("filename"));
    List<Manifest> manifests;
    try {
      manifests = reader.read(file);
    } catch (ManifestException e) {
      throw new KubectlException("error: " + e.getMessage().replace(file.toString(), f.get("filename")));
    }
    for (Manifest m : manifests) {
      if (!m.kind().equals("Service") && !m.kind().equals("StatefulSet")) {
        throw new BadLineException(
            f.get("filename") + ": kind " + m.kind() + " is not supported by the simulated cluster");
      }
    }
    changed = true;
    for (Manifest m : manifests) {
      try {
        if (m.kind().equals("Service")) {
          Service svc = service(KubeMapping.service(m));
          if (verb.equals("create")) {
            cluster.create(svc);
            say("service/" + svc.name() + " created\n");
          } else {
            say("service/" + svc.name() + " " + cluster.apply(svc).verb() + "\n");
          }
        } else {
          StatefulSet set = KubeMapping.statefulSet(m);
          ApplyResult result;
          if (verb.equals("create")) {
            cluster.create(set);
            result = ApplyResult.CREATED;
          } else {
            result = cluster.apply(set);
          }
          applied.put(set.name(), Patches.deepCopy(m.tree()));
          say("statefulset.apps/" + set.name() + " " + result.verb() + "\n");
        }
      } catch (ApiException e) {
        say(
            "Error from server ("
                + e.reason()
                + "): error when creating \""
                + f.get("filename")
                + "\": "
                + e.getMessage()
                + "\n");
      } catch (ManifestException | InvalidStatefulSetException e) {
        say("error: " + e.getMessage().replace(file.toString(), f.get("filename")) + "\n");
      }
    }
  }

  private static Service service(ObservedService s) {
    List<ServicePort> ports = new ArrayList<>();
    for (ObservedService.Port p : s.ports()) {
      IntOrString target = p.targetPort();
      int targetPort =
          target != null && target.isInt() && target.intValue() != null
              ? target.intValue()
              : p.port();
      ports.add(new ServicePort(p.name(), p.port(), targetPort, p.protocol()));
    }
    return new Service(
        s.name(),
        s.namespace().isEmpty() ? NS : s.namespace(),
        s.labels(),
        s.selector(),
        s.clusterIP() == null ? "" : s.clusterIP(),
        ports,
        false);
  }

  // ---------------------------------------------------------------------------------------------
  // get

  private void get(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl get")
            .value("selector", "-l", "--selector")
            .value("output", "-o", "--output")
            .value("template", "--template")
            .bool("watch", "-w", "--watch")
            .parse(args);
    Target t = target(f.positional, "get");
    String selectorText = f.get("selector");
    if (selectorText != null && !t.names().isEmpty()) {
      throw new KubectlException("error: name cannot be provided when a selector is specified");
    }
    LabelSelector selector = selectorText == null ? LabelSelector.of(Map.of()) : selector(selectorText);
    String output = f.get("output");
    if (f.get("template") != null) {
      if (output != null && !output.equals("go-template") && !output.equals("template")) {
        throw new BadLineException("--template needs -o go-template, not -o " + output);
      }
      output = "go-template=" + f.get("template");
    }
    if (f.isTrue("watch")) {
      if (t.kind() != Kind.POD) {
        throw new BadLineException("get -w is supported for pods only");
      }
      if (output != null) {
        throw new BadLineException("get -w prints the default columns only");
      }
      watchPods(t.names(), selector);
      return;
    }
    List<Row> rows = rows(t, selector);
    if (rows.isEmpty() && t.names().isEmpty()) {
      say(output == null || output.equals("wide") ? "No resources found in default namespace.\n" : "");
      if (output == null || output.equals("wide")) {
        return;
      }
    }
    say(render(t.kind(), rows, output, !t.names().isEmpty() && t.names().size() == 1));
  }

  /** One object found by get: its table cells and its data. */
  private record Row(List<String> cells, List<String> wide, Map<String, Object> data) {}

  private List<Row> rows(Target t, LabelSelector selector) {
    List<Row> rows = new ArrayList<>();
    Instant now = cluster.now();
    switch (t.kind()) {
      case POD:
        for (SimPod p : select(t, selector, cluster.listPods(NS, selector), SimPod::name)) {
          rows.add(new Row(podCells(p, now), podWide(p), ApiObjects.pod(p)));
        }
        break;
      case CLAIM:
        for (SimClaim c : select(t, selector, cluster.listClaims(NS, selector), SimClaim::name)) {
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
        for (SimStatefulSet s : cluster.listStatefulSets(NS)) {
          if (selector.matches(s.set().labels())) {
            sets.add(s);
          }
        }
        for (SimStatefulSet s : select(t, selector, sets, SimStatefulSet::name)) {
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
                  ApiObjects.statefulSet(s, specOf(s.name()))));
        }
        break;
      case SERVICE:
        List<SimService> services = new ArrayList<>();
        for (SimService s : cluster.listServices(NS)) {
          if (selector.matches(s.service().labels())) {
            services.add(s);
          }
        }
        for (SimService s : select(t, selector, services, SimService::name)) {
          List<String> ports = new ArrayList<>();
          for (ServicePort p : s.service().ports()) {
            ports.add(p.port() + "/" + p.protocol());
          }
          List<String> sel = new ArrayList<>();
          s.service().selector().forEach((k, v) -> sel.add(k + "=" + v));
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

  private Map<String, Object> specOf(String set) {
    Map<String, Object> tree = applied.get(set);
    return tree == null ? Map.of() : Json.object(tree, "spec");
  }

  private static List<?> containers(Map<String, Object> podSpec) {
    Object c = podSpec.get("containers");
    return c instanceof List ? (List<?>) c : List.of();
  }

  /** Picks the named objects, in the order named, or all; a missing name is kubectl's error. */
  private <T> List<T> select(
      Target t, LabelSelector selector, List<T> all, java.util.function.Function<T, String> name) {
    if (t.names().isEmpty()) {
      return all;
    }
    List<T> out = new ArrayList<>();
    for (String n : t.names()) {
      Optional<T> found = all.stream().filter(o -> name.apply(o).equals(n)).findFirst();
      if (found.isEmpty()) {
        String resource = t.kind() == Kind.SET ? "statefulsets.apps" : t.kind().names.get(0);
        if (t.kind() == Kind.CLAIM) {
          resource = "persistentvolumeclaims";
        }
        throw new KubectlException(
            "Error from server (NotFound): " + resource + " \"" + n + "\" not found");
      }
      out.add(found.get());
    }
    return out;
  }

  private static List<String> podCells(SimPod p, Instant now) {
    return List.of(
        p.name(),
        p.readyColumn(),
        p.statusText(),
        String.valueOf(p.restarts()),
        Age.of(Duration.between(p.creationTimestamp(), now)));
  }

  private static List<String> podWide(SimPod p) {
    return List.of(
        p.ip() == null ? "<none>" : p.ip(),
        p.node() == null ? "<none>" : p.node(),
        "<none>",
        "<none>");
  }

  private static List<String> header(Kind kind, boolean wide) {
    List<String> h = new ArrayList<>();
    switch (kind) {
      case POD:
        h.addAll(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
        if (wide) {
          h.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
        }
        break;
      case CLAIM:
        h.addAll(
            List.of("NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "AGE"));
        if (wide) {
          h.add("VOLUMEMODE");
        }
        break;
      case SET:
        h.addAll(List.of("NAME", "READY", "AGE"));
        if (wide) {
          h.addAll(List.of("CONTAINERS", "IMAGES"));
        }
        break;
      default:
        h.addAll(List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"));
        if (wide) {
          h.add("SELECTOR");
        }
    }
    return h;
  }

  private static String render(Kind kind, List<Row> rows, @Nullable String output, boolean single) {
    if (output == null || output.equals("wide")) {
      boolean wide = output != null;
      List<List<String>> table = new ArrayList<>();
      table.add(header(kind, wide));
      for (Row r : rows) {
        List<String> cells = new ArrayList<>(r.cells());
        if (wide) {
          cells.addAll(r.wide());
        }
        table.add(cells);
      }
      return Table.format(table);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Row r : rows) {
      items.add(r.data());
    }
    Object data = single ? items.get(0) : ApiObjects.list(items);
    if (output.equals("name")) {
      StringBuilder out = new StringBuilder();
      String prefix = kind == Kind.SET ? "statefulset.apps" : kind.qualified;
      for (Row r : rows) {
        out.append(prefix).append('/').append(r.cells().get(0)).append('\n');
      }
      return out.toString();
    }
    if (output.equals("yaml")) {
      // snakeyaml directly: fabric8's asYaml quotes every string of plain maps, kubectl does not.
      return new org.snakeyaml.engine.v2.api.Dump(
              org.snakeyaml.engine.v2.api.DumpSettings.builder()
                  .setDefaultFlowStyle(org.snakeyaml.engine.v2.common.FlowStyle.BLOCK)
                  .build())
          .dumpToString(data);
    }
    if (output.equals("json")) {
      return PRETTY.writeValueAsString(data) + "\n";
    }
    if (output.startsWith("jsonpath=")) {
      return Templates.jsonPath(stripQuotes(output.substring(9)), data);
    }
    if (output.startsWith("go-template=")) {
      return Templates.goTemplate(output.substring(12), data);
    }
    if (output.startsWith("template=")) {
      return Templates.goTemplate(output.substring(9), data);
    }
    throw new BadLineException(
        "unknown output format: " + output + " (use wide, yaml, json, name, jsonpath=, go-template=)");
  }

  private static String stripQuotes(String s) {
    return s.length() >= 2 && (s.startsWith("'") && s.endsWith("'")) ? s.substring(1, s.length() - 1) : s;
  }

  // ---------------------------------------------------------------------------------------------
  // get -w

  /**
   * Starts the watch of the "first terminal". There is one such terminal: a new {@code get -w}
   * stands for the user stopping the old one (Ctrl-C) and running the new one there, so the old
   * watch stops; otherwise a script that repeats the command, as the tutorial does, would print
   * each change once per earlier watch.
   */
  private void watchPods(List<String> names, LabelSelector selector) {
    if (watch != null) {
      watch.close();
    }
    watchTable = new Table();
    Instant now = cluster.now();
    List<List<String>> initial = new ArrayList<>();
    for (SimPod p : cluster.listPods(NS, selector)) {
      if (names.isEmpty() || names.contains(p.name())) {
        initial.add(podCells(p, now));
      }
    }
    watchHeader = false;
    if (!initial.isEmpty()) {
      initial.add(0, header(Kind.POD, false));
      watchHeader = true;
      say(watchTable.print(initial));
    } else if (!names.isEmpty()) {
      throw new KubectlException(
          "Error from server (NotFound): pods \"" + names.get(0) + "\" not found");
    }
    watch =
        cluster.watchPods(
            NS,
            selector,
            (PodWatchEvent e) -> {
              if (!names.isEmpty() && !names.contains(e.pod().name())) {
                return;
              }
              List<List<String>> rows = new ArrayList<>();
              if (!watchHeader) {
                rows.add(header(Kind.POD, false));
                watchHeader = true;
              }
              rows.add(podCells(e.pod(), e.time()));
              print(watchTable.print(rows));
            });
  }

  // ---------------------------------------------------------------------------------------------
  // scale, patch

  private void scale(List<String> args) {
    Flags f = new Flags.Spec("kubectl scale").value("replicas", "--replicas").parse(args);
    Target t = target(f.positional, "scale");
    if (t.kind() != Kind.SET || t.names().size() != 1) {
      throw new BadLineException("usage: kubectl scale sts NAME --replicas=N");
    }
    String replicas = f.get("replicas");
    if (replicas == null || !replicas.matches("-?\\d+")) {
      throw new BadLineException("--replicas=N is required, with N a number");
    }
    String name = t.names().get(0);
    int n = Integer.parseInt(replicas);
    if (n < 0) {
      throw new KubectlException("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    }
    changed = true;
    try {
      cluster.scale(name, n);
    } catch (ApiException e) {
      throw new KubectlException(
          "Error from server (NotFound): statefulsets.apps \"" + name + "\" not found");
    }
    Map<String, Object> tree = applied.get(name);
    if (tree != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
      spec.put("replicas", n);
    }
    say("statefulset.apps/" + name + " scaled\n");
  }

  private void patch(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl patch")
            .value("patch", "-p", "--patch")
            .value("type", "--type")
            .parse(args);
    Target t = target(f.positional, "patch");
    if (t.kind() != Kind.SET || t.names().size() != 1) {
      throw new BadLineException("kubectl patch supports statefulsets only: kubectl patch sts NAME -p PATCH");
    }
    String patch = f.get("patch");
    if (patch == null) {
      throw new BadLineException("kubectl patch needs -p PATCH");
    }
    String type = f.get("type") == null ? "strategic" : f.get("type");
    if (!List.of("strategic", "merge", "json").contains(type)) {
      throw new BadLineException("--type must be one of json, merge or strategic, not \"" + type + "\"");
    }
    String name = t.names().get(0);
    Map<String, Object> tree = applied.get(name);
    if (tree == null || cluster.findStatefulSet(name).isEmpty()) {
      throw new KubectlException(
          "Error from server (NotFound): statefulsets.apps \"" + name + "\" not found");
    }
    Map<String, Object> next = Patches.apply(type, tree, patch);
    StatefulSet set;
    try {
      Manifest m = reader.read(Json.marshal(next), "statefulset.apps/" + name).get(0);
      set = KubeMapping.statefulSet(m);
    } catch (ManifestException e) {
      throw new KubectlException("error: " + e.getMessage());
    }
    if (!set.name().equals(name)) {
      throw new KubectlException("error: the patch changes metadata.name, which is immutable");
    }
    changed = true;
    ApplyResult result;
    try {
      result = cluster.apply(set);
    } catch (InvalidStatefulSetException e) {
      throw new KubectlException("The StatefulSet \"" + name + "\" is invalid: " + e.getMessage());
    }
    applied.put(name, next);
    say(
        "statefulset.apps/"
            + name
            + (result == ApplyResult.UNCHANGED ? " patched (no change)\n" : " patched\n"));
  }

  // ---------------------------------------------------------------------------------------------
  // delete

  private void delete(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl delete")
            .value("selector", "-l", "--selector")
            .optionalValue("cascade", "--cascade")
            .parse(args);
    Target t = target(f.positional, "delete");
    String selectorText = f.get("selector");
    if (selectorText == null && t.names().isEmpty()) {
      throw new BadLineException("kubectl delete needs names or -l SELECTOR");
    }
    if (selectorText != null && !t.names().isEmpty()) {
      throw new KubectlException("error: name cannot be provided when a selector is specified");
    }
    Propagation propagation = Propagation.BACKGROUND;
    String cascade = f.get("cascade");
    if (cascade != null) {
      if (t.kind() != Kind.SET) {
        throw new BadLineException("--cascade applies to statefulsets only here");
      }
      switch (cascade) {
        case "":
        case "background":
          break;
        case "true":
          say("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n");
          break;
        case "false":
          say("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n");
          propagation = Propagation.ORPHAN;
          break;
        case "orphan":
          propagation = Propagation.ORPHAN;
          break;
        case "foreground":
          propagation = Propagation.FOREGROUND;
          break;
        default:
          throw new BadLineException(
              "invalid cascade value (" + cascade + "). Must be \"background\", \"foreground\", or \"orphan\"");
      }
    }
    List<String> names = new ArrayList<>(t.names());
    if (selectorText != null) {
      LabelSelector selector = selector(selectorText);
      for (Row r : rows(new Target(t.kind(), List.of()), selector)) {
        names.add(r.cells().get(0));
      }
      if (names.isEmpty()) {
        say("No resources found\n");
        return;
      }
    }
    changed = true;
    for (String name : names) {
      try {
        switch (t.kind()) {
          case POD:
            cluster.deletePod(name);
            say("pod \"" + name + "\" deleted\n");
            break;
          case CLAIM:
            cluster.deleteClaim(NS, name);
            say("persistentvolumeclaim \"" + name + "\" deleted\n");
            break;
          case SET:
            cluster.deleteStatefulSet(NS, name, propagation);
            applied.remove(name);
            say("statefulset.apps \"" + name + "\" deleted\n");
            break;
          default:
            cluster.deleteService(NS, name);
            say("service \"" + name + "\" deleted\n");
        }
      } catch (ApiException e) {
        String resource =
            t.kind() == Kind.SET
                ? "statefulsets.apps"
                : t.kind() == Kind.CLAIM ? "persistentvolumeclaims" : t.kind().names.get(0);
        say("Error from server (NotFound): " + resource + " \"" + name + "\" not found\n");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // rollout status

  private void rollout(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("status")) {
      throw new BadLineException("only kubectl rollout status is supported");
    }
    Flags f = new Flags.Spec("kubectl rollout status").parse(args.subList(1, args.size()));
    Target t = target(f.positional, "rollout status");
    if (t.kind() != Kind.SET || t.names().size() != 1) {
      throw new BadLineException("usage: kubectl rollout status sts/NAME");
    }
    String name = t.names().get(0);
    Instant deadline = cluster.now().plus(bound);
    String last = null;
    while (true) {
      Optional<SimStatefulSet> set = cluster.findStatefulSet(name);
      if (set.isEmpty()) {
        throw new KubectlException(
            "Error from server (NotFound): statefulsets.apps \"" + name + "\" not found");
      }
      RolloutStatus.Result r = RolloutStatus.status(set.get().set());
      if (r.error()) {
        throw new KubectlException("error: " + r.message());
      }
      if (!r.message().equals(last)) {
        flush();
        say(r.message());
        last = r.message();
      }
      if (r.done()) {
        return;
      }
      // kubectl waits on a watch; here waiting is running the cluster, one event at a time, so
      // the messages and the watch lines come out in the order they happen.
      if (cluster.now().isAfter(deadline) || !cluster.step()) {
        flush();
        throw new KubectlException("error: timed out waiting for the condition");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // exec and the pod's shell

  private void exec(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl exec")
            .bool("stdin", "-i", "--stdin")
            .bool("tty", "-t", "--tty")
            .value("container", "-c", "--container")
            .parse(args);
    if (f.positional.size() != 1) {
      throw new BadLineException("usage: kubectl exec [-it] POD -- COMMAND [ARG...]");
    }
    if (!f.dashDash || f.afterDashDash.isEmpty()) {
      throw new BadLineException("kubectl exec needs -- COMMAND after the pod");
    }
    String pod = f.positional.get(0);
    if (pod.startsWith("pod/") || pod.startsWith("pods/") || pod.startsWith("po/")) {
      pod = pod.substring(pod.indexOf('/') + 1);
    }
    if (cluster.findPod(pod).isEmpty()) {
      throw new KubectlException("Error from server (NotFound): pods \"" + pod + "\" not found");
    }
    changed = true;
    say(inPod(pod, f.afterDashDash));
  }

  /** Runs a command (already split into words) in a pod's container; returns what it prints. */
  private String inPod(String pod, List<String> words) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (cmd) {
      case "sh":
      case "/bin/sh":
      case "bash":
      case "/bin/bash":
        if (args.size() != 2 || !args.get(0).equals("-c")) {
          throw new BadLineException("exec supports sh -c 'SCRIPT' only");
        }
        return podShell(pod, args.get(1));
      case "hostname":
        return cluster.hostname(pod) + "\n";
      case "echo":
        return String.join(" ", args) + "\n";
      case "cat":
        StringBuilder out = new StringBuilder();
        for (String path : args) {
          Optional<String> content = cluster.readFile(pod, path);
          out.append(content.orElse("cat: can't open '" + path + "': No such file or directory\n"));
        }
        return out.toString();
      case "chmod":
        if (args.size() != 2) {
          throw new BadLineException("usage: chmod MODE PATH");
        }
        cluster.chmod(pod, args.get(1), args.get(0));
        return "";
      case "curl":
        return curl(pod, args);
      default:
        throw new BadLineException("command not simulated in a pod: " + cmd);
    }
  }

  /** Runs a {@code sh -c} script in a pod: commands, {@code ;}, {@code $(...)}, {@code >}. */
  private String podShell(String pod, String script) {
    StringBuilder out = new StringBuilder();
    for (Shell.Command c : Shell.parse(script, true)) {
      if (!(c instanceof Shell.Simple)) {
        throw new BadLineException("loops inside sh -c are not supported");
      }
      List<String> raw = ((Shell.Simple) c).words();
      List<String> words = new ArrayList<>();
      String redirect = null;
      boolean append = false;
      UnaryOperator<String> sub = s -> podShell(pod, s);
      for (int i = 0; i < raw.size(); i++) {
        String w = raw.get(i);
        if (w.equals(">") || w.equals(">>")) {
          if (i + 1 >= raw.size()) {
            throw new BadLineException("sh: syntax error: unexpected newline after " + w);
          }
          append = w.equals(">>");
          redirect = Shell.expand(raw.get(++i), Map.of(), sub);
        } else {
          words.add(Shell.expand(w, Map.of(), sub));
        }
      }
      String printed = inPod(pod, words);
      if (redirect == null) {
        out.append(printed);
      } else {
        String before = append ? cluster.readFile(pod, redirect).orElse("") : "";
        cluster.writeFile(pod, redirect, before + printed);
      }
    }
    return out.toString();
  }

  private String curl(String pod, List<String> args) {
    List<String> urls = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-s") || a.equals("-sS") || a.equals("--silent")) {
        continue;
      }
      if (a.startsWith("-")) {
        throw new BadLineException("curl flag not simulated: " + a);
      }
      urls.add(a);
    }
    if (urls.size() != 1) {
      throw new BadLineException("usage: curl URL");
    }
    String url = urls.get(0).replaceFirst("^https?://", "");
    int slash = url.indexOf('/');
    String host = slash < 0 ? url : url.substring(0, slash);
    String path = slash < 0 ? "/" : url.substring(slash);
    if (!host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("localhost:80")) {
      throw new BadLineException("curl reaches localhost only in the simulation: " + host);
    }
    SimPod p = cluster.findPod(pod).orElseThrow();
    boolean nginx = p.images().stream().anyMatch(i -> i.contains("nginx"));
    if (!nginx) {
      return "curl: (7) Failed to connect to localhost port 80: Connection refused\n";
    }
    // nginx serves its html root; "/" is the directory's index.html, and a directory without one
    // is 403 Forbidden because autoindex is off.
    String file = NGINX_ROOT + (path.endsWith("/") ? path + "index.html" : path);
    Optional<String> content = cluster.readFile(pod, file);
    if (content.isPresent()) {
      return content.get();
    }
    return path.endsWith("/") ? errorPage("403 Forbidden") : errorPage("404 Not Found");
  }

  private static String errorPage(String status) {
    return "<html>\n<head><title>"
        + status
        + "</title></head>\n<body bgcolor=\"white\">\n<center><h1>"
        + status
        + "</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
  }

  // ---------------------------------------------------------------------------------------------
  // kubectl run -it: a busybox shell

  private void runPod(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl run")
            .bool("stdin", "-i", "--stdin")
            .bool("tty", "-t", "--tty")
            .bool("rm", "--rm")
            .value("image", "--image")
            .value("restart", "--restart")
            .parse(args);
    if (!f.isTrue("stdin") || !f.isTrue("tty")) {
      throw new BadLineException("only an interactive kubectl run -i --tty is simulated");
    }
    String image = f.get("image");
    if (image == null || !image.startsWith("busybox")) {
      throw new BadLineException("kubectl run simulates the busybox image only (--image busybox:1.28)");
    }
    List<String> command = new ArrayList<>(f.positional);
    command.addAll(f.afterDashDash);
    if (command.isEmpty()) {
      throw new BadLineException("kubectl run needs a pod name");
    }
    String name = command.remove(0);
    if (!command.isEmpty() && !List.of(List.of("/bin/sh"), List.of("sh")).contains(command)) {
      throw new BadLineException("kubectl run simulates a shell (/bin/sh) only, not " + command);
    }
    if (f.get("restart") != null && !f.get("restart").equals("Never")) {
      throw new BadLineException("kubectl run simulates --restart=Never only");
    }
    changed = true;
    shellPod = name;
    shellRm = f.isTrue("rm");
    say("If you don't see a command prompt, try pressing enter.\n");
  }

  /** One command in the busybox shell of {@code kubectl run -it}. */
  private String busybox(List<String> words) {
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (cmd) {
      case "exit":
        exitShell();
        return "";
      case "nslookup":
        if (args.size() != 1) {
          throw new BadLineException("usage: nslookup NAME");
        }
        return cluster.nslookup(NS, args.get(0));
      case "hostname":
        return shellPod + "\n";
      case "echo":
        return String.join(" ", args) + "\n";
      default:
        throw new BadLineException("command not simulated in the busybox shell: " + cmd);
    }
  }

  private void exitShell() {
    String pod = shellPod;
    shellPod = null;
    if (shellRm) {
      say("pod \"" + pod + "\" deleted\n");
    }
  }
}
