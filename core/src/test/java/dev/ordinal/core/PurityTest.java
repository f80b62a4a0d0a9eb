package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the promise that core is pure: its main code names nothing that does I/O, reads a clock,
 * starts threads or draws random numbers, and nothing from the simulator or the test kit.
 */
class PurityTest {

  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "\\bjava\\.io\\.|\\bjava\\.nio\\.(?!charset\\.)|\\bjava\\.net\\.|\\bjava\\.util\\.concurrent\\b"
              + "|\\bjava\\.util\\.Random\\b|\\bSecureRandom\\b|\\bThreadLocalRandom\\b"
              + "|\\bMath\\.random\\b|\\bnew Thread\\b|\\bExecutor|\\bClock\\b"
              + "|\\bSystem\\.(currentTimeMillis|nanoTime|getenv|getProperty|in|out|err)\\b"
              + "|\\b(Instant|LocalDateTime|ZonedDateTime|LocalDate)\\.now\\("
              + "|\\bdev\\.ordinal\\.(testkit|sim|invariants)\\b");

  @Test
  void coreMainCode_doesNoIoReadsNoClockStartsNoThreadAndDrawsNoRandomNumber() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
            continue;
          }
          if (FORBIDDEN.matcher(line).find()) {
            offences.add(main.relativize(file) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void theGuard_catchesWhatItShould() {
    assertThat(FORBIDDEN.matcher("import java.util.Random;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("Instant t = Instant.now();").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import java.nio.file.Files;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import dev.ordinal.sim.SimulatedCluster;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import dev.ordinal.testkit.gen.Specs;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import java.time.Instant;").find()).isFalse();
    assertThat(FORBIDDEN.matcher("import java.nio.charset.StandardCharsets;").find()).isFalse();
  }
}
