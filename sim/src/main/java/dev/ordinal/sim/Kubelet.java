package dev.ordinal.sim;

import dev.ordinal.api.PodPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The node side of the simulation: the scheduler, one kubelet per node and the node lifecycle
 * controller. A pod goes Pending (unscheduled) → Pending (bound to a node) → ContainerCreating
 * (sandbox and IP) → Running (and Ready, after the readiness delay); a deleted pod shows
 * Terminating until its containers stopped, then it is gone. Each step is an event on the queue; at
 * most one step per pod is pending, and a newer one voids the older.
 */
final class Kubelet {

  /** One simulated node. */
  private static final class Node {
    final String name;
    final int index;
    boolean lost;

    /**
     * Node lifecycle steps carry the epoch they were scheduled in; a loss or recovery voids them.
     */
    int epoch;

    int nextHost = 2;
    final TreeSet<String> images = new TreeSet<>();

    Node(String name, int index) {
      this.name = name;
      this.index = index;
    }

    String cidr() {
      return "10.244." + index + ".0/24";
    }
  }

  private final SimContext sim;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final TreeSet<String> brokenImages = new TreeSet<>();

  /** Pods the scheduler could not place yet (claims not bound, no node), by store key. */
  private final TreeSet<String> unschedulable = new TreeSet<>();

  Kubelet(SimContext sim, List<String> nodeNames) {
    this.sim = sim;
    for (int i = 0; i < nodeNames.size(); i++) {
      nodes.put(nodeNames.get(i), new Node(nodeNames.get(i), i + 1));
    }
  }

