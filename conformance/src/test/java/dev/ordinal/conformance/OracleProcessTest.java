package dev.ordinal.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The process plumbing, exercised with ordinary programs of the system. */
class OracleProcessTest {

  @Test
  void oneRequestLine_getsOneAnswerLine() {
    try (OracleProcess p = OracleProcess.start(Path.of("/bin/cat"))) {
      assertThat(p.exchange("{\"id\":\"a\"}")).isEqualTo("{\"id\":\"a\"}");
      assertThat(p.exchange("second")).isEqualTo("second");
    }
  }

  @Test
  void aSilentProcess_timesOut() {
    try (OracleProcess p =
        OracleProcess.start(Path.of("/bin/sleep"), Duration.ofMillis(200), "30")) {
      assertThatThrownBy(() -> p.exchange("x"))
          .isInstanceOf(OracleException.class)
          .hasMessageContaining("did not answer within 200 ms");
    }
  }

  @Test
  void anExitedProcess_isReportedWithItsStderr() {
    try (OracleProcess p =
        OracleProcess.start(
            Path.of("/bin/sh"),
            Duration.ofSeconds(10),
            "-c",
            "read line; echo 'oracle: no such release' >&2; exit 3")) {
      assertThatThrownBy(() -> p.exchange("x"))
          .isInstanceOf(OracleException.class)
          .hasMessageContaining("the oracle closed its output")
          .hasMessageContaining("oracle: no such release");
    }
  }

  @Test
  void aMissingBinary_isNamed() {
    assertThatThrownBy(() -> OracleProcess.start(Path.of("/nonexistent/oracle")))
        .isInstanceOf(OracleException.class)
        .hasMessage("oracle binary not found: /nonexistent/oracle");
  }

  @Test
  void aRequest_mustBeOneLine() {
    try (OracleProcess p = OracleProcess.start(Path.of("/bin/cat"))) {
      assertThatThrownBy(() -> p.exchange("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
