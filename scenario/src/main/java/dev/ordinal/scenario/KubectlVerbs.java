package dev.ordinal.scenario;

import dev.ordinal.api.Json;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.core.rollout.RolloutStatus;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.kube.Manifest;
import dev.ordinal.kube.ManifestException;
import dev.ordinal.kube.ManifestReader;
import dev.ordinal.sim.ApiException;
import dev.ordinal.sim.ApplyResult;
import dev.ordinal.sim.SimStatefulSet;
import dev.ordinal.sim.SimulatedCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubectl commands a script may run, on the session's simulated cluster, with what kubectl
 * prints for them. This class dispatches them and runs {@code get} (its printing is {@link
 * GetPrinter}'s, its {@code -w} is {@link Watches}'), {@code scale}, {@code patch}, {@code rollout
 * status}, {@code exec} (in a {@link PodShell}) and {@code run -it} (a {@link BusyboxShell});
 * {@code apply}, {@code create} and {@code delete}, the longest, have their own classes. It keeps
 * what kubectl remembers between commands, the {@link LastApplied} manifests.
 *
 * <p>Everything happens in the default namespace, as in the tutorial.
 */
final class KubectlVerbs {

  private static final String NS = SimulatedCluster.DEFAULT_NAMESPACE;

  private final Session session;
  private final Transcript transcript;
  private final Watches watches;
  private final PodShell podShell;
  private final BusyboxShell busybox;
  private final ManifestReader reader = new ManifestReader();
  private final LastApplied applied = new LastApplied();
  private final ApplyVerb apply;
  private final DeleteVerb delete;

  KubectlVerbs(Session session, Watches watches, PodShell podShell, BusyboxShell busybox) {
    this.session = session;
    this.transcript = session.transcript();
    this.watches = watches;
    this.podShell = podShell;
    this.busybox = busybox;
    this.apply = new ApplyVerb(session, applied);
    this.delete = new DeleteVerb(session, applied);
  }

