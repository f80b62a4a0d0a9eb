package dev.ordinal.cli;

import java.util.Map;

/** {@code plan -o json}: core's {@link dev.ordinal.core.render.PlanJson} on the command's report. */
final class PlanJson {

  private PlanJson() {}

  /** The version written in {@code schemaVersion}. */
  static final int SCHEMA_VERSION = dev.ordinal.core.render.PlanJson.SCHEMA_VERSION;

  /** Returns the report as JSON text ending in a newline. */
  static String write(PlanReport report) {
    return dev.ordinal.core.render.PlanJson.write(report.rendered());
  }

  /** Returns the report as JSON-like data, in the documented field order. */
  static Map<String, Object> tree(PlanReport report) {
    return dev.ordinal.core.render.PlanJson.tree(report.rendered());
  }
}
