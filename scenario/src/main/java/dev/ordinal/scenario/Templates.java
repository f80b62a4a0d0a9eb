package dev.ordinal.scenario;

import dev.ordinal.api.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The subsets of Go templates ({@code --template}, {@code -o go-template=}) and of kubectl's
 * JSONPath ({@code -o jsonpath=}) that scripts use, evaluated over {@link ApiObjects}' data.
 *
 * <p>Go templates: text, {@code {{.field.path}}}, {@code {{$var.path}}}, string literals, {@code
 * {{range [$i, $v :=] PIPE}}...{{end}}} over lists and maps, {@code {{if PIPE}}...{{else}}...
 * {{end}}}. JSONPath: text, {@code {.a.b[0].c}}, {@code [*]} (results joined by a space), {@code
 * {range EXPR}...{end}}, quoted literals such as {@code {"\n"}}. Anything else is an error naming
 * what is unsupported.
 */
final class Templates {

  private Templates() {}

  private static final Object MISSING = new Object();

  // ---------------------------------------------------------------------------------------------
  // Go templates

  private sealed interface Node permits Text, Print, Range, If {}

  private record Text(String text) implements Node {}

  private record Print(String pipeline) implements Node {}

  private record Range(@Nullable String key, @Nullable String value, String pipeline, List<Node> body)
      implements Node {}

  private record If(String pipeline, List<Node> then, List<Node> otherwise) implements Node {}