  /**
   * Runs {@code kubectl ARGS}.
   *
   * @throws KubectlException for what kubectl reports as an error; the script goes on
   * @throws BadLineException for a command, flag or form the simulation does not have
   */
  void run(List<String> args) {
    if (args.isEmpty()) {
      throw new BadLineException("kubectl needs a command");
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "apply":
      case "create":
        apply.run(args.get(0), rest);
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
        delete.run(rest);
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

  private SimulatedCluster cluster() {
    return session.cluster();
  }

  private void say(String s) {
    transcript.print(s);
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
    Target t = Target.parse(f.positional, "get");
    String selectorText = f.get("selector");
    if (selectorText != null && !t.names().isEmpty()) {
      throw new KubectlException("error: name cannot be provided when a selector is specified");
    }
    LabelSelector selector =
        selectorText == null ? LabelSelector.of(Map.of()) : Target.selector(selectorText);
    String output = f.get("output");
    if (f.get("template") != null) {
      // --template alone means -o go-template, as in kubectl.
      if (output != null && !output.equals("go-template") && !output.equals("template")) {
        throw new BadLineException("--template needs -o go-template, not -o " + output);
      }
      output = "go-template=" + f.get("template");
    }
    if (f.isTrue("watch")) {
      if (t.kind() != ResourceKind.POD) {
        throw new BadLineException("get -w is supported for pods only");
      }
      if (output != null) {
        throw new BadLineException("get -w prints the default columns only");
      }
      watches.watchPods(cluster(), NS, t.names(), selector);
      return;
    }
    List<Rows.Row> rows = Rows.of(cluster(), NS, applied, t, selector);
    if (rows.isEmpty() && t.names().isEmpty()) {
      // kubectl says so (on stderr, which the transcript merges) when its table printer wrote
      // nothing; the data formats print an empty List instead, -o name prints nothing.
      boolean table = output == null || output.equals("wide");
      say(table ? "No resources found in default namespace.\n" : "");
      if (table) {
        return;
      }
    }
    say(GetPrinter.render(t.kind(), rows, output, t.names().size() == 1));
  }

  // ---------------------------------------------------------------------------------------------
  // scale, patch

  private void scale(List<String> args) {
    Flags f = new Flags.Spec("kubectl scale").value("replicas", "--replicas").parse(args);
    Target t = Target.parse(f.positional, "scale");
    if (t.kind() != ResourceKind.SET || t.names().size() != 1) {
      throw new BadLineException("usage: kubectl scale sts NAME --replicas=N");
    }
    String replicas = f.get("replicas");
    if (replicas == null || !replicas.matches("-?\\d+")) {
      throw new BadLineException("--replicas=N is required, with N a number");
    }
    String name = t.names().get(0);
    // kubectl's flag is a Go int (64 bits); the Scale object's replicas is an int32, so a larger
    // count passes the flag and is refused by the apiserver's decoder.
    java.math.BigInteger count = new java.math.BigInteger(replicas);
    if (count.bitLength() > 63) {
      throw new KubectlException(
          "error: invalid argument \""
              + replicas
              + "\" for \"--replicas\" flag: strconv.ParseInt: parsing \""
              + replicas
              + "\": value out of range");
    }
    if (count.bitLength() > 31) {
      throw new KubectlException(
          "Error from server (BadRequest): json: cannot unmarshal number "
              + replicas
              + " into Go struct field ScaleSpec.spec.replicas of type int32");
    }
    int n = count.intValue();
    if (n < 0) {
      throw new KubectlException(
          "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal"
              + " to 0");
    }
    session.changed();
    try {
      cluster().scale(name, n);
    } catch (ApiException e) {
      throw ResourceKind.SET.notFound(name);
    }
    applied.scaled(name, n);
    say("statefulset.apps/" + name + " scaled\n");
  }

  private void patch(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl patch")
            .value("patch", "-p", "--patch")
            .value("type", "--type")
            .parse(args);
    Target t = Target.parse(f.positional, "patch");
    if (t.kind() != ResourceKind.SET || t.names().size() != 1) {
      throw new BadLineException(
          "kubectl patch supports statefulsets only: kubectl patch sts NAME -p PATCH");
    }
    String patch = f.get("patch");
    if (patch == null) {
      throw new BadLineException("kubectl patch needs -p PATCH");
    }
    String type = f.get("type") == null ? "strategic" : f.get("type");
    if (!List.of("strategic", "merge", "json").contains(type)) {
      throw new BadLineException(
          "--type must be one of json, merge or strategic, not \"" + type + "\"");
    }
    String name = t.names().get(0);
    // The patch applies to what was last applied (the user's fields), which the next apply
    // would also start from; a set only the simulation made has no such base.
    Map<String, Object> tree = applied.get(name);
    if (tree == null || cluster().findStatefulSet(name).isEmpty()) {
      throw ResourceKind.SET.notFound(name);
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
    session.changed();
    ApplyResult result;
    try {
      result = cluster().apply(set);
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
  // rollout status

  private void rollout(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("status")) {
      throw new BadLineException("only kubectl rollout status is supported");
    }
    Flags f = new Flags.Spec("kubectl rollout status").parse(args.subList(1, args.size()));
    Target t = Target.parse(f.positional, "rollout status");
    if (t.kind() != ResourceKind.SET || t.names().size() != 1) {
      throw new BadLineException("usage: kubectl rollout status sts/NAME");
    }
    String name = t.names().get(0);
    SimulatedCluster cluster = cluster();
    Instant deadline = cluster.now().plus(session.bound());
    String last = null;
    while (true) {
      Optional<SimStatefulSet> set = cluster.findStatefulSet(name);
      if (set.isEmpty()) {
        throw ResourceKind.SET.notFound(name);
      }
      RolloutStatus.Result r = RolloutStatus.status(set.get().set());
      if (r.error()) {
        throw new KubectlException("error: " + r.message());
      }
      // kubectl prints a message when it changes, not at every event of the watch.
      if (!r.message().equals(last)) {
        transcript.release();
        say(r.message());
        last = r.message();
      }
      if (r.done()) {
        return;
      }
      // kubectl waits on a watch; here waiting is running the cluster, one event at a time, so
      // the messages and the watch lines come out in the order they happen.
      if (cluster.now().isAfter(deadline) || !cluster.step()) {
        transcript.release();
        throw new KubectlException("error: timed out waiting for the condition");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // exec, run -it

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
    // kubectl exec also takes TYPE/NAME; of the types, the simulation has pods only.
    if (pod.startsWith("pod/") || pod.startsWith("pods/") || pod.startsWith("po/")) {
      pod = pod.substring(pod.indexOf('/') + 1);
    }
    if (cluster().findPod(pod).isEmpty()) {
      throw ResourceKind.POD.notFound(pod);
    }
    session.changed();
    say(podShell.run(pod, f.afterDashDash));
  }

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
      throw new BadLineException(
          "kubectl run simulates the busybox image only (--image busybox:1.28)");
    }
    // The pod name and the command may come before or after --: kubectl run NAME -- /bin/sh.
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
    session.changed();
    busybox.open(name, f.isTrue("rm"));
  }
}
