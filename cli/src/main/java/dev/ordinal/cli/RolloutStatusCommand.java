package dev.ordinal.cli;

import dev.ordinal.core.rollout.RolloutStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ordinal rollout-status}: what {@code kubectl rollout status} says of a StatefulSet. */
@Command(
    name = "rollout-status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints what kubectl rollout status says of a StatefulSet.",
      "",
      "Prints what kubectl rollout status --watch=false prints for the StatefulSet as written in"
          + " FILE (its spec, metadata.generation and status, as kubectl get sts -o yaml prints"
          + " them), byte for byte. For a set with the OnDelete strategy it prints kubectl's"
          + " error instead: 'error: rollout status is only available for RollingUpdate strategy"
          + " type'."
    },
    footer = {
      "",
      "Exit codes: 0 the rollout is complete, 1 it is not (still waiting, or OnDelete), 2 bad"
          + " usage or bad input, 3 a bug."
    })
final class RolloutStatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Debug debug;

  @Option(
      names = "--statefulset",
      required = true,
      paramLabel = "FILE",
      description = "The StatefulSet, with its status (other kinds in the file are ignored).")
  Path statefulSet;

  @Override
  public Integer call() {
    // Undefaulted on purpose: RolloutStatus reads a set as the apiserver would return it.
    RolloutStatus.Result result = RolloutStatus.status(new Inputs().statefulSet(statefulSet));
    if (result.error()) {
      spec.commandLine().getErr().println("error: " + result.message());
      return Exit.NO;
    }
    // The message ends in "\n" already, as kubectl prints it.
    spec.commandLine().getOut().print(result.message());
    return result.done() ? Exit.OK : Exit.NO;
  }
}
