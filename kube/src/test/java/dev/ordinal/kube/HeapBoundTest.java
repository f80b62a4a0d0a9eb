package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory bound README.md's "Limits" states: a JVM capped at 256 MiB of heap reads and maps a
 * {@code kubectl get pods -o yaml} List of 1,000 realistic pods (4.2 MB, over the apiserver's 3 MiB
 * request limit that used to refuse it). Measured: 1,500 pods (6.4 MB) still fit, 2,000 do not;
 * 4,000 pods (17 MB) need between 512 MiB and 1 GiB.
 */
class HeapBoundTest {

  @TempDir Path dir;

  @Test
  void cappedHeap_readsALargeList() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeList.class.getName(),
                    dir.resolve("pods.yaml").toString(),
                    "1000"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(out).matches("1000 pods read from [0-9]+ bytes\\s*");
    assertThat(p.exitValue()).isZero();
    long bytes = Long.parseLong(out.replaceAll("[^0-9 ]", "").trim().split(" +")[1]);
    assertThat(bytes).isGreaterThan(3L << 20);
  }
}
