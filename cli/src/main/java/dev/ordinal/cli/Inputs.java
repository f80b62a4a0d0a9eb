package dev.ordinal.cli;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.kube.Manifest;
import dev.ordinal.kube.ManifestException;
import dev.ordinal.kube.ManifestReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the manifest files named on the command line into api values. Every problem is a {@link
 * ManifestException} whose message names the file as the user gave it, the object and the field.
 */
final class Inputs {

  private static final Class<io.fabric8.kubernetes.api.model.apps.StatefulSet> STATEFUL_SET =
      io.fabric8.kubernetes.api.model.apps.StatefulSet.class;

  private final ManifestReader reader = new ManifestReader();

  private final List<String> warnings = new ArrayList<>();

  /** Returns every object of a string read from {@code source}, such as standard input. */
  List<Manifest> read(String content, String source) {
    return reader.read(content, source);
  }

  /** Returns every object of the file; see {@link ManifestReader#read(Path)}. */
  List<Manifest> read(Path file) {
    return reader.read(file);
  }

  /**
   * Returns the one StatefulSet of the file, mapped and checked as the apiserver checks it on
   * create (not defaulted). Other kinds beside it are ignored, as a file often holds the governing
   * Service too.
   *
   * @throws ManifestException if the file holds no StatefulSet (naming the kind found instead) or
   *     more than one, or the StatefulSet is bad
   */
  StatefulSet statefulSet(Path file) {
    List<Manifest> manifests = reader.read(file);
    return KubeMapping.statefulSet(oneStatefulSet(manifests, file.toString()));
  }

  /**
   * Returns the one StatefulSet of the file as {@link #statefulSet(Path)} does, but ignoring the
   * fields the mapping does not know, as {@code plan} reads what a newer cluster printed; each
   * field ignored is added to {@link #warnings()}.
   */
  StatefulSet statefulSetIgnoringUnknownFields(Path file) {
    List<Manifest> manifests = reader.read(file);
    return statefulSetIgnoringUnknownFields(oneStatefulSet(manifests, file.toString()));
  }

  /** Maps one StatefulSet manifest, ignoring unknown fields; see {@link #warnings()}. */
  StatefulSet statefulSetIgnoringUnknownFields(Manifest manifest) {
    String object = manifest.source() + ": " + manifest.describe();
    return KubeMapping.statefulSetIgnoringUnknownFields(
        manifest, field -> warnings.add(object + ": unknown field \"" + field + "\""));
  }

  /**
   * Returns one sentence for each field that a lenient read ignored, in the order read, in
   * kubectl's words ({@code unknown field "spec.foo"}).
   */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Returns the manifests of the StatefulSets of a file, at least one.
   *
   * @throws ManifestException if the file holds none: the error names the first object, of the
   *     wrong kind, or says the file is empty
   */
  static List<Manifest> statefulSets(List<Manifest> manifests, String source) {
    List<Manifest> sets = ManifestReader.select(manifests, STATEFUL_SET);
    if (sets.isEmpty()) {
      noStatefulSet(manifests, source);
    }
    return sets;
  }

  /** Returns the one StatefulSet manifest among the manifests of a file. */
  static Manifest oneStatefulSet(List<Manifest> manifests, String source) {
    if (ManifestReader.select(manifests, STATEFUL_SET).isEmpty()) {
      noStatefulSet(manifests, source);
    }
    return ManifestReader.expectOne(manifests, STATEFUL_SET, source);
  }

  private static void noStatefulSet(List<Manifest> manifests, String source) {
    if (!manifests.isEmpty()) {
      // "pods.yaml: Pod "web-0": kind: Unsupported value: "Pod": supported values: ..." says
      // more than "found 0" about the likely mistake, a file given to the wrong option.
      manifests.get(0).as(STATEFUL_SET);
    }
    ManifestReader.expectOne(manifests, STATEFUL_SET, source);
  }

  /** Returns the pods of the files, in order; every object must be a Pod. */
  List<ObservedPod> pods(List<Path> files) {
    return all(files, KubeMapping::pod);
  }

  /** Returns the claims of the files, in order; every object must be a PersistentVolumeClaim. */
  List<ObservedClaim> claims(List<Path> files) {
    return all(files, KubeMapping::claim);
  }

  /** Returns the revisions of the files, in order; every object must be a ControllerRevision. */
  List<ControllerRevision> revisions(List<Path> files) {
    return all(files, KubeMapping::revision);
  }

  /**
   * Maps every object of every file. A mapping rejects an object of another kind, so a file given
   * to the wrong option ends in an error naming the kind found and the kind expected.
   */
  private <T> List<T> all(List<Path> files, Function<Manifest, T> mapping) {
    List<T> out = new ArrayList<>();
    for (Path file : files) {
      for (Manifest m : reader.read(file)) {
        out.add(mapping.apply(m));
      }
    }
    return out;
  }
}
