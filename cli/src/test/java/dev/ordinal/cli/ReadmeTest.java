package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md shows what the command really prints, and only Java that compiles: each {@code java}
 * block is a region of a test in the module that compiles and runs it.
 */
class ReadmeTest {

  @Test
  void theExample_isWhatTheCommandPrints() throws IOException {
    String readme = Files.readString(Cli.repository("README.md"), StandardCharsets.UTF_8);
    Matcher example =
        Pattern.compile(
                "## Command line\n.*?```text\n\\$ \\./ordinal (.*?)\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(example.find()).isTrue();
    List<String> args = new ArrayList<>();
    for (String arg : example.group(1).split(" ")) {
      // The example's paths are relative to the repository; the tests run in the module.
      args.add(arg.startsWith("cli/") ? Cli.repository(arg).toString() : arg);
    }

    Cli.Result r = Cli.run(args.toArray(new String[0]));

    assertThat(r.code()).isEqualTo(Exit.OK);
    // A terminal shows the warnings on stderr first: they are printed before the plan.
    assertThat(r.err() + r.out()).isEqualTo(example.group(2));
  }

  @Test
  void everyCommand_isDescribed() throws IOException {
    String readme = Files.readString(Cli.repository("README.md"), StandardCharsets.UTF_8);

    for (String command : List.of("plan", "validate", "rollout-status")) {
      assertThat(readme).contains("| `ordinal " + command + " ");
    }
  }

  private static final Pattern JAVA_BLOCK =
      Pattern.compile("(?m)^```java\n(.*?)^```\n", Pattern.DOTALL);
  private static final Pattern MARKER =
      Pattern.compile("<!-- compiled: ([\\w./-]+)#([\\w-]+) -->\n$");

  @Test
  void everyJavaExample_isTheRegionOfATestThatCompilesIt() throws IOException {
    String readme = Files.readString(Cli.repository("README.md"), StandardCharsets.UTF_8);
    Matcher block = JAVA_BLOCK.matcher(readme);
    int blocks = 0;
    while (block.find()) {
      blocks++;
      Matcher marker = MARKER.matcher(readme.substring(0, block.start()));
      assertThat(marker.find())
          .as("java block at offset %d: no <!-- compiled: FILE#REGION --> line", block.start())
          .isTrue();
      String source = Files.readString(Cli.repository(marker.group(1)), StandardCharsets.UTF_8);
      assertThat(block.group(1))
          .as("README's %s#%s", marker.group(1), marker.group(2))
          .isEqualTo(region(source, marker.group(2)));
    }
    assertThat(blocks).isGreaterThanOrEqualTo(6);
  }

  @Test
  void region_isTheDedentedTextBetweenTheMarkers() {
    String source =
        "class A {\n  void m() {\n    // readme: x\n    int a = 1;\n\n      a++;\n"
            + "    // readme: end\n  }\n}\n";

    assertThat(region(source, "x")).isEqualTo("int a = 1;\n\n  a++;\n");
  }

  /**
   * Returns the lines between {@code // readme: NAME} and the next {@code // readme: end}, less
   * their common indentation, each ending in a newline.
   */
  static String region(String source, String name) {
    List<String> lines = List.of(source.split("\n", -1));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// readme: " + name)) {
        start = i + 1;
        break;
      }
    }
    assertThat(start).as("region %s", name).isPositive();
    int end = start;
    while (!lines.get(end).strip().equals("// readme: end")) {
      end++;
    }
    List<String> body = lines.subList(start, end);
    int indent = Integer.MAX_VALUE;
    for (String line : body) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : body) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
