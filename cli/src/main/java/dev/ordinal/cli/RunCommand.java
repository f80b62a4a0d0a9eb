package dev.ordinal.cli;

import dev.ordinal.scenario.ScenarioRunner;
import dev.ordinal.scenario.ScriptException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ordinal run}: runs a scenario script of kubectl commands on the simulated cluster. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs a scenario script on a simulated cluster and prints what kubectl would print.",
      "",
      "A script has one command a line: kubectl apply/create/get/scale/patch/delete/rollout"
          + " status/exec/run, shell loops as the tutorial writes them, sleep DURATION and sim"
          + " controls (sim fail POD, sim unready POD, sim break-image IMAGE, ...). '#' starts a"
          + " comment; file names are relative to the script's folder."
    },
    footer = {"", "Exit codes: 0 ran, 2 bad usage or a bad script line (FILE:LINE: ...), 3 a bug."})
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Debug debug;

  @Parameters(paramLabel = "SCRIPT", description = "The scenario script.")
  Path script;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "The simulation's seed; default ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(script) || !Files.isReadable(script)) {
      throw new InputException(script + ": cannot read the script: " + whyNot(script));
    }
    try (PrintStream out = ScriptOutput.over(spec.commandLine().getOut())) {
      ScenarioRunner.run(script, seed, out);
    } catch (ScriptException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Exit.BAD_INPUT;
    }
    return Exit.OK;
  }

  /** Says what the path is, for a script that is not a readable regular file. */
  private static String whyNot(Path script) {
    if (Files.isDirectory(script)) {
      return "is a directory";
    }
    if (Files.exists(script) && !Files.isRegularFile(script)) {
      // A script is read whole and replayed; a FIFO or a device has no end to read to.
      return "is not a regular file (a FIFO, a device or a socket)";
    }
    return Files.exists(script) ? "permission denied" : "no such file";
  }
}
