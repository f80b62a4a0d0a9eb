package dev.ordinal.cli;

import dev.ordinal.api.StatefulSet;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.core.validation.SpecValidator;
import dev.ordinal.core.validation.Violation;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.kube.Manifest;
import dev.ordinal.kube.ManifestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ordinal validate}: the apiserver's verdict on StatefulSet manifests. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Validates StatefulSets as the apiserver does, on create or on update.",
      "",
      "Validates every StatefulSet of each FILE as the apiserver does on create (defaulted"
          + " first, as the apiserver defaults), or on update with --previous, and prints its"
          + " verdict: 'FILE: StatefulSet \"web\" is valid', or the apiserver's message with every"
          + " field path, such as 'FILE: StatefulSet.apps \"web\" is invalid: spec.replicas:"
          + " Invalid value: -1: must be greater than or equal to 0'. The apiserver's warnings"
          + " follow a valid set.",
      "",
      "Objects of other kinds, such as the governing Service, are skipped; a FILE without any"
          + " StatefulSet is bad input. Values the apiserver accepts but Ordinal cannot plan for"
          + " (more than 16777216 replicas) and malformed objects (a missing metadata.name or"
          + " spec.template, a misspelt field, a string where a number belongs) are bad input too,"
          + " reported in one line. When an enum field has an unknown value, only the enum"
          + " violations are listed. With --previous, a set must also pass create validation:"
          + " the apiserver's leniency on update towards a stored invalid serviceName is not"
          + " reproduced."
    },
    footer = {
      "",
      "Exit codes: 0 every StatefulSet is valid, 1 one is invalid, 2 bad usage or bad input"
          + " (every FILE is still read), 3 a bug."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Debug debug;

  @ParentCommand Main.Ordinal parent;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifests to validate.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--previous",
      paramLabel = "FILE",
      description =
          "The stored objects: each StatefulSet of the same namespace and name in FILE is"
              + " validated as an update of it (fields that may not change, such as the"
              + " selector), the others as a create.")
  @Nullable Path previous;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean debugging = debug.enabled || (parent != null && parent.debug.enabled);
    Inputs inputs = new Inputs();
    Map<String, StatefulSet> stored = previous == null ? Map.of() : stored(inputs, previous);
    int code = Exit.OK;
    for (Path file : files) {
      try {
        code = Math.max(code, validate(inputs, file, stored, out));
      } catch (ManifestException | InputException e) {
        code = Math.max(code, Main.Errors.report(e, err, debugging));
      }
    }
    return code;
  }

  /** Validates the StatefulSets of one file, printing a verdict for each; returns the exit code. */
  private int validate(Inputs inputs, Path file, Map<String, StatefulSet> stored, PrintWriter out) {
    String source = file.toString();
    List<Manifest> manifests = inputs.read(file);
    Inputs.statefulSets(manifests, source);
    int code = Exit.OK;
    for (Manifest m : manifests) {
      if (!(m.object() instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet)) {
        continue; // such as the governing Service, kept in the same file
      }
      StatefulSet set;
      try {
        set = KubeMapping.statefulSet(m);
      } catch (ManifestException e) {
        if (!isVerdict(e)) {
          throw e;
        }
        out.println(source + ": " + invalid(m.name(), e.violations()));
        code = Exit.NO;
        continue;
      }
      StatefulSet defaulted = Defaults.apply(set);
      StatefulSet old = stored.get(key(set));
      String how = "";
      if (old != null) {
        List<Violation> violations = SpecValidator.validateUpdate(defaulted, Defaults.apply(old));
        if (!violations.isEmpty()) {
          out.println(source + ": " + invalid(set.name(), violations));
          code = Exit.NO;
          continue;
        }
        how = " (an update of " + previous + ")";
      }
      out.println(source + ": StatefulSet " + quote(set.name()) + " is valid" + how);
      for (Violation w : SpecValidator.warnings(defaulted)) {
        out.println(source + ": StatefulSet " + quote(set.name()) + ": Warning: " + w);
      }
    }
    return code;
  }

  /**
   * Returns true if the error is the apiserver's verdict on a well-formed object, that is every
   * violation comes from validation (a rule of the catalogue, R-...), rather than a problem reading
   * the object, which the manifest module reports under its own rule.
   */
  static boolean isVerdict(ManifestException e) {
    if (e.violations().isEmpty()) {
      return false;
    }
    for (Violation v : e.violations()) {
      if (!v.rule().startsWith("R-")) {
        return false;
      }
    }
    return true;
  }

  /** Returns the apiserver's message for an invalid set. */
  private static String invalid(@Nullable String name, List<Violation> violations) {
    return new InvalidStatefulSetException(name == null ? "" : name, violations).getMessage();
  }

  /** Reads the stored StatefulSets, by namespace and name. */
  private static Map<String, StatefulSet> stored(Inputs inputs, Path file) {
    String source = file.toString();
    Map<String, StatefulSet> out = new HashMap<>();
    for (Manifest m : Inputs.statefulSets(inputs.read(file), source)) {
      StatefulSet set = KubeMapping.statefulSet(m);
      if (out.put(key(set), set) != null) {
        throw new InputException(
            source
                + ": "
                + m.describe()
                + ": metadata.name: Duplicate value: "
                + quote(set.name())
                + ": two stored StatefulSets of this name in namespace "
                + set.namespace());
      }
    }
    return out;
  }

  private static String key(StatefulSet set) {
    return set.namespace() + "/" + set.name();
  }

  private static String quote(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
