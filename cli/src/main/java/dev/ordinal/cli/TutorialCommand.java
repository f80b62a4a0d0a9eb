package dev.ordinal.cli;

import dev.ordinal.scenario.Tutorial;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ordinal tutorial}: replays the StatefulSet basics tutorial on the simulated cluster. */
@Command(
    name = "tutorial",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Replays the Kubernetes \"StatefulSet basics\" tutorial on a simulated cluster.",
      "",
      "Prints each of the tutorial's commands ($ kubectl ...) and what kubectl prints, watch"
          + " streams included, while Ordinal's planner runs as the StatefulSet controller. The"
          + " same seed replays byte for byte."
    },
    footer = {"", "Exit codes: 0 replayed, 2 bad usage (such as an unknown section), 3 a bug."})
final class TutorialCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Debug debug;

  @Option(
      names = "--section",
      paramLabel = "NAME",
      description = "Replay one section (the earlier ones run silently first); see --list.")
  String section = Tutorial.ALL;

  @Option(names = "--list", description = "List the sections and exit.")
  boolean list;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "The simulation's seed (pod IPs, volume names); default ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    if (list) {
      Tutorial.sections().forEach(spec.commandLine().getOut()::println);
      return Exit.OK;
    }
    if (!section.equals(Tutorial.ALL) && !Tutorial.sections().contains(section)) {
      throw new InputException(
          "--section: no such tutorial section: " + section + " (sections: "
              + String.join(", ", Tutorial.sections()) + ")");
    }
    try (PrintStream out = ScriptOutput.over(spec.commandLine().getOut())) {
      Tutorial.run(section, seed, out);
    }
    return Exit.OK;
  }
}
