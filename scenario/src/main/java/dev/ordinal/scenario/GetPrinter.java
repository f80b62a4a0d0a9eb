package dev.ordinal.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The output formats of {@code kubectl get}: the default table and {@code -o wide}, {@code -o
 * name}, {@code -o yaml}, {@code -o json}, {@code -o jsonpath=} and Go templates ({@code -o
 * go-template=}, {@code --template}).
 */
final class GetPrinter {

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private GetPrinter() {}

  /** Returns kubectl's column headers for a kind, with the {@code -o wide} ones if asked. */
  static List<String> header(ResourceKind kind, boolean wide) {
    List<String> h = new ArrayList<>();
    switch (kind) {
      case POD:
        h.addAll(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
        if (wide) {
          h.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
        }
        break;
      case CLAIM:
        h.addAll(
            List.of("NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "AGE"));
        if (wide) {
          h.add("VOLUMEMODE");
        }
        break;
      case SET:
        h.addAll(List.of("NAME", "READY", "AGE"));
        if (wide) {
          h.addAll(List.of("CONTAINERS", "IMAGES"));
        }
        break;
      default:
        h.addAll(List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"));
        if (wide) {
          h.add("SELECTOR");
        }
    }
    return h;
  }

  /**
   * Returns the rows printed as {@code -o output} asks (null: the default table).
   *
   * @param single whether one object was named: kubectl then prints the object itself, not a
   *     List of one, to the formats that show data
   * @throws BadLineException for an unknown format, or a template this subset cannot run
   */
  static String render(
      ResourceKind kind, List<Rows.Row> rows, @Nullable String output, boolean single) {
    if (output == null || output.equals("wide")) {
      boolean wide = output != null;
      List<List<String>> table = new ArrayList<>();
      table.add(header(kind, wide));
      for (Rows.Row r : rows) {
        List<String> cells = new ArrayList<>(r.cells());
        if (wide) {
          cells.addAll(r.wide());
        }
        table.add(cells);
      }
      return Table.format(table);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Rows.Row r : rows) {
      items.add(r.data());
    }
    Object data = single ? items.get(0) : ApiObjects.list(items);
    if (output.equals("name")) {
      StringBuilder out = new StringBuilder();
      for (Rows.Row r : rows) {
        out.append(kind.qualified).append('/').append(r.cells().get(0)).append('\n');
      }
      return out.toString();
    }
    if (output.equals("yaml")) {
      // snakeyaml directly: fabric8's asYaml quotes every string of plain maps, kubectl does not.
      return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
          .dumpToString(data);
    }
    if (output.equals("json")) {
      return PRETTY.writeValueAsString(data) + "\n";
    }
    if (output.startsWith("jsonpath=")) {
      return Templates.jsonPath(stripQuotes(output.substring(9)), data);
    }
    if (output.startsWith("go-template=")) {
      return Templates.goTemplate(output.substring(12), data);
    }
    if (output.startsWith("template=")) {
      return Templates.goTemplate(output.substring(9), data);
    }
    throw new BadLineException(
        "unknown output format: "
            + output
            + " (use wide, yaml, json, name, jsonpath=, go-template=)");
  }

  /** Drops one pair of single quotes around a jsonpath expression, if it has them. */
  private static String stripQuotes(String s) {
    return s.length() >= 2 && (s.startsWith("'") && s.endsWith("'"))
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