  List<SimNode> nodes() {
    List<SimNode> out = new ArrayList<>();
    for (Node n : nodes.values()) {
      out.add(new SimNode(n.name, n.cidr(), !n.lost));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  void podCreated(PodState p) {
    step(p, sim.timings.scheduling(), "schedule", this::schedule);
  }

  /** Binds the pod to the least loaded live node once all its claims are bound. */
  private void schedule(PodState p) {
    if (p.isTerminating() || p.isScheduled()) {
      return;
    }
    Node node = claimsBound(p) ? leastLoaded() : null;
    if (node == null) {
      unschedulable.add(p.key());
      return;
    }
    unschedulable.remove(p.key());
    sim.store.update(
        p,
        x -> {
          x.node = node.name;
          x.stage = PodState.Stage.SCHEDULED;
        });
    step(p, sim.timings.sandbox(), "sandbox", this::createSandbox);
  }

  private void createSandbox(PodState p) {
    if (p.isTerminating() || isLost(p)) {
      return;
    }
    Node node = node(p);
    String ip = allocateIp(node);
    sim.store.update(
        p,
        x -> {
          x.stage = PodState.Stage.CREATING;
          x.ip = ip;
          x.containers =
              x.containers.stream()
                  .map(c -> c.with(SimContainer.State.WAITING, "ContainerCreating", false))
                  .toList();
        });
    Duration start = sim.timings.containerStart().plus(jitter());
    for (SimContainer c : p.containers) {
      if (!node.images.contains(c.image())) {
        start = start.plus(sim.timings.imagePull());
        break;
      }
    }
    step(p, start, "start", this::startContainers);
  }

  private void startContainers(PodState p) {
    if (p.isTerminating() || isLost(p) || p.isFinished()) {
      return;
    }
    Node node = node(p);
    boolean probed = sim.timings.readiness().isZero();
    sim.store.update(
        p,
        x -> {
          x.phase = PodPhase.RUNNING;
          x.stage = PodState.Stage.STARTED;
          x.probed = probed;
          x.containers =
              x.containers.stream()
                  .map(c -> c.with(SimContainer.State.RUNNING, "", false))
                  .toList();
          refreshReady(x);
        });
    for (SimContainer c : p.containers) {
      node.images.add(c.image());
    }
    if (!probed) {
      step(p, sim.timings.readiness(), "readiness probe", this::probe);
    }
  }

  private void probe(PodState p) {
    if (isLost(p) || p.stage != PodState.Stage.STARTED) {
      return;
    }
    sim.store.update(
        p,
        x -> {
          x.probed = true;
          refreshReady(x);
        });
  }

  /**
   * Called once a pod has its deletion timestamp: the kubelet stops it, unless the node is lost.
   */
  void podDeleting(PodState p, Duration grace) {
    if (isLost(p)) {
      return;
    }
    boolean running = p.stage == PodState.Stage.STARTED && !p.isFinished();
    Duration stop = running ? min(sim.timings.termination(), grace) : Duration.ZERO;
    step(p, stop, "stop", this::stopAndRemove);
  }

  private void stopAndRemove(PodState p) {
    if (isLost(p)) {
      return;
    }
    sim.store.update(
        p,
        x -> {
          x.stage = PodState.Stage.STOPPED;
          x.containers =
              x.containers.stream()
                  .map(
                      c ->
                          c.state() == SimContainer.State.RUNNING
                              ? c.with(SimContainer.State.TERMINATED, "Completed", false)
                              : c.withReady(false))
                  .toList();
          refreshReady(x);
        });
    sim.api.removePod(p);
  }

  /** Looks at the unschedulable pods again, after a claim was bound or a node came back. */
  void retryWaiting() {
    for (String key : new ArrayList<>(unschedulable)) {
      unschedulable.remove(key);
      PodState p = (PodState) sim.store.get(ObjectKind.POD, namespaceOf(key), nameOf(key));
      if (p != null && !p.isScheduled()) {
        step(p, Duration.ZERO, "schedule", this::schedule);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  /** The pod's containers fail for good: phase Failed, status Error. */
  void fail(PodState p) {
    finish(p, PodPhase.FAILED, "Error");
  }

  /** The pod's containers exit successfully: phase Succeeded, status Completed. */
  void complete(PodState p) {
    finish(p, PodPhase.SUCCEEDED, "Completed");
  }

  private void finish(PodState p, PodPhase phase, String reason) {
    requireStarted(p);
    p.kubeletToken++;
    sim.store.update(
        p,
        x -> {
          x.phase = phase;
          x.stage = PodState.Stage.STOPPED;
          x.containers =
              x.containers.stream()
                  .map(c -> c.with(SimContainer.State.TERMINATED, reason, false))
                  .toList();
          refreshReady(x);
        });
  }

  /** The containers crash; the kubelet restarts them after the container start time. */
  void crash(PodState p) {
    requireStarted(p);
    if (p.phase != PodPhase.RUNNING) {
      throw new IllegalStateException(
          "pod "
              + p.name
              + " is "
              + p.phase.wireName()
              + ", not Running: its containers cannot crash");
    }
    sim.store.update(
        p,
        x -> {
          x.probed = false;
          x.containers =
              x.containers.stream()
                  .map(c -> c.with(SimContainer.State.TERMINATED, "Error", false))
                  .toList();
          refreshReady(x);
        });
    step(p, sim.timings.containerStart().plus(jitter()), "restart", this::restartContainers);
  }

  private void restartContainers(PodState p) {
    if (p.isTerminating() || isLost(p) || p.isFinished()) {
      return;
    }
    boolean probed = sim.timings.readiness().isZero();
    sim.store.update(
        p,
        x -> {
          x.probed = probed;
          x.containers =
              x.containers.stream()
                  .map(c -> c.with(SimContainer.State.RUNNING, "", false).restarted())
                  .toList();
          refreshReady(x);
        });
    if (!probed) {
      step(p, sim.timings.readiness(), "readiness probe", this::probe);
    }
  }

  /** The readiness probe starts failing ({@code failing}) or passes again. */
  void probeFails(PodState p, boolean failing) {
    sim.store.update(
        p,
        x -> {
          x.probeFailing = failing;
          refreshReady(x);
        });
  }

  /** Containers of this image run but never become Ready, until fixed. */
  void breakImage(String image, boolean broken) {
    if (broken) {
      brokenImages.add(image);
    } else {
      brokenImages.remove(image);
    }
    for (PodState p : sim.store.pods()) {
      if (p.containers.stream().anyMatch(c -> c.image().equals(image))) {
        sim.store.update(p, this::refreshReady);
      }
    }
  }

  /**
   * The node stops reporting. After {@code nodeMonitorGrace} its pods are marked not Ready; after
   * {@code podEviction} more they are deleted and stay Terminating, since no kubelet confirms.
   */
  void loseNode(String name) {
    Node node = requireNode(name);
    if (node.lost) {
      return;
    }
    node.lost = true;
    int epoch = ++node.epoch;
    sim.log.add("node/" + name + " lost");
    sim.after(
        sim.timings.nodeMonitorGrace(),
        "node/" + name + " NotReady",
        () -> {
          if (node.epoch != epoch) {
            return;
          }
          sim.log.add("node/" + name + " NotReady");
          for (PodState p : podsOn(node)) {
            sim.store.update(
                p,
                x -> {
                  x.nodeNotReady = true;
                  refreshReady(x);
                });
          }
          sim.after(
              sim.timings.podEviction(),
              "node/" + name + " eviction",
              () -> {
                if (node.epoch != epoch) {
                  return;
                }
                sim.log.add("node/" + name + " evicting pods");
                for (PodState p : podsOn(node)) {
                  if (!p.isTerminating()) {
                    sim.api.deletePod(p.namespace, p.name, p.uid, null, false);
                  }
                }
              });
        });
  }

  /** The node reports again: its pods become Ready again and pending steps resume. */
  void recoverNode(String name) {
    Node node = requireNode(name);
    if (!node.lost) {
      return;
    }
    node.lost = false;
    node.epoch++;
    sim.log.add("node/" + name + " recovered");
    for (PodState p : podsOn(node)) {
      sim.store.update(
          p,
          x -> {
            x.nodeNotReady = false;
            refreshReady(x);
          });
      resume(p);
    }
    retryWaiting();
  }

  private void resume(PodState p) {
    if (p.isTerminating()) {
      step(p, Duration.ZERO, "stop", this::stopAndRemove);
      return;
    }
    switch (p.stage) {
      case SCHEDULED:
        step(p, sim.timings.sandbox(), "sandbox", this::createSandbox);
        break;
      case CREATING:
        step(p, sim.timings.containerStart(), "start", this::startContainers);
        break;
      case STARTED:
        if (!p.probed) {
          step(p, sim.timings.readiness(), "readiness probe", this::probe);
        }
        break;
      default:
        break;
    }
  }

  /** Returns the node a pod runs on. */
  String nodeOf(PodState p) {
    if (p.node == null) {
      throw new IllegalStateException("pod " + p.name + " is not scheduled to a node yet");
    }
    return p.node;
  }

  boolean isLost(String node) {
    return requireNode(node).lost;
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Recomputes readiness from the kubelet's facts: a running container is Ready once its probe
   * passed, unless its probe fails or its image is broken; the pod is Ready when all its containers
   * are and its node is not lost. A change moves the condition's transition time.
   */
  private void refreshReady(PodState x) {
    x.containers =
        x.containers.stream()
            .map(
                c ->
                    c.withReady(
                        c.state() == SimContainer.State.RUNNING
                            && x.probed
                            && !x.probeFailing
                            && !brokenImages.contains(c.image())))
            .toList();
    boolean ready =
        x.phase == PodPhase.RUNNING
            && !x.containers.isEmpty()
            && x.containers.stream().allMatch(SimContainer::ready)
            && !x.nodeNotReady;
    if (ready != x.ready) {
      x.ready = ready;
      x.readySince = sim.now();
    }
  }

  /** Schedules the pod's next step, voiding any step still pending for it. */
  private void step(PodState p, Duration delay, String what, Consumer<PodState> action) {
    int token = ++p.kubeletToken;
    String namespace = p.namespace;
    String name = p.name;
    String uid = p.uid;
    sim.after(
        delay,
        what + " pod/" + name,
        () -> {
          PodState current = sim.store.pod(namespace, name);
          if (current != null && current.uid.equals(uid) && current.kubeletToken == token) {
            action.accept(current);
          }
        });
  }

  private boolean claimsBound(PodState p) {
    for (String claimName : p.claimVolumes.values()) {
      ClaimState c = sim.store.claim(p.namespace, claimName);
      if (c == null || !c.isBound() || c.isTerminating()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The live node with the fewest pods; ties go to the first node, like a fresh cluster's spread.
   */
  private @Nullable Node leastLoaded() {
    // One walk over the pods, not one per node.
    Map<String, Integer> counts = new HashMap<>();
    for (PodState p : sim.store.pods()) {
      if (p.node != null) {
        counts.merge(p.node, 1, Integer::sum);
      }
    }
    Node best = null;
    int bestCount = Integer.MAX_VALUE;
    for (Node n : nodes.values()) {
      if (n.lost) {
        continue;
      }
      int count = counts.getOrDefault(n.name, 0);
      if (count < bestCount) {
        best = n;
        bestCount = count;
      }
    }
    return best;
  }

  private List<PodState> podsOn(Node node) {
    List<PodState> out = new ArrayList<>();
    for (PodState p : sim.store.pods()) {
      if (node.name.equals(p.node)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The next free address of the node's range; every new pod gets a new one. */
  private String allocateIp(Node node) {
    TreeSet<String> used = new TreeSet<>();
    for (PodState p : podsOn(node)) {
      if (p.ip != null) {
        used.add(p.ip);
      }
    }
    for (int tries = 0; tries < 253; tries++) {
      int host = node.nextHost;
      node.nextHost = host >= 254 ? 2 : host + 1;
      String ip = String.format(Locale.ROOT, "10.244.%d.%d", node.index, host);
      if (!used.contains(ip)) {
        return ip;
      }
    }
    throw new IllegalStateException("node " + node.name + " has no free pod IP left");
  }

  private Duration jitter() {
    long max = sim.timings.jitter().toMillis();
    return max <= 0 ? Duration.ZERO : Duration.ofMillis(sim.kubeletRandom.nextLong(max));
  }

  private boolean isLost(PodState p) {
    return p.node != null && requireNode(p.node).lost;
  }

  private Node node(PodState p) {
    return requireNode(nodeOf(p));
  }

  private Node requireNode(String name) {
    Node n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no node named " + name);
    }
    return n;
  }

  private static void requireStarted(PodState p) {
    if (p.stage != PodState.Stage.STARTED) {
      throw new IllegalStateException("pod " + p.name + " has no running containers yet");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String namespaceOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  private static String nameOf(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}
