package dev.ordinal.cli;

import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.kube.ManifestException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ordinal} command line.
 *
 * <pre>
 * ordinal plan --statefulset web.yaml --pods pods.yaml -o json
 * ordinal validate web.yaml other.yaml --previous stored.yaml
 * ordinal rollout-status --statefulset web.yaml
 * </pre>
 *
 * <p>Answers go to standard output; errors go to standard error, one line each, starting with
 * {@code error: }. Exit codes are those of {@link Exit}.
 *
 * @since 0.1.0
 */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs one command line in process, as {@code ordinal args...} would, and returns its exit code.
   * Nothing is thrown and the JVM is not exited: every failure is reported on {@code err} and in
   * the code. Text is written as UTF-8, whatever the platform's default, since manifests are UTF-8.
   *
   * @param args the arguments after {@code ordinal}
   * @param out where answers go: plans, verdicts, help and version
   * @param err where errors go
   * @return one of the codes of {@link Exit}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = writer(out);
    PrintWriter errWriter = writer(err);
    try {
      return commandLine(outWriter, errWriter).execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to the handler; the heap filled up reading the input.
      return Errors.report(e, errWriter, List.of(args).contains("--debug"));
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** Returns the command line with its subcommands, streams and error handling. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Ordinal());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) ->
            Errors.report(e, commandLine.getErr(), debugRequested(parseResult)));
    return cl;
  }

  /** Reports bad usage in one line that says where to look for help. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String help = cl.getCommandSpec().qualifiedName() + " --help";
    // Picocli starts its messages about option groups with "Error: " already.
    String message = e.getMessage().replaceFirst("^Error: ", "");
    StringBuilder line = new StringBuilder("error: ").append(message);
    if (e instanceof UnmatchedArgumentException) {
      var suggestions = ((UnmatchedArgumentException) e).getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
      }
    }
    err.println(line.append(" (see '").append(help).append("')"));
    if (debugRequested(cl.getParseResult())) {
      e.printStackTrace(err);
    }
    return Exit.BAD_INPUT;
  }

  /** Returns true if {@code --debug} was given to the command or any command above it. */
  static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** The top command: only dispatches to its subcommands. */
  @Command(
      name = "ordinal",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "The Kubernetes StatefulSet controller (v1.35) as pure functions: replay the"
              + " StatefulSet tutorial or your own scenario on a simulated cluster, or ask of your"
              + " manifests what the controller would do next, whether the apiserver would accept"
              + " them, and what kubectl rollout status would say.",
      subcommands = {
        TutorialCommand.class,
        RunCommand.class,
        PlanCommand.class,
        ValidateCommand.class,
        RolloutStatusCommand.class,
        CommandLine.HelpCommand.class
      },
      footerHeading = "%nExit codes:%n",
      footer = {
        "  0  done; the answer is yes",
        "  1  the answer is no: invalid manifest, rollout not finished",
        "  2  bad usage or unreadable input",
        "  3  ordinal itself failed (a bug: run again with --debug)"
      })
  static final class Ordinal implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin Debug debug;

    /** Without a subcommand there is nothing to do: say what there is, as bad usage. */
    @Override
    public Integer call() {
      spec.commandLine()
          .getErr()
          .println(
              "error: a command is required: tutorial, run, plan, validate or rollout-status"
                  + " (see 'ordinal --help')");
      return Exit.BAD_INPUT;
    }
  }

  /** Turns an exception into its one-line report and exit code. */
  static final class Errors {

    private Errors() {}

    /**
     * Prints the error as one line, {@code error: <message>}, plus its stack trace when debugging,
     * and returns its exit code: {@link Exit#BAD_INPUT} for bad input, {@link Exit#INTERNAL} for
     * anything else, which is a bug.
     */
    static int report(Throwable e, PrintWriter err, boolean debug) {
      int code;
      // A set the planner refuses (no uid: not as stored) is the input's fault, not ordinal's.
      if (e instanceof ManifestException
          || e instanceof InputException
          || e instanceof InvalidStatefulSetException) {
        err.println("error: " + e.getMessage());
        code = Exit.BAD_INPUT;
      } else if (e instanceof OutOfMemoryError) {
        // Not a bug: the input needs more heap than this JVM has (README.md, "Limits").
        err.println(
            "error: out of memory: the input needs more than this JVM's "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB of heap; give it more (JAVA_TOOL_OPTIONS=-Xmx4g) or split the file");
        code = Exit.INTERNAL;
      } else {
        err.println(
            "error: internal error: "
                + e
                + " (this is a bug in ordinal; run again with --debug for the stack trace)");
        code = Exit.INTERNAL;
      }
      if (debug) {
        e.printStackTrace(err);
      }
      err.flush();
      return code;
    }
  }
}
