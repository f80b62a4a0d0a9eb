package dev.ordinal.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ordinal.scenario.ScenarioRunner;
import dev.ordinal.scenario.ScriptException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any script text given to the scenario runner ends in its output or one {@link ScriptException}:
 * no other exception, no stack overflow. Every build runs the seed corpus in {@code
 * ScriptFuzzTestInputs/anyScript_runsOrFailsWithOneScriptError}; {@code JAZZER_FUZZ=1} fuzzes (see soak/fuzz.sh).
 */
class ScriptFuzzTest {

  /** A folder with the tutorial's web.yaml, so that kubectl apply -f web.yaml finds it. */
  private static final Path BASE = base();

  private static Path base() {
    try {
      Path dir = Files.createTempDirectory("ordinal-fuzz");
      Files.copy(Path.of(Cli.file("web/web.yaml")), dir.resolve("web.yaml"));
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void anyScript_runsOrFailsWithOneScriptError(byte[] input) {
    String script = new String(input, StandardCharsets.UTF_8);
    // Absolute paths would read whatever the machine has (/dev/zero at 256 MiB a run): the
    // fuzzer explores the language, the bounds on reading are tested apart.
    if (script.contains("/") || script.length() > 4096) {
      return;
    }
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try {
      ScenarioRunner.run(script, "fuzz.sh", BASE, 1, out);
    } catch (ScriptException expected) {
      // one clear error, as documented
    }
  }
}
