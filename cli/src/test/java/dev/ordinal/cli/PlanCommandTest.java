package dev.ordinal.cli;

import static dev.ordinal.cli.Manifests.IMAGE_V1;
import static dev.ordinal.cli.Manifests.IMAGE_V2;
import static dev.ordinal.cli.Manifests.V2;
import static dev.ordinal.cli.Manifests.revision;
import static dev.ordinal.cli.Manifests.v1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.cli.Manifests.Pod;
import dev.ordinal.cli.Manifests.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordinal plan}: the text of a plan, and every option. */
class PlanCommandTest {

  private static final String STATUS_3_READY =
      "replicas=3 ready=3 current=3 updated=3 available=3 currentRevision=web-7c8fc9b8d5"
          + " updateRevision=web-7c8fc9b8d5 observedGeneration=1 collisionCount=0";

  private static final String NO_NOW =
      "warning: no --now: the sync happens at 2025-01-02T03:00:10Z, the latest time found in the"
          + " input, not the current time\n";

  /** The set alone, whose status counts one replica, and no --now. */
  private static final String NO_PODS_NO_NOW =
      "warning: the status says 1 replicas (0 ready) but 0 pods were given: the plan treats the"
          + " others as gone and creates them and their claims again (give the Pods: kubectl get"
          + " pods -o yaml)\n"
          + "warning: no --now: the sync happens at 2025-01-02T03:00:00Z, the latest time found in"
          + " the input, not the current time\n";

  /**
   * What each scenario warns of on stderr, as any plan on partial input does: {@link #NO_NOW} for
   * those not named here. The warnings never change the plan.
   */
  private static final Map<String, String> WARNINGS =
      Map.of(
          "fromScratch", NO_PODS_NO_NOW,
          "parallel", NO_PODS_NO_NOW,
          "minReadySeconds", "",
          "minReadySecondsAnyTime", "");

  @TempDir Path dir;

  private Map<String, List<String>> scenarios;

  @BeforeEach
  void writeScenarios() {
    scenarios = Scenarios.all(dir);
  }

  /**
   * Runs a scenario with extra arguments and returns what it printed, checking it succeeded with
   * the scenario's {@link #WARNINGS}.
   */
  private String plan(String scenario, String... extra) {
    List<String> args = new java.util.ArrayList<>(scenarios.get(scenario));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertThat(r.err()).isEqualTo(WARNINGS.getOrDefault(scenario, NO_NOW));
    assertThat(r.code()).isEqualTo(Exit.OK);
    return r.out();
  }

