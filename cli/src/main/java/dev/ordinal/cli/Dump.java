package dev.ordinal.cli;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.kube.Manifest;
import dev.ordinal.kube.ManifestReader;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The objects of {@code plan -f}: one or more {@code kubectl get sts,pods,pvc,controllerrevisions
 * -o yaml} dumps, any mix of kinds. Kinds the planner does not read (a Service) are ignored.
 */
final class Dump {

  /** Where {@code -f -} reads from; a field so that tests can give their own input. */
  static InputStream stdin = System.in;

  private final List<Manifest> manifests;
  private final String sources;

  private Dump(List<Manifest> manifests, String sources) {
    this.manifests = manifests;
    this.sources = sources;
  }

  /** Reads every file, {@code -} being standard input (read once, named {@code <stdin>}). */
  static Dump read(Inputs inputs, List<String> files) {
    List<Manifest> all = new ArrayList<>();
    for (String file : files) {
      all.addAll(
          file.equals("-") ? inputs.read(readStdin(), "<stdin>") : inputs.read(Path.of(file)));
    }
    return new Dump(List.copyOf(all), String.join(", ", files));
  }

  private static String readStdin() {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("<stdin>: cannot read: " + e.getMessage());
    }
  }

  /**
   * Returns the StatefulSet named {@code name}, or the only one when name is null, mapped by
   * {@code mapping}.
   *
   * @throws InputException if there is none, none of that name, or several and no name
   */
  StatefulSet statefulSet(@Nullable String name, Function<Manifest, StatefulSet> mapping) {
    List<Manifest> sets =
        ManifestReader.select(manifests, io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
    List<String> names = new ArrayList<>();
    for (Manifest m : sets) {
      names.add(m.object().getMetadata().getNamespace() + "/" + m.name());
    }
    if (sets.isEmpty()) {
      throw new InputException(sources + ": no StatefulSet found");
    }
    if (name == null) {
      if (sets.size() > 1) {
        throw new InputException(
            sources
                + ": "
                + sets.size()
                + " StatefulSets found ("
                + String.join(", ", names)
                + "): pick one with --name");
      }
      return mapping.apply(sets.get(0));
    }
    for (Manifest m : sets) {
      if (name.equals(m.name())) {
        return mapping.apply(m);
      }
    }
    throw new InputException(
        sources + ": no StatefulSet named \"" + name + "\": found " + String.join(", ", names));
  }

  /** Returns the pods in the set's namespace that its selector matches, as upstream lists them. */
  List<ObservedPod> pods(StatefulSet set) {
    LabelSelector selector = set.spec().selector();
    return mapped(
        Pod.class,
        KubeMapping::pod,
        p ->
            p.namespace().equals(set.namespace())
                && selector != null
                && selector.matches(p.labels()));
  }

  /** Returns the claims in the set's namespace (upstream finds a pod's claims by name). */
  List<ObservedClaim> claims(StatefulSet set) {
    return mapped(
        PersistentVolumeClaim.class,
        KubeMapping::claim,
        c -> c.namespace().equals(set.namespace()));
  }

  /** Returns the revisions in the set's namespace that its selector matches. */
  List<ControllerRevision> revisions(StatefulSet set) {
    LabelSelector selector = set.spec().selector();
    return mapped(
        io.fabric8.kubernetes.api.model.apps.ControllerRevision.class,
        KubeMapping::revision,
        r ->
            r.namespace().equals(set.namespace())
                && selector != null
                && selector.matches(r.labels()));
  }

  private <T> List<T> mapped(
      Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind,
      Function<Manifest, T> mapping,
      Predicate<T> keep) {
    List<T> out = new ArrayList<>();
    for (Manifest m : ManifestReader.select(manifests, kind)) {
      T value = mapping.apply(m);
      if (keep.test(value)) {
        out.add(value);
      }
    }
    return out;
  }
}