  /**
   * Evaluates a Go template on an object.
   *
   * @throws BadLineException if the template uses what this subset lacks or does not parse
   */
  static String goTemplate(String template, Object data) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf("{{", i);
      if (open < 0) {
        parts.add(template.substring(i));
        break;
      }
      parts.add(template.substring(i, open));
      int close = template.indexOf("}}", open);
      if (close < 0) {
        throw new BadLineException("template: unclosed action: " + template.substring(open));
      }
      parts.add("{{" + template.substring(open + 2, close).strip());
      i = close + 2;
    }
    int[] pos = {0};
    List<Node> nodes = goNodes(parts, pos, false);
    Map<String, Object> vars = new HashMap<>();
    vars.put("$", data);
    StringBuilder out = new StringBuilder();
    run(nodes, data, vars, out);
    return out.toString();
  }

  private static List<Node> goNodes(List<String> parts, int[] pos, boolean nested) {
    List<Node> out = new ArrayList<>();
    while (pos[0] < parts.size()) {
      String p = parts.get(pos[0]++);
      if (!p.startsWith("{{")) {
        out.add(new Text(p));
        continue;
      }
      String action = p.substring(2);
      if (action.equals("end") || action.equals("else")) {
        if (!nested) {
          throw new BadLineException("template: unexpected {{" + action + "}}");
        }
        pos[0]--;
        return out;
      }
      if (action.startsWith("range ")) {
        String spec = action.substring(6).strip();
        String key = null;
        String value = null;
        int assign = spec.indexOf(":=");
        if (assign >= 0) {
          String[] names = spec.substring(0, assign).split(",");
          if (names.length == 2) {
            key = names[0].strip();
            value = names[1].strip();
          } else {
            value = names[0].strip();
          }
          spec = spec.substring(assign + 2).strip();
        }
        List<Node> body = goNodes(parts, pos, true);
        expectEnd(parts, pos);
        out.add(new Range(key, value, spec, body));
      } else if (action.startsWith("if ")) {
        List<Node> then = goNodes(parts, pos, true);
        List<Node> otherwise = List.of();
        if (parts.get(pos[0]).equals("{{else")) {
          pos[0]++;
          otherwise = goNodes(parts, pos, true);
        }
        expectEnd(parts, pos);
        out.add(new If(action.substring(3).strip(), then, otherwise));
      } else {
        out.add(new Print(action));
      }
    }
    if (nested) {
      throw new BadLineException("template: missing {{end}}");
    }
    return out;
  }

  private static void expectEnd(List<String> parts, int[] pos) {
    if (pos[0] >= parts.size() || !parts.get(pos[0]).equals("{{end")) {
      throw new BadLineException("template: missing {{end}}");
    }
    pos[0]++;
  }

  private static void run(List<Node> nodes, Object dot, Map<String, Object> vars, StringBuilder out) {
    for (Node n : nodes) {
      if (n instanceof Text) {
        out.append(((Text) n).text());
      } else if (n instanceof Print) {
        out.append(goString(eval(((Print) n).pipeline(), dot, vars)));
      } else if (n instanceof If) {
        If f = (If) n;
        run(truthy(eval(f.pipeline(), dot, vars)) ? f.then() : f.otherwise(), dot, vars, out);
      } else {
        Range r = (Range) n;
        Object over = eval(r.pipeline(), dot, vars);
        List<Map.Entry<Object, Object>> entries = new ArrayList<>();
        if (over instanceof List) {
          List<?> list = (List<?>) over;
          for (int i = 0; i < list.size(); i++) {
            entries.add(Map.entry(i, list.get(i)));
          }
        } else if (over instanceof Map) {
          // Go ranges over a map in sorted key order.
          new TreeMap<>((Map<?, ?>) over).forEach((k, v) -> entries.add(Map.entry(k, v)));
        } else if (over != MISSING && over != null) {
          // Ranging over nothing runs the body no times; over a scalar it is Go's error.
          throw new BadLineException("template: range can't iterate over " + goString(over));
        }
        for (Map.Entry<Object, Object> e : entries) {
          Map<String, Object> inner = new HashMap<>(vars);
          if (r.key() != null) {
            inner.put(r.key(), e.getKey());
          }
          if (r.value() != null) {
            inner.put(r.value(), e.getValue());
          }
          run(r.body(), e.getValue(), inner, out);
        }
      }
    }
  }

  private static Object eval(String pipeline, Object dot, Map<String, Object> vars) {
    String p = pipeline.strip();
    if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
      return unquote(p);
    }
    Object base;
    String path;
    if (p.startsWith("$")) {
      int end = p.indexOf('.');
      String name = end < 0 ? p : p.substring(0, end);
      if (!vars.containsKey(name)) {
        throw new BadLineException("template: undefined variable \"" + name + "\"");
      }
      base = vars.get(name);
      path = end < 0 ? "" : p.substring(end);
    } else if (p.startsWith(".")) {
      base = dot;
      path = p.equals(".") ? "" : p;
    } else {
      throw new BadLineException("template: unsupported action {{" + p + "}}");
    }
    if (path.isEmpty()) {
      return base;
    }
    if (!path.matches("(\\.[A-Za-z0-9_]+)+")) {
      throw new BadLineException("template: unsupported action {{" + p + "}}");
    }
    Object v = base;
    for (String field : path.substring(1).split("\\.")) {
      if (v instanceof Map) {
        Map<?, ?> m = (Map<?, ?>) v;
        v = m.containsKey(field) ? m.get(field) : MISSING;
      } else {
        return MISSING;
      }
    }
    return v;
  }

  private static boolean truthy(@Nullable Object v) {
    if (v == null || v == MISSING || Boolean.FALSE.equals(v) || "".equals(v)) {
      return false;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue() != 0;
    }
    if (v instanceof List) {
      return !((List<?>) v).isEmpty();
    }
    return !(v instanceof Map) || !((Map<?, ?>) v).isEmpty();
  }

  /** Formats a value as Go's fmt {@code %v} does for decoded JSON. */
  private static String goString(@Nullable Object v) {
    // A key that is not there prints as Go's "<no value>": kubectl lets templates miss keys.
    if (v == MISSING || v == null) {
      return "<no value>";
    }
    if (v instanceof Map) {
      // fmt prints a map sorted by key, since Go 1.12.
      StringBuilder out = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) {
        out.append(first ? "" : " ").append(e.getKey()).append(':').append(goString(e.getValue()));
        first = false;
      }
      return out.append(']').toString();
    }
    if (v instanceof List) {
      StringBuilder out = new StringBuilder("[");
      boolean first = true;
      for (Object o : (List<?>) v) {
        out.append(first ? "" : " ").append(goString(o));
        first = false;
      }
      return out.append(']').toString();
    }
    return v.toString();
  }

  private static String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        char n = quoted.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // JSONPath

  /**
   * Evaluates a kubectl JSONPath template on an object.
   *
   * @throws BadLineException if the expression uses what this subset lacks or does not parse
   */
  static String jsonPath(String template, Object data) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        parts.add(template.substring(i));
        break;
      }
      parts.add(template.substring(i, open));
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new BadLineException("jsonpath: unclosed action: " + template.substring(open));
      }
      parts.add("{" + template.substring(open + 1, close).strip());
      i = close + 1;
    }
    int[] pos = {0};
    StringBuilder out = new StringBuilder();
    jsonRun(parts, pos, data, data, out, false);
    return out.toString();
  }

  private static void jsonRun(
      List<String> parts, int[] pos, Object root, Object current, StringBuilder out, boolean nested) {
    while (pos[0] < parts.size()) {
      String p = parts.get(pos[0]++);
      if (!p.startsWith("{")) {
        out.append(p);
        continue;
      }
      String expr = p.substring(1);
      if (expr.equals("end")) {
        if (!nested) {
          throw new BadLineException("jsonpath: unexpected {end}");
        }
        return;
      }
      if (expr.startsWith("\"") || expr.startsWith("'")) {
        out.append(unquote(expr));
      } else if (expr.startsWith("range ")) {
        List<Object> items = select(expr.substring(6).strip(), root, current);
        int bodyStart = pos[0];
        // An empty range still reads its body, into nothing, to find where its {end} is.
        if (items.isEmpty()) {
          jsonRun(parts, pos, root, current, new StringBuilder(), true);
        }
        for (Object item : items) {
          pos[0] = bodyStart;
          jsonRun(parts, pos, root, item, out, true);
        }
      } else {
        List<Object> values = select(expr, root, current);
        for (int i = 0; i < values.size(); i++) {
          Object v = values.get(i);
          // kubectl prints an object or a list found by the path as JSON.
          out.append(i == 0 ? "" : " ")
              .append(v instanceof Map || v instanceof List ? Json.marshal(v) : String.valueOf(v));
        }
      }
    }
    if (nested) {
      throw new BadLineException("jsonpath: missing {end}");
    }
  }

  private static List<Object> select(String expr, Object root, Object current) {
    String e = expr;
    List<Object> values = new ArrayList<>();
    if (e.startsWith("$")) {
      values.add(root);
      e = e.substring(1);
    } else if (e.startsWith("@")) {
      values.add(current);
      e = e.substring(1);
    } else {
      values.add(current);
    }
    if (!e.isEmpty() && !e.matches("(\\.[A-Za-z0-9_-]+|\\[(\\*|\\d+)\\])+")) {
      throw new BadLineException("jsonpath: unsupported expression {" + expr + "}");
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\*|\\d+)\\]").matcher(e);
    while (m.find()) {
      List<Object> next = new ArrayList<>();
      for (Object v : values) {
        if (m.group(1) != null) {
          // --allow-missing-template-keys is true by default: a field that is not there prints
          // nothing rather than failing.
          if (v instanceof Map && ((Map<?, ?>) v).containsKey(m.group(1))) {
            next.add(((Map<?, ?>) v).get(m.group(1)));
          }
        } else if (v instanceof List) {
          List<?> list = (List<?>) v;
          if (m.group(2).equals("*")) {
            next.addAll(list);
          } else if (Integer.parseInt(m.group(2)) < list.size()) {
            next.add(list.get(Integer.parseInt(m.group(2))));
          } else {
            throw new KubectlException(
                "error: error executing jsonpath \"" + expr + "\": array index out of bounds");
          }
        }
      }
      values = next;
    }
    return values;
  }
}
