package dev.ordinal.scenario;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.sim.ApiException;
import dev.ordinal.sim.Propagation;
import dev.ordinal.sim.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl delete}: pods, claims, StatefulSets (with {@code --cascade} background, foreground
 * or orphan) and Services, by name or by label selector.
 */
final class DeleteVerb {

  private static final String NS = SimulatedCluster.DEFAULT_NAMESPACE;

  private final Session session;
  private final LastApplied applied;

  DeleteVerb(Session session, LastApplied applied) {
    this.session = session;
    this.applied = applied;
  }

  private SimulatedCluster cluster() {
    return session.cluster();
  }

  private void say(String s) {
    session.transcript().print(s);
  }

  /**
   * Runs {@code kubectl delete TYPE NAME...} or {@code kubectl delete TYPE -l SELECTOR}.
   *
   * @throws KubectlException for names given together with a selector
   * @throws BadLineException for a usage the simulation does not have
   */
  void run(List<String> args) {
    Flags f =
        new Flags.Spec("kubectl delete")
            .value("selector", "-l", "--selector")
            .optionalValue("cascade", "--cascade")
            .parse(args);
    Target t = Target.parse(f.positional, "delete");
    String selectorText = f.get("selector");
    if (selectorText == null && t.names().isEmpty()) {
      throw new BadLineException("kubectl delete needs names or -l SELECTOR");
    }
    if (selectorText != null && !t.names().isEmpty()) {
      throw new KubectlException("error: name cannot be provided when a selector is specified");
    }
    Propagation propagation = cascade(t, f.get("cascade"));
    List<String> names = new ArrayList<>(t.names());
    if (selectorText != null) {
      LabelSelector selector = Target.selector(selectorText);
      for (Rows.Row r : Rows.of(cluster(), NS, applied, t.all(), selector)) {
        names.add(r.cells().get(0));
      }
      if (names.isEmpty()) {
        say("No resources found\n");
        return;
      }
    }
    session.changed();
    // One name that does not exist does not stop kubectl: it reports it and deletes the rest.
    for (String name : names) {
      try {
        switch (t.kind()) {
          case POD:
            cluster().deletePod(name);
            say("pod \"" + name + "\" deleted\n");
            break;
          case CLAIM:
            cluster().deleteClaim(NS, name);
            say("persistentvolumeclaim \"" + name + "\" deleted\n");
            break;
          case SET:
            cluster().deleteStatefulSet(NS, name, propagation);
            applied.remove(name);
            say("statefulset.apps \"" + name + "\" deleted\n");
            break;
          default:
            cluster().deleteService(NS, name);
            say("service \"" + name + "\" deleted\n");
        }
      } catch (ApiException e) {
        say(t.kind().notFound(name).getMessage() + "\n");
      }
    }
  }

  /**
   * Returns the propagation {@code --cascade} asks for: background when absent or bare. The
   * boolean values of older kubectl still work, with the warning kubectl prints for them.
   */
  private Propagation cascade(Target t, String cascade) {
    if (cascade == null) {
      return Propagation.BACKGROUND;
    }
    if (t.kind() != ResourceKind.SET) {
      throw new BadLineException("--cascade applies to statefulsets only here");
    }
    switch (cascade) {
      case "":
      case "background":
        return Propagation.BACKGROUND;
      case "true":
        say(
            "warning: --cascade=true is deprecated (boolean value) and can be replaced with"
                + " --cascade=background.\n");
        return Propagation.BACKGROUND;
      case "false":
        say(
            "warning: --cascade=false is deprecated (boolean value) and can be replaced with"
                + " --cascade=orphan.\n");
        return Propagation.ORPHAN;
      case "orphan":
        return Propagation.ORPHAN;
      case "foreground":
        return Propagation.FOREGROUND;
      default:
        throw new BadLineException(
            "invalid cascade value ("
                + cascade
                + "). Must be \"background\", \"foreground\", or \"orphan\"");
    }
  }
}
