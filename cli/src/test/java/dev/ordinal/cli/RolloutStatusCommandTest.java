package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.cli.Manifests.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordinal rollout-status}: kubectl's words, byte for byte, and the exit codes. */
class RolloutStatusCommandTest {

  /** web.yaml's status, to be replaced. */
  private static final String STATUS =
      """
      status:
        observedGeneration: 1
        replicas: 1
        readyReplicas: 0
        currentReplicas: 1
        updatedReplicas: 1
        availableReplicas: 0
        currentRevision: web-7c8fc9b8d5
        updateRevision: web-7c8fc9b8d5
        collisionCount: 0
      """;

  @TempDir Path dir;

  private Workspace w;

  @BeforeEach
  void workspace() {
    w = new Workspace(dir);
  }

  private static String status(
      int observed, int ready, int current, int updated, String currentRev, String updateRev) {
    return "status:\n"
        + "  observedGeneration: "
        + observed
        + "\n"
        + "  replicas: 3\n"
        + "  readyReplicas: "
        + ready
        + "\n"
        + "  currentReplicas: "
        + current
        + "\n"
        + "  updatedReplicas: "
        + updated
        + "\n"
        + "  availableReplicas: "
        + ready
        + "\n"
        + "  currentRevision: "
        + currentRev
        + "\n"
        + "  updateRevision: "
        + updateRev
        + "\n";
  }

  private static Cli.Result rolloutStatus(String file) {
    return Cli.run("rollout-status", "--statefulset", file);
  }

  @Test
  void podsNotReady_waits_andExits1() {
    Cli.Result r = rolloutStatus(Cli.file("web/web.yaml"));

    assertThat(r.out()).isEqualTo("Waiting for 3 pods to be ready...\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.NO);
  }

  @Test
  void specNotYetObserved_waits() {
    String file = w.set("generation: 1", "generation: 2");

    assertThat(rolloutStatus(file).out())
        .isEqualTo("Waiting for statefulset spec update to be observed...\n");
  }

  @Test
  void withoutStatus_theSpecIsNotYetObserved() {
    String file = w.set(STATUS, "");

    Cli.Result r = rolloutStatus(file);

    assertThat(r.out()).isEqualTo("Waiting for statefulset spec update to be observed...\n");
    assertThat(r.code()).isEqualTo(Exit.NO);
  }

  @Test
  void defaultedStrategy_allUpdated_isAPartitionedRolloutComplete_andExits0() {
    String file = w.set(STATUS, status(1, 3, 3, 3, "web-a", "web-a"));

    Cli.Result r = rolloutStatus(file);

    assertThat(r.out())
        .isEqualTo("partitioned roll out complete: 3 new pods have been updated...\n");
    assertThat(r.code()).isEqualTo(Exit.OK);
  }

  @Test
  void partition_countsOnlyThePodsAboveIt() {
    String file =
        w.set(
            STATUS,
            status(1, 3, 2, 1, "web-a", "web-b"),
            "  replicas: 3\n",
            "  replicas: 3\n  updateStrategy: {rollingUpdate: {partition: 1}}\n");

    Cli.Result r = rolloutStatus(file);

    assertThat(r.out())
        .isEqualTo(
            "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been"
                + " updated...\n");
    assertThat(r.code()).isEqualTo(Exit.NO);
  }

  @Test
  void rollingUpdateWithoutABlock_waitsForTheRevisions() {
    String file =
        w.set(
            STATUS,
            status(1, 3, 1, 2, "web-a", "web-b"),
            "  replicas: 3\n",
            "  replicas: 3\n  updateStrategy: {type: RollingUpdate}\n");

    assertThat(rolloutStatus(file).out())
        .isEqualTo(
            "waiting for statefulset rolling update to complete 2 pods at revision web-b...\n");
  }

  @Test
  void rollingUpdateWithoutABlock_completeWhenTheRevisionsMatch() {
    String file =
        w.set(
            STATUS,
            status(1, 3, 3, 3, "web-b", "web-b"),
            "  replicas: 3\n",
            "  replicas: 3\n  updateStrategy: {type: RollingUpdate}\n");

    Cli.Result r = rolloutStatus(file);

    assertThat(r.out())
        .isEqualTo("statefulset rolling update complete 3 pods at revision web-b...\n");
    assertThat(r.code()).isEqualTo(Exit.OK);
  }

  @Test
  void onDelete_isKubectlsError_onStderr_andExits1() {
    String file = w.set("  replicas: 3\n", "  replicas: 3\n  updateStrategy: {type: OnDelete}\n");

    Cli.Result r = rolloutStatus(file);

    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("error: rollout status is only available for RollingUpdate strategy type\n");
    assertThat(r.code()).isEqualTo(Exit.NO);
  }

  @Test
  void badInput_isExit2() {
    String file = w.set("replicas: 3", "replicas: -1");

    Cli.Result r = rolloutStatus(file);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ": StatefulSet \"web\": spec.replicas: Invalid value: -1: must be greater than or"
                + " equal to 0\n");
  }

  @Test
  void missingOption_isBadUsage() {
    Cli.Result r = Cli.run("rollout-status", Cli.file("web/web.yaml"));

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err()).startsWith("error: ").endsWith(" (see 'ordinal rollout-status --help')\n");
  }
}
