package dev.ordinal.scenario;

import dev.ordinal.api.IntOrString;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.kube.Manifest;
import dev.ordinal.kube.ManifestException;
import dev.ordinal.kube.ManifestReader;
import dev.ordinal.kube.ObservedService;
import dev.ordinal.sim.ApiException;
import dev.ordinal.sim.ApplyResult;
import dev.ordinal.sim.Service;
import dev.ordinal.sim.ServicePort;
import dev.ordinal.sim.SimulatedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl apply -f} and {@code kubectl create -f}: the Services and StatefulSets of a
 * manifest file, created or updated on the simulated cluster, each reported as kubectl does
 * ({@code created}, {@code configured}, {@code unchanged}, or the server's error).
 */
final class ApplyVerb {

  private static final String NS = SimulatedCluster.DEFAULT_NAMESPACE;

  private final ManifestReader reader = new ManifestReader();
  private final Session session;
  private final LastApplied applied;

  ApplyVerb(Session session, LastApplied applied) {
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
   * Runs {@code kubectl apply|create -f FILE}.
   *
   * @throws KubectlException if the file cannot be read as manifests
   * @throws BadLineException for a usage the simulation does not have, or a kind it lacks
   */
  void run(String verb, List<String> args) {
    Flags f = new Flags.Spec("kubectl " + verb).value("filename", "-f", "--filename").parse(args);
    if (!f.positional.isEmpty() || f.get("filename") == null) {
      throw new BadLineException("usage: kubectl " + verb + " -f FILE");
    }
    Path file = session.base().resolve(f.get("filename"));
    List<Manifest> manifests;
    try {
      manifests = reader.read(file);
    } catch (ManifestException e) {
      // kubectl names the file as the user wrote it, not as resolved.
      throw new KubectlException(
          "error: " + e.getMessage().replace(file.toString(), f.get("filename")));
    }
    // Checked for the whole file first: a kind the simulation lacks is the script's problem, not
    // one kubectl would report object by object.
    for (Manifest m : manifests) {
      if (!m.kind().equals("Service") && !m.kind().equals("StatefulSet")) {
        throw new BadLineException(
            f.get("filename")
                + ": kind "
                + m.kind()
                + " is not supported by the simulated cluster");
      }
    }
    session.changed();
    // kubectl goes on after an object it cannot apply: the error is printed and the file's
    // remaining objects are applied.
    for (Manifest m : manifests) {
      try {
        if (m.kind().equals("Service")) {
          Service svc = service(KubeMapping.service(m));
          if (verb.equals("create")) {
            cluster().create(svc);
            say("service/" + svc.name() + " created\n");
          } else {
            say("service/" + svc.name() + " " + cluster().apply(svc).verb() + "\n");
          }
        } else {
          StatefulSet set = KubeMapping.statefulSet(m);
          ApplyResult result;
          if (verb.equals("create")) {
            cluster().create(set);
            result = ApplyResult.CREATED;
          } else {
            result = cluster().apply(set);
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

  /** Returns the simulation's service for a manifest's. */
  private static Service service(ObservedService s) {
    List<ServicePort> ports = new ArrayList<>();
    for (ObservedService.Port p : s.ports()) {
      IntOrString target = p.targetPort();
      // A named targetPort would be looked up in the pods' container ports; the simulation
      // routes to the service port instead, as an unset targetPort does.
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
}
