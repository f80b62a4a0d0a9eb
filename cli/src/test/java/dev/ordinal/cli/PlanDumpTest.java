package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ordinal plan -f}: whole {@code kubectl get … -o yaml} dumps (every kind in one List,
 * managedFields and status included), standard input, {@code --name}, and what a plan on partial
 * input says. The fixtures in {@code dump/} are shaped as a 1.37 cluster prints them.
 */
class PlanDumpTest {

  private static final String ROLLED_OUT = Cli.file("dump/web-rolled-out.yaml");
  private static final String NO_REVISIONS = Cli.file("dump/web-no-revisions.yaml");
  private static final String NO_PODS = Cli.file("dump/web-no-pods.yaml");
  private static final String DB = Cli.file("dump/db.yaml");
  private static final String NOW = "2025-01-02T03:01:00Z";

  @TempDir Path dir;

  private static final String WEB_STATUS =
      "replicas=3 ready=3 current=3 updated=3 available=3 currentRevision=web-847b47bbbc"
          + " updateRevision=web-847b47bbbc observedGeneration=1 collisionCount=0";

  private static final String REVISIONS_GAP =
      "pods name revision web-847b47bbbc, which was not given (web-0, web-1, web-2): the plan"
          + " counts them as of no known revision, so it may replace them and reports"
          + " currentRevision from what it was given (give the ControllerRevisions: kubectl get"
          + " controllerrevisions -o yaml)";

  private static final String PODS_GAP =
      "the status says 3 replicas (3 ready) but 0 pods were given: the plan treats the others as"
          + " gone and creates them and their claims again (give the Pods: kubectl get pods -o"
          + " yaml)";

