package dev.ordinal.scenario;

import dev.ordinal.sim.SimulatedCluster;
import java.util.List;

/**
 * The {@code sim} command: what happens to a real cluster without kubectl, made to happen on the
 * simulated one. {@code sim fail|unready|ready|lose-node POD} acts on a pod (its container fails,
 * its readiness probe fails or passes again, its node is lost), {@code sim break-image|fix-image
 * IMAGE} makes pulls of an image fail or succeed, and {@code sim seed N} picks the simulation's
 * seed.
 */
final class SimVerbs {

  private final Session session;

  SimVerbs(Session session) {
    this.session = session;
  }

  /**
   * Runs {@code sim ARGS}.
   *
   * @throws BadLineException for an unknown form, or a seed after the cluster has changed
   */
  void run(List<String> args) {
    if (args.size() != 2) {
      throw new BadLineException(
          "usage: sim fail|unready|ready|lose-node POD, sim break-image|fix-image IMAGE,"
              + " sim seed N");
    }
    SimulatedCluster cluster = session.cluster();
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
        session.transcript().print("node/" + cluster.loseNode(arg) + " lost\n");
        break;
      case "seed":
        // A new seed starts a new cluster; after a change, that would silently drop it.
        if (session.hasChanged()) {
          throw new BadLineException(
              "sim seed must come before the first command that changes the cluster");
        }
        try {
          session.reseed(Long.parseLong(arg));
        } catch (NumberFormatException e) {
          throw new BadLineException("not a seed: " + arg);
        }
        return;
      default:
        throw new BadLineException("unknown sim command: " + args.get(0));
    }
    session.changed();
  }
}
