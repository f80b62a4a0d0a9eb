package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.kube.ManifestReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The top command: help, version, usage errors and the exit codes they end in. */
class MainTest {

  @Test
  void version_printsTheProjectVersionAndTheRelease() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .matches(
            "ordinal \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"
                + "the StatefulSet controller of Kubernetes v1.35 \\(v1.34 with --kubernetes"
                + " 1.34\\)\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void version_onASubcommand() {
    assertThat(Cli.run("plan", "--version").out()).isEqualTo(Cli.run("--version").out());
  }

  @Test
  void help_listsEverySubcommandAndTheExitCodes() {
    Cli.Result r = Cli.run("--help");

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .startsWith("Usage: ordinal [-hV] [--debug] [COMMAND]")
        .contains("  tutorial ", "  run ", "  plan ", "  validate ", "  rollout-status ", "  help ")
        .contains("  2  bad usage or unreadable input");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tutorial", "run", "plan", "validate", "rollout-status"})
  void help_onEverySubcommand(String command) {
    Cli.Result r = Cli.run(command, "--help");

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out()).startsWith("Usage: ordinal " + command + " ").contains("Exit codes: 0");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tutorial", "run", "plan", "validate", "rollout-status"})
  void helpCommand_printsTheSameAsTheOption(String command) {
    assertThat(Cli.run("help", command).out()).isEqualTo(Cli.run(command, "--help").out());
  }

  @Test
  void noCommand_isBadUsage() {
    Cli.Result r = Cli.run();

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: a command is required: tutorial, run, plan, validate or rollout-status"
                + " (see 'ordinal --help')\n");
  }

  @Test
  void unknownCommand_suggestsTheNearestOne() {
    Cli.Result r = Cli.run("plna");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: Unmatched argument at index 0: 'plna' (did you mean plan?) (see 'ordinal"
                + " --help')\n");
  }

  @Test
  void unknownOption_isBadUsage() {
    Cli.Result r = Cli.run("rollout-status", "--statefulset", "web.yaml", "--watch");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("error: Unknown option: '--watch' (see 'ordinal rollout-status --help')\n");
  }

  @Test
  void missingRequiredOption_isBadUsage() {
    Cli.Result r = Cli.run("plan");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: Missing required argument (specify one of these): (-f=FILE [-f=FILE]... |"
                + " --statefulset=FILE) (see 'ordinal plan --help')\n");
  }

  @Test
  void usageError_withDebug_printsTheStackTrace() {
    Cli.Result r = Cli.run("plan", "--debug");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .startsWith("error: Missing required argument")
        .contains("picocli.CommandLine$MissingParameterException");
  }

  @Test
  void internalError_isOneLineAndExit3() {
    StringWriter err = new StringWriter();

    int code =
        Main.Errors.report(new IllegalStateException("bug: boom"), new PrintWriter(err), false);

    assertThat(code).isEqualTo(Exit.INTERNAL);
    assertThat(err.toString())
        .isEqualTo(
            "error: internal error: java.lang.IllegalStateException: bug: boom (this is a bug in"
                + " ordinal; run again with --debug for the stack trace)\n");
  }

  @Test
  void internalError_withDebug_printsTheStackTrace() {
    StringWriter err = new StringWriter();

    Main.Errors.report(new IllegalStateException("bug: boom"), new PrintWriter(err), true);

    assertThat(err.toString()).contains("\tat dev.ordinal.cli.MainTest");
  }

  @Test
  void badInput_withDebug_printsTheStackTraceAfterTheLine(
      @org.junit.jupiter.api.io.TempDir Path dir) {
    String missing = dir.resolve("web.yaml").toString();

    Cli.Result r = Cli.run("--debug", "plan", "--statefulset", missing);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .startsWith("error: " + missing + ": cannot read: no such file\n")
        .contains("dev.ordinal.kube.ManifestException", "\tat " + ManifestReader.class.getName());
  }

  @Test
  void outOfMemory_isOneLineThatSaysWhatToDo() {
    StringWriter err = new StringWriter();

    int code =
        Main.Errors.report(new OutOfMemoryError("Java heap space"), new PrintWriter(err), false);

    assertThat(err.toString())
        .isEqualTo(
            "error: out of memory: the input needs more than this JVM's "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB of heap; give it more (JAVA_TOOL_OPTIONS=-Xmx4g) or split the file"
                + System.lineSeparator());
    assertThat(code).isEqualTo(Exit.INTERNAL);
  }
}