  @Test
  void wholeDump_ofARolledOutSet_plansNothing() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT, "--now", NOW);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            "plan for StatefulSet default/web at 2025-01-02T03:01:00Z (Kubernetes 1.35):\n"
                + "no actions\n"
                + "status unchanged: "
                + WEB_STATUS
                + "\n"
                + "runs to the end\n");
  }

  @Test
  void withoutNow_saysWhenTheSyncHappens() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT);
    assertThat(r.err())
        .isEqualTo(
            "warning: no --now: the sync happens at 2025-01-02T03:00:30Z, the latest time found"
                + " in the input, not the current time\n");
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .startsWith(
            "plan for StatefulSet default/web at 2025-01-02T03:00:30Z (Kubernetes 1.35):\n");
  }

  @Test
  void standardInput_isReadForDash() {
    InputStream saved = Dump.stdin;
    try {
      byte[] dump = Cli.text("dump/web-rolled-out.yaml").getBytes(StandardCharsets.UTF_8);
      Dump.stdin = new ByteArrayInputStream(dump);
      Cli.Result r = Cli.run("plan", "-f", "-", "--now", NOW);
      assertThat(r.err()).isEmpty();
      assertThat(r.code()).isEqualTo(Exit.OK);
      assertThat(r.out())
          .isEqualTo(
              "plan for StatefulSet default/web at 2025-01-02T03:01:00Z (Kubernetes 1.35):\n"
                  + "no actions\n"
                  + "status unchanged: "
                  + WEB_STATUS
                  + "\n"
                  + "runs to the end\n");
    } finally {
      Dump.stdin = saved;
    }
  }

  @Test
  void severalSets_withoutName_isAnErrorListingThem() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT, "-f", DB, "--now", NOW);
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + ROLLED_OUT
                + ", "
                + DB
                + ": 2 StatefulSets found (default/web, default/db): pick one with --name\n");
  }

  @Test
  void name_picksTheSet_andOnlyThePodsItsSelectorMatches() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT, "-f", DB, "--name", "db", "--now", NOW);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            """
            plan for StatefulSet default/db at 2025-01-02T03:01:00Z (Kubernetes 1.35):
            1. create revision db-84bdbdc577 (number 1)
            2. create claim www-db-0
            3. create pod db-0 (revision db-84bdbdc577, image registry.k8s.io/nginx-slim:0.8)
            status unchanged: replicas=0 ready=0 current=0 updated=0 available=0\
             currentRevision=db-84bdbdc577 updateRevision=db-84bdbdc577 observedGeneration=1\
             collisionCount=0
            events:
              Normal SuccessfulCreate: Create Claim www-db-0 Pod db-0 in StatefulSet db success
              Normal SuccessfulCreate: Create Pod db-0 in StatefulSet db successful
            stops: created db-0; OrderedReady creates one pod per sync and waits for it to be\
             Running and Ready (R-ORDER-2)
            """);
  }

  @Test
  void unknownName_isAnErrorListingTheSets() {
    Cli.Result r = Cli.run("plan", "-f", DB, "--name", "web");
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("error: " + DB + ": no StatefulSet named \"web\": found default/db\n");
  }

  @Test
  void noRevisions_warnsThatPodsNameARevisionNotGiven() {
    Cli.Result r = Cli.run("plan", "-f", NO_REVISIONS, "--now", NOW);
    assertThat(r.err()).isEqualTo("warning: " + REVISIONS_GAP + "\n");
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            "plan for StatefulSet default/web at 2025-01-02T03:01:00Z (Kubernetes 1.35):\n"
                + "1. create revision web-847b47bbbc (number 1)\n"
                + "status unchanged: "
                + WEB_STATUS
                + "\n"
                + "runs to the end\n");
  }

  @Test
  void noPods_warnsThatTheStatusContradictsThem() {
    Cli.Result r = Cli.run("plan", "-f", NO_PODS, "--now", NOW);
    assertThat(r.err()).isEqualTo("warning: " + PODS_GAP + "\n");
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:01:00Z (Kubernetes 1.35):
            1. create claim www-web-0
            2. create pod web-0 (revision web-847b47bbbc, image registry.k8s.io/nginx-slim:0.8)
            3. write status: replicas=0 ready=0 current=0 updated=0 available=0\
             currentRevision=web-847b47bbbc updateRevision=web-847b47bbbc observedGeneration=1\
             collisionCount=0
            events:
              Normal SuccessfulCreate: Create Claim www-web-0 Pod web-0 in StatefulSet web success
              Normal SuccessfulCreate: Create Pod web-0 in StatefulSet web successful
            stops: created web-0; OrderedReady creates one pod per sync and waits for it to be\
             Running and Ready (R-ORDER-2)
            """);
  }

  @Test
  void strict_refusesPartialInput() {
    Cli.Result r = Cli.run("plan", "-f", NO_REVISIONS, "--now", NOW, "--strict");
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err()).isEqualTo("error: partial input (--strict): " + REVISIONS_GAP + "\n");
  }

  @Test
  void strict_withoutNow_isAnError() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT, "--strict");
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: partial input (--strict): no --now: the sync happens at"
                + " 2025-01-02T03:00:30Z, the latest time found in the input, not the current"
                + " time\n");
  }

  @Test
  void strict_withCompleteInput_plans() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT, "--now", NOW, "--strict");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.OK);
  }

  @Test
  void dumpAndStatefulSetOption_isBadUsage() {
    Cli.Result r = Cli.run("plan", "-f", ROLLED_OUT, "--statefulset", Cli.file("web/web.yaml"));
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: --filename=FILE, --statefulset=FILE are mutually exclusive (specify only one)"
                + " (see 'ordinal plan --help')\n");
  }

  /** The rolled-out dump with fields of a release after 1.37 in the set, a pod and a revision. */
  private static String newerCluster() {
    return Cli.text("dump/web-rolled-out.yaml")
        .replaceFirst("\n    generation: 1\n", "\n    generation: 1\n    futureMetaField: x\n")
        .replaceFirst(
            "\n    podManagementPolicy: OrderedReady\n",
            "\n    podManagementPolicy: OrderedReady\n    futureSpecField: {enabled: true}\n")
        .replaceFirst(
            "\n    availableReplicas: 3\n",
            "\n    availableReplicas: 3\n    futureStatusField: 7\n")
        .replaceFirst("\n    phase: Running\n", "\n    phase: Running\n    futurePodField: x\n")
        .replaceFirst(
            "\n  kind: ControllerRevision\n", "\n  kind: ControllerRevision\n  futureField: 1\n");
  }

  @Test
  void newerClustersFields_areIgnoredAndNamed_andThePlanIsTheSame() throws IOException {
    String newer = newerCluster();
    assertThat(newer).contains("futureMetaField", "futureSpecField", "futureStatusField");
    assertThat(newer).contains("futurePodField", "  futureField: 1");
    Path file = dir.resolve("newer.yaml");
    Files.writeString(file, newer, StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("plan", "-f", file.toString(), "--now", NOW, "--strict");

    String set = "warning: " + file + ": StatefulSet \"web\": unknown field ";
    assertThat(r.err())
        .isEqualTo(
            set
                + "\"metadata.futureMetaField\"\n"
                + set
                + "\"spec.futureSpecField\"\n"
                + set
                + "\"status.futureStatusField\"\n");
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out()).isEqualTo(Cli.run("plan", "-f", ROLLED_OUT, "--now", NOW).out());
    assertThat(r.out())
        .isEqualTo(
            "plan for StatefulSet default/web at 2025-01-02T03:01:00Z (Kubernetes 1.35):\n"
                + "no actions\n"
                + "status unchanged: "
                + WEB_STATUS
                + "\n"
                + "runs to the end\n");
  }

  @Test
  void newerClustersFields_areStillRejectedByValidate() throws IOException {
    Path file = dir.resolve("newer.yaml");
    Files.writeString(file, newerCluster(), StandardCharsets.UTF_8);

    Cli.Result r = Cli.run("validate", file.toString());

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ": StatefulSet \"web\": metadata.futureMetaField: Invalid value: \"x\": unknown"
                + " field (and 1 more)\n");
  }
}
