package dev.ordinal.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --debug} option, mixed into every command: errors then come with their stack trace.
 * Without it an error is one line, since a stack trace tells a user of the command nothing.
 */
final class Debug {

  @Option(
      names = "--debug",
      description = "On an error, print the stack trace too (for bug reports).")
  boolean enabled;
}