  @Test
  @Tag("R-ORDER-2")
  void fromScratch_createsTheRevisionTheFirstClaimAndPod_andStops() {
    assertThat(plan("fromScratch"))
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:00:00Z (Kubernetes 1.35):
            1. create revision web-7c8fc9b8d5 (number 1)
            2. create claim www-web-0
            3. create pod web-0 (revision web-7c8fc9b8d5, image registry.k8s.io/nginx-slim:0.8)
            4. write status: replicas=0 ready=0 current=0 updated=0 available=0\
             currentRevision=web-7c8fc9b8d5 updateRevision=web-7c8fc9b8d5 observedGeneration=1\
             collisionCount=0
            events:
              Normal SuccessfulCreate: Create Claim www-web-0 Pod web-0 in StatefulSet web success
              Normal SuccessfulCreate: Create Pod web-0 in StatefulSet web successful
            stops: created web-0; OrderedReady creates one pod per sync and waits for it to be\
             Running and Ready (R-ORDER-2)
            """);
  }

  @Test
  @Tag("R-ORDER-5")
  void tutorialFixtures_waitForTheUnreadyPod() {
    String web = Cli.file("web/web.yaml");

    Cli.Result r =
        Cli.run(
            "plan",
            "--statefulset",
            web,
            "--pods",
            Cli.file("web/pods.yaml"),
            "--claims",
            Cli.file("web/claims.yaml"),
            "--revisions",
            Cli.file("web/revisions.yaml"));

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:00:11Z (Kubernetes 1.35):
            1. write status: replicas=2 ready=1 current=2 updated=2 available=1\
             currentRevision=web-7c8fc9b8d5 updateRevision=web-7c8fc9b8d5 observedGeneration=1\
             collisionCount=0
            stops: web-1 is not Running and Ready; OrderedReady waits (R-ORDER-5)
            """);
  }

  @Test
  void converged_hasNoActions_andSaysTheStatusIsUnchanged() {
    assertThat(plan("converged"))
        .isEqualTo(
            "plan for StatefulSet default/web at 2025-01-02T03:00:10Z (Kubernetes 1.35):\n"
                + "no actions\n"
                + "status unchanged: "
                + STATUS_3_READY
                + "\n"
                + "runs to the end\n");
  }

  @Test
  @Tag("R-UPDATE-5")
  void rollingUpdate_deletesUpToMaxUnavailablePods() {
    assertThat(plan("rollingUpdate"))
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:00:10Z (Kubernetes 1.35):
            1. create revision web-7d568b457d (number 2)
            2. delete pod web-2 (update to revision web-7d568b457d)
            3. delete pod web-1 (update to revision web-7d568b457d)
            4. write status: replicas=3 ready=3 current=1 updated=0 available=3\
             currentRevision=web-7c8fc9b8d5 updateRevision=web-7d568b457d observedGeneration=1\
             collisionCount=0
            events:
              Normal SuccessfulDelete: Delete Pod web-2 in StatefulSet web successful
              Normal SuccessfulDelete: Delete Pod web-1 in StatefulSet web successful
            stops: deleting 2 pod(s) for the update to web-7d568b457d (maxUnavailable 2, 0\
             unavailable) (R-UPDATE-5)
            """);
  }

  @Test
  @Tag("R-UPDATE-3")
  void kubernetes134_updatesOnePodAtATime() {
    assertThat(plan("rollingUpdate", "--kubernetes", "1.34"))
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:00:10Z (Kubernetes 1.34):
            1. create revision web-7d568b457d (number 2)
            2. delete pod web-2 (update to revision web-7d568b457d)
            3. write status: replicas=3 ready=3 current=2 updated=0 available=3\
             currentRevision=web-7c8fc9b8d5 updateRevision=web-7d568b457d observedGeneration=1\
             collisionCount=0
            events:
              Normal SuccessfulDelete: delete Pod web-2 in StatefulSet web successful
            stops: deleting web-2 for the update to web-7d568b457d; one pod at a time, highest\
             ordinal first (R-UPDATE-3)
            """);
  }

  @Test
  void kubernetes_acceptsALeadingV_andDefaultsTo135() {
    assertThat(plan("rollingUpdate", "--kubernetes", "v1.34"))
        .isEqualTo(plan("rollingUpdate", "--kubernetes", "1.34"));
    assertThat(plan("rollingUpdate")).isEqualTo(plan("rollingUpdate", "--kubernetes", "1.35"));
  }

  @Test
  void kubernetes_unsupportedRelease_isBadUsage() {
    Cli.Result r = Cli.run("plan", "--statefulset", "web.yaml", "--kubernetes", "1.33");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: Invalid value for option '--kubernetes': '1.33' is not a supported release:"
                + " use 1.35 or 1.34 (see 'ordinal plan --help')\n");
  }

  @Test
  void onDeleteCompletesRollout_advancesCurrentRevision() {
    Workspace w = new Workspace(dir);
    String[] args = {
      "plan",
      "--statefulset",
      w.set(
          IMAGE_V1,
          IMAGE_V2,
          "  replicas: 3\n",
          "  replicas: 3\n  updateStrategy: {type: OnDelete}\n"),
      "--revisions",
      w.revisions(v1(), revision(V2, 2, IMAGE_V2, true)),
      "--pods",
      w.pods(Pod.of(0).revision(V2), Pod.of(1).revision(V2), Pod.of(2).revision(V2)),
      "--claims",
      w.claims(3)
    };

    String without = Cli.run(args).out();
    String with = Cli.run(append(args, "--on-delete-completes-rollout")).out();

    assertThat(without)
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:00:10Z (Kubernetes 1.35):
            1. write status: replicas=3 ready=3 current=0 updated=3 available=3\
             currentRevision=web-7c8fc9b8d5 updateRevision=web-7d568b457d observedGeneration=1\
             collisionCount=0
            runs to the end
            """);
    assertThat(with)
        .isEqualTo(
            """
            plan for StatefulSet default/web at 2025-01-02T03:00:10Z (Kubernetes 1.35, OnDelete\
             completes rollouts):
            1. write status: replicas=3 ready=3 current=3 updated=3 available=3\
             currentRevision=web-7d568b457d updateRevision=web-7d568b457d observedGeneration=1\
             collisionCount=0
            runs to the end
            """);
  }

  @Test
  void rollback_renumbersTheOlderRevision() {
    assertThat(plan("rollback"))
        .isEqualTo(
            "plan for StatefulSet default/web at 2025-01-02T03:00:10Z (Kubernetes 1.35):\n"
                + "1. renumber revision web-7c8fc9b8d5 to 3 (a rollback to it)\n"
                + "2. write status: "
                + STATUS_3_READY
                + "\n"
                + "runs to the end\n");
  }

  @Test
  void orphanRevision_isAdopted() {
    assertThat(plan("orphanRevision")).contains("\n1. adopt revision web-7c8fc9b8d5\n");
  }

  @Test
  void history_beyondTheLimit_isDeletedAfterTheStatusWrite() {
    assertThat(plan("history"))
        .contains(
            "\n1. write status: "
                + STATUS_3_READY
                + "\n2. delete revision web-7d568b457d (beyond revisionHistoryLimit)\n");
  }

  @Test
  void orphanPod_isAdopted() {
    assertThat(plan("orphanPod"))
        .contains(
            "\n1. adopt pod web-0\n"
                + "2. create pod web-1 (revision web-7c8fc9b8d5, image"
                + " registry.k8s.io/nginx-slim:0.8)\n");
  }

  @Test
  @Tag("R-ORDER-10")
  void podNoLongerSelected_isReleased() {
    assertThat(plan("releasePod"))
        .contains("\n1. release pod web-1 (no longer selected)\n")
        .endsWith(
            "stops: web-1 already exists but is not managed by web; its creation fails with"
                + " AlreadyExists until that pod is gone (R-ORDER-10)\n"
                // Upstream's sync returns CreateStatefulPod's AlreadyExists (R-ORDER-10).
                + "fails: pods \"web-1\" already exists (R-ORDER-10); the controller retries with"
                + " backoff\n");
  }

  @Test
  void podWithoutItsIdentityLabels_isUpdated() {
    assertThat(plan("repairIdentity")).contains("\n1. update pod web-0\n");
  }

  @Test
  void retentionPolicyDelete_setsTheClaimOwners() {
    assertThat(plan("claimOwners"))
        .contains(
            "\n1. set owners of claim www-web-0: StatefulSet web\n"
                + "2. update pod web-0\n"
                + "3. set owners of claim www-web-1: StatefulSet web\n");
  }

  @Test
  @Tag("R-ORDER-1")
  void failedPod_isDeleted() {
    assertThat(plan("failedPod"))
        .contains("\n1. delete pod web-1 (Failed or Succeeded; created again on a later sync)\n")
        .endsWith(
            "stops: web-1 is Failed; it is deleted and created again on a later sync"
                + " (R-ORDER-1)\n");
  }

  @Test
  @Tag("R-EVENT-1")
  void events_areListedAfterTheActions_asKubectlDescribeShowsThem() {
    assertThat(plan("failedPod"))
        .contains(
            "\nevents:\n  Normal SuccessfulDelete: Delete Pod web-1 in StatefulSet web"
                + " successful\nstops: ");
    assertThat(plan("converged")).doesNotContain("events:");
  }

  @Test
  void scaleDown_deletesTheHighestOrdinal() {
    assertThat(plan("scaleDown")).contains("\n1. delete pod web-2 (scale down)\n");
  }

  @Test
  @Tag("R-ORDER-10")
  @Tag("R-ADOPT-3")
  void anomalies_areListedAfterTheStop() {
    assertThat(plan("foreignController"))
        .endsWith(
            "(R-ORDER-10)\n"
                + "fails: pods \"web-0\" already exists (R-ORDER-10); the controller retries with"
                + " backoff\n"
                + "anomaly: web-0: controlled by another owner (StatefulSet web); left alone"
                + " (R-ADOPT-3)\n");
  }

  @Test
  @Tag("R-ORDER-6")
  void minReadySeconds_saysWhenToLookAgain() {
    assertThat(plan("minReadySeconds"))
        .startsWith(
            "plan for StatefulSet default/web at 2025-01-02T03:00:15.500Z (Kubernetes 1.35):\n")
        .endsWith(
            "stops: web-0 has not been Ready for minReadySeconds (10s); OrderedReady waits"
                + " (R-ORDER-6)\n"
                + "look again in 4.5s\n");
  }

  @Test
  void parallel_showsWhereTheSlowStartBatchesBegin() {
    assertThat(plan("parallel"))
        .contains("\n7. create pod web-2 (")
        .endsWith(
            "slow-start batches begin at actions 2, 4, 8 (no batch starts after one in which an"
                + " action failed)\n"
                + "runs to the end\n");
  }

  @Test
  void now_overridesTheTimeInTheInputs() {
    List<String> args = scenarios.get("minReadySeconds");
    // The scenario ends in its own --now and time.
    scenarios.put("minReadySecondsAnyTime", args.subList(0, args.size() - 2));

    // web-0 has been Ready since 03:00:10Z.
    assertThat(plan("minReadySecondsAnyTime", "--now", "2025-01-02T04:00:12+01:00"))
        .startsWith("plan for StatefulSet default/web at 2025-01-02T03:00:12Z")
        .contains(" available=0 ")
        .endsWith("look again in 8s\n");
    assertThat(plan("minReadySecondsAnyTime", "--now", "2025-01-02T03:00:20Z"))
        .contains(" available=3 ")
        .endsWith("runs to the end\n");
  }

  @Test
  void now_notRfc3339_isBadUsage() {
    Cli.Result r = Cli.run("plan", "--statefulset", "web.yaml", "--now", "2025-01-02 03:00:00");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: Invalid value for option '--now': '2025-01-02 03:00:00' is not an RFC 3339"
                + " date-time with an offset, such as 2025-01-02T03:04:05Z (see 'ordinal plan"
                + " --help')\n");
  }

  @Test
  void defaultNow_isTheLatestCreationOrReadyTimeOfTheInputs_notADeletionTime() {
    Workspace w = new Workspace(dir);
    Pod late = Pod.of(1).notReady().readySince("2025-01-02T03:07:00Z");
    late.deleted("2025-01-02T09:00:00Z");

    String out =
        Cli.run(
                "plan",
                "--statefulset",
                w.set(),
                "--pods",
                w.pods(Pod.of(0), late),
                "--revisions",
                w.revisions(v1()))
            .out();

    assertThat(out).startsWith("plan for StatefulSet default/web at 2025-01-02T03:07:00Z ");
  }

  @Test
  void defaultNow_withoutAnyTimeInTheInputs_isTheClockInWholeSeconds() {
    Workspace w = new Workspace(dir);
    String set = w.set("  creationTimestamp: \"2025-01-02T03:00:00Z\"\n", "");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    String out = Cli.run("plan", "--statefulset", set).out();

    Instant after = Instant.now();
    String heading = out.substring(0, out.indexOf('\n'));
    Instant printed =
        Instant.parse(heading.replaceAll(".* at (\\S+) \\(Kubernetes 1.35\\):", "$1"));
    assertThat(printed).isBetween(before, after);
    assertThat(printed.getNano()).isZero();
  }

  @Test
  void output_text_isTheDefault() {
    assertThat(plan("fromScratch", "-o", "text")).isEqualTo(plan("fromScratch"));
    assertThat(plan("fromScratch", "--output", "text")).isEqualTo(plan("fromScratch"));
  }

  @Test
  void output_json_isJson() {
    assertThat(plan("fromScratch", "-o", "json"))
        .startsWith("{\n  \"schemaVersion\": 1,\n  \"statefulSet\": {\n")
        .endsWith("\n}\n");
  }

  @Test
  void output_unknownFormat_isBadUsage() {
    Cli.Result r = Cli.run("plan", "--statefulset", "web.yaml", "-o", "yaml");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: Invalid value for option '--output': 'yaml' is not an output format: use text"
                + " or json (see 'ordinal plan --help')\n");
  }

  @Test
  void inputs_mayBeSplitOverRepeatedOptions_inAnyForm() {
    Workspace w = new Workspace(dir);
    String together = plan("converged");
    List<String> args = scenarios.get("converged");
    String set = args.get(2);
    String revisions = args.get(4);

    Cli.Result r =
        Cli.run(
            "plan",
            "--statefulset",
            set,
            "--revisions",
            revisions,
            "--pods",
            w.pods(Pod.of(0)),
            "--pods",
            w.text(Pod.of(1).yaml() + "---\n" + Pod.of(2).yaml()),
            "--claims",
            w.text(Manifests.claim(0)),
            "--claims",
            w.text(Manifests.list(List.of(Manifests.claim(1), Manifests.claim(2)))));

    assertThat(r.err()).isEqualTo(NO_NOW);
    assertThat(r.out()).isEqualTo(together);
  }

  @Test
  void inputs_inJson_areReadToo() {
    Workspace w = new Workspace(dir);
    String json =
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\","
            + " \"kind\": \"PersistentVolumeClaim\", \"metadata\": {\"name\": \"www-web-0\","
            + " \"namespace\": \"default\"}}]}";

    Cli.Result r =
        Cli.run(
            "plan",
            "--statefulset",
            w.set(),
            "--claims",
            w.text(json),
            "--revisions",
            w.revisions(v1()),
            "--now",
            "2025-01-02T03:00:00Z");

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out()).contains("\n1. create pod web-0 (").doesNotContain("create claim");
  }

  @Test
  void theStatefulSetFile_mayHoldOtherKinds() {
    // web.yaml holds the governing Service first.
    assertThat(Cli.text("web/web.yaml")).startsWith("#").contains("kind: Service");
    assertThat(plan("fromScratch")).contains("create pod web-0");
  }

  @Test
  void strict_refusesPartialInputGivenByKind() {
    Cli.Result r = Cli.run(append(scenarios.get("converged").toArray(new String[0]), "--strict"));

    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: partial input (--strict): no --now: the sync happens at 2025-01-02T03:00:10Z,"
                + " the latest time found in the input, not the current time\n");
  }

  @Test
  void strict_plansCompleteInputGivenByKind() {
    List<String> args = new java.util.ArrayList<>(scenarios.get("converged"));
    args.addAll(List.of("--now", "2025-01-02T03:00:10Z", "--strict"));

    Cli.Result r = Cli.run(args.toArray(new String[0]));

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out()).isEqualTo(plan("converged"));
  }

  private static String[] append(String[] args, String... more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, out, args.length, more.length);
    return out;
  }
}
