package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Golden tests of the main job: the whole tutorial and a user script, replayed with a fixed seed,
 * must print exactly what the golden files hold. The simulation is deterministic, so even AGE
 * columns and pod IPs are pinned; a change to any printed line shows here first.
 *
 * <p>To accept a deliberate change, regenerate the files with {@code ./ordinal tutorial >
 * cli/src/test/resources/golden/tutorial-seed-1.txt} and {@code ./ordinal run
 * cli/src/test/resources/scripts/scale-and-update.sh >
 * cli/src/test/resources/golden/run-scale-and-update.txt}, and review the diff.
 */
class GoldenOutputTest {

  @Test
  void tutorial_printsTheGoldenReplay() {
    Cli.Result r = Cli.run("tutorial", "--seed", "1");

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(Cli.text("golden/tutorial-seed-1.txt"));
  }

  @Test
  void run_printsTheGoldenReplayOfAScript() {
    Cli.Result r = Cli.run("run", Cli.file("scripts/scale-and-update.sh"));

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(Cli.text("golden/run-scale-and-update.txt"));
  }

  @Test
  void tutorial_everyEchoedCommandIsOneTheSeedRuns() {
    // Shape of every command line: "$ " then kubectl, a shell loop, or a shell command inside
    // the busybox pod, as the seed writes them.
    for (String line : Cli.text("golden/tutorial-seed-1.txt").lines().toList()) {
      if (line.startsWith("$ ")) {
        assertThat(line)
            .matches("\\$ (kubectl .*|for [a-z] in .*; done|nslookup .*|exit)");
      }
    }
  }
}
