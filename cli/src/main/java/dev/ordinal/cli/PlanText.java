package dev.ordinal.cli;

/** {@code plan -o text}: core's {@link dev.ordinal.core.render.PlanText} on the command's report. */
final class PlanText {

  private PlanText() {}

  /** Returns the report as lines of text, each ending in a newline. */
  static String write(PlanReport report) {
    return dev.ordinal.core.render.PlanText.write(report.rendered());
  }
}
