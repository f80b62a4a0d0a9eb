package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.scenario.Tutorial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordinal tutorial} and {@code ordinal run}: the scenario runner behind the command. */
class ScenarioCommandsTest {

  @Test
  void tutorial_list_printsTheSections() {
    Cli.Result r = Cli.run("tutorial", "--list");

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out().lines()).containsExactlyElementsOf(Tutorial.sections());
    assertThat(r.out().lines()).contains("creating-a-statefulset", "scaling-down");
  }

  @Test
  void tutorial_section_printsTheCommandsAndWhatKubectlPrints() {
    Cli.Result r = Cli.run("tutorial", "--section", Tutorial.sections().get(0));

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("$ kubectl apply -f web.yaml")
        .contains("service/nginx created")
        .contains("statefulset.apps/web created")
        .contains("web-0")
        .contains("web-1");
    // OrderedReady: web-1 appears in the watch only after web-0 is Running and Ready.
    String out = r.out();
    int web0Ready = out.indexOf("web-0   1/1");
    int web1First = out.indexOf("web-1");
    assertThat(web0Ready).isPositive();
    assertThat(web1First).isGreaterThan(web0Ready);
  }

  @Test
  void tutorial_sameSeed_replaysByteForByte() {
    String section = Tutorial.sections().get(1);
    assertThat(Cli.run("tutorial", "--section", section, "--seed", "7").out())
        .isEqualTo(Cli.run("tutorial", "--section", section, "--seed", "7").out());
  }

  @Test
  void tutorial_unknownSection_isBadUsage() {
    Cli.Result r = Cli.run("tutorial", "--section", "nope");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: --section: no such tutorial section: nope (sections: "
                + String.join(", ", Tutorial.sections())
                + ")\n");
  }

  @Test
  void run_script_printsEachCommandAndItsOutput(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("web.yaml"), Cli.text("web/web.yaml"), StandardCharsets.UTF_8);
    Path script = dir.resolve("scale.sh");
    Files.writeString(
        script,
        "# scale the tutorial's set\n"
            + "kubectl apply -f web.yaml\n"
            + "kubectl scale sts web --replicas=3\n"
            + "kubectl get pods -l app=nginx\n",
        StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("run", script.toString());

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("$ kubectl scale sts web --replicas=3\nstatefulset.apps/web scaled\n")
        .contains("$ kubectl get pods -l app=nginx\nNAME")
        .contains("web-2");
  }

  @Test
  void run_badLine_failsWithFileAndLine(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("bad.sh");
    Files.writeString(script, "# one good line, then a bad one\nsleep 1s\nkubectl frobnicate\n");

    Cli.Result r = Cli.run("run", script.toString());

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err()).startsWith("error: " + script + ":3: ").doesNotContain("Exception");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void run_missingScript_isBadInput(@TempDir Path dir) {
    Path missing = dir.resolve("missing.sh");

    Cli.Result r = Cli.run("run", missing.toString());

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err()).isEqualTo("error: " + missing + ": cannot read the script: no such file\n");
  }
}
