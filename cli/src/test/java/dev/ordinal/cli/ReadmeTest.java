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

/** The "Command line" section of README.md shows what the command really prints. */
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
    assertThat(r.out()).isEqualTo(example.group(2));
  }

  @Test
  void everyCommand_isDescribed() throws IOException {
    String readme = Files.readString(Cli.repository("README.md"), StandardCharsets.UTF_8);

    for (String command : List.of("plan", "validate", "rollout-status")) {
      assertThat(readme).contains("| `ordinal " + command + " ");
    }
  }
}
