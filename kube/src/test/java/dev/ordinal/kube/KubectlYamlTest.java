package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every scalar, key and merge case of {@code kubectl-yaml.txt}, whose expected values come from
 * kubectl's own YAML reader (see the file's header): the reader must give kubectl's value, or an
 * error where kubectl fails or where this reader refuses on purpose (listed in {@link #REFUSED}).
 */
class KubectlYamlTest {

  private static final JsonMapper JSON = new JsonMapper();

  /**
   * Inputs kubectl reads and this reader refuses, each for a reason: kubectl's value would be a
   * silent change of the data or depends on an order YAML says does not matter.
   */
  private static final Map<String, String> REFUSED =
      Map.of(
          // kubectl replaces the invalid UTF-8 byte with U+FFFD.
          "scalar\t\"!!binary /w==\"",
          "!!binary value is not UTF-8 text, which a JSON string cannot hold",
          // go-yaml lets the merged x override the x before it; YAML keeps the mapping's own.
          "doc\t\"m:\\n  x: 2\\n  <<: {x: 1, y: 1}\\n\"",
          "\"x\" is set before the merge key \"<<\" and by it",
          // Two merge keys: go-yaml lets the second win, snakeyaml the first.
          "doc\t\"a: &a {x: 1}\\nm:\\n  <<: *a\\n  <<: {x: 2}\\n\"",
          "\"x\" is set before the merge key \"<<\" and by it");

  record Case(String kind, String input, String expected) {
    @Override
    public String toString() {
      return kind + " " + input;
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String line : TestFiles.text("dev/ordinal/kube/kubectl-yaml.txt").split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 3);
      out.add(new Case(parts[0], JSON.readValue(parts[1], String.class), parts[2]));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyCase_readsAsKubectlReadsIt(Case c) {
    String document =
        c.kind().equals("scalar")
            ? "v: " + c.input() + "\n"
            : c.kind().equals("key") ? c.input() + ": v\n" : c.input();
    String key = c.kind() + "\t" + JSON.writeValueAsString(c.input());
    String refusal = REFUSED.get(key);
    if (refusal != null || c.expected().startsWith("ERROR: ")) {
      assertThatThrownBy(() -> read(document))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining(refusal != null ? refusal : kubectlWords(c.expected()));
      return;
    }
    assertThat(normal(read(document)))
        .isEqualTo(normal(JSON.readValue(c.expected(), Object.class)));
  }

  /**
   * Returns the part of kubectl's error this reader says in the same words: all of it for the
   * scalar and merge rules, nothing for YAML syntax errors, which each parser words its own way.
   */
  private static String kubectlWords(String error) {
    String e = error.substring("ERROR: ".length()).replaceFirst("^(yaml|json): ", "");
    if (e.contains("not allowed in this context")) {
      return "";
    }
    if (e.startsWith("unsupported map key")) {
      return "unsupported map key";
    }
    if (e.startsWith("found incompatible YAML document")) {
      return "found incompatible YAML document";
    }
    return e;
  }

  @Test
  void caseData_coversEveryScalarRule() {
    List<String> inputs = cases().map(Case::input).toList();
    assertThat(inputs)
        .contains("010", "0o10", "0x1F", "1:20", "on", "off", "yes", "no", "y", "n", "~")
        .contains(".inf", ".nan", "1_000")
        .anyMatch(i -> i.contains("<<"));
  }

  @Test
  void octalReplicas_planEight() {
    String set =
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  replicas: 010\n"
            + "  selector: {matchLabels: {app: web}}\n  serviceName: web\n  template:\n"
            + "    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: i}]}\n";
    Manifest m = new ManifestReader().read(set, "web.yaml").get(0);

    assertThat(KubeMapping.statefulSet(m).spec().replicas()).isEqualTo(8);
  }

  @Test
  void badTag_namesTheLineAndSaysWhatKubectlSays() {
    assertThatThrownBy(() -> new ManifestReader().read("kind: Pod\nx: !!int 1.5\n", "p.yaml"))
        .hasMessage("p.yaml:2:4: document 1: cannot decode !!float `1.5` as a !!int");
  }

  private static @Nullable Object read(String document) {
    List<YamlDocuments.Document> docs =
        YamlDocuments.read(document, "t.yaml", ManifestReader.Limits.DEFAULT);
    assertThat(docs).hasSize(1);
    return docs.get(0).value();
  }

  /** Returns the value with every number as an exact decimal, so 1e3, 1000 and 1000.0 agree. */
  private static @Nullable Object normal(@Nullable Object value) {
    Object v = Json.canonical(value);
    if (v instanceof Number) {
      return new BigDecimal(v.toString()).stripTrailingZeros();
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, normal(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(x -> out.add(normal(x)));
      return out;
    }
    return v;
  }
}
