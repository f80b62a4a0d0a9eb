package dev.ordinal.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl's ages and table layout, and the template subsets. */
class FormatsTest {

  @Test
  void age_followsHumanDuration() {
    assertThat(Age.of(Duration.ofSeconds(19))).isEqualTo("19s");
    assertThat(Age.of(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(Age.of(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(Age.of(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(Age.of(Duration.ofMinutes(44))).isEqualTo("44m");
    assertThat(Age.of(Duration.ofMinutes(190))).isEqualTo("3h10m");
    assertThat(Age.of(Duration.ofHours(13))).isEqualTo("13h");
    assertThat(Age.of(Duration.ofHours(50))).isEqualTo("2d2h");
    assertThat(Age.of(Duration.ofMillis(-1500))).isEqualTo("0s");
    assertThat(Age.of(Duration.ofSeconds(-2))).isEqualTo("<invalid>");
    assertThat(Age.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void table_padsThreeSpacesAndRemembersWidths() {
    Table t = new Table();
    assertThat(t.print(List.of(List.of("NAME", "STATUS", "AGE"), List.of("web-0", "Pending", "0s"))))
        .isEqualTo("NAME    STATUS    AGE\nweb-0   Pending   0s\n");
    assertThat(t.print(List.of(List.of("web-0", "ContainerCreating", "0s"))))
        .isEqualTo("web-0   ContainerCreating   0s\n");
    assertThat(t.print(List.of(List.of("web-0", "Running", "19s"))))
        .isEqualTo("web-0   Running             19s\n");
  }

  @Test
  void goTemplate_rangeVariablesAndFields() {
    Map<String, Object> pod =
        Map.of("spec", Map.of("containers", List.of(Map.of("image", "a"), Map.of("image", "b"))));
    assertThat(Templates.goTemplate("{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}", pod))
        .isEqualTo("ab");
    assertThat(Templates.goTemplate("{{.spec.missing}}{{\"\\n\"}}", pod)).isEqualTo("<no value>\n");
    assertThatThrownBy(() -> Templates.goTemplate("{{len .spec}}", pod))
        .isInstanceOf(BadLineException.class)
        .hasMessage("template: unsupported action {{len .spec}}");
  }

  @Test
  void jsonPath_wildcardsAndRange() {
    Map<String, Object> list =
        Map.of("items", List.of(Map.of("n", "x"), Map.of("n", "y")));
    assertThat(Templates.jsonPath("{.items[*].n}", list)).isEqualTo("x y");
    assertThat(Templates.jsonPath("{range .items[*]}{.n}{\"\\n\"}{end}", list)).isEqualTo("x\ny\n");
  }

  @Test
  void strategicMerge_mergesContainersByNameAndNullRemoves() {
    Map<String, Object> tree =
        Map.of(
            "spec",
            Map.of(
                "replicas", 2,
                "containers", List.of(Map.of("name", "nginx", "image", "a", "ports", List.of()))));
    Map<String, Object> out =
        Patches.apply(
            "strategic", tree, "{\"spec\":{\"replicas\":null,\"containers\":[{\"name\":\"nginx\",\"image\":\"b\"}]}}");
    assertThat(out)
        .isEqualTo(
            Map.of("spec", Map.of("containers", List.of(Map.of("name", "nginx", "image", "b", "ports", List.of())))));
  }
}
