package dev.ordinal.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script commands, their output and their errors. */
class ScenarioRunnerTest {

  @TempDir Path dir;

  @BeforeEach
  void manifests() throws IOException {
    for (String f : new String[] {"web.yaml", "web-parallel.yaml"}) {
      try (var in = Tutorial.class.getResourceAsStream("tutorial/" + f)) {
        Files.write(dir.resolve(f), in.readAllBytes());
      }
    }
  }

  private String run(String script) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ScenarioRunner.run(script, "test.sh", dir, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsAFile_relativeNamesFromItsFolder() throws IOException {
    Path script = dir.resolve("s.sh");
    Files.writeString(script, "# a comment\n\nkubectl apply -f web.yaml   # trailing\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ScenarioRunner.Result r =
        ScenarioRunner.run(script, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "$ kubectl apply -f web.yaml   # trailing\nservice/nginx created\nstatefulset.apps/web created\n");
    assertThat(r.commands()).isEqualTo(1);
    assertThat(r.lastSettle().isSettled()).isTrue();
  }

  @Test
  void reapply_isUnchangedAndCreateOfAnExistingObjectFails() {
    String out = run("kubectl apply -f web.yaml\nkubectl apply -f web.yaml\nkubectl create -f web.yaml\n");
    assertThat(out)
        .contains("$ kubectl apply -f web.yaml\nservice/nginx unchanged\nstatefulset.apps/web unchanged\n")
        .contains("Error from server (AlreadyExists): error when creating \"web.yaml\": ");
  }

  @Test
  void get_outputsNameJsonpathYamlAndWide() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "kubectl get pods -o name\n"
                + "kubectl get pod web-0 -o jsonpath={.spec.containers[0].image}\n"
                + "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'\n"
                + "kubectl get sts web -o yaml\n"
                + "kubectl get po -o wide\n"
                + "kubectl get sts/web -o wide\n"
                + "kubectl get svc nginx -o json\n");
    assertThat(out)
        .contains("$ kubectl get pods -o name\npod/web-0\npod/web-1\n")
        .contains("k8s.gcr.io/nginx-slim:0.8\n$ ")
        .contains("web-0\nweb-1\n$ kubectl get sts web -o yaml")
        .contains("kind: StatefulSet", "readyReplicas: 2")
        .contains("NAME    READY   STATUS    RESTARTS   AGE   IP ")
        .contains("NAME   READY   AGE   CONTAINERS   IMAGES\nweb    2/2  ")
        .contains("\"clusterIP\" : \"None\"");
  }

  @Test
  void get_missingObjectIsKubectlsErrorAndTheScriptGoesOn() {
    String out = run("kubectl get pod web-9\nkubectl get pods\necho done\n");
    assertThat(out)
        .isEqualTo(
            "$ kubectl get pod web-9\nError from server (NotFound): pods \"web-9\" not found\n"
                + "$ kubectl get pods\nNo resources found in default namespace.\n"
                + "$ echo done\ndone\n");
  }

  @Test
  void patch_mergeAndJsonAndStrategicChangeTheSpec() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "kubectl patch sts web --type=merge -p '{\"spec\":{\"replicas\":3}}'\n"
                + "kubectl patch sts web --type json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]'\n"
                + "kubectl patch sts web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:2\"}]}}}}'\n"
                + "kubectl patch sts web -p '{\"spec\":{\"replicas\":1}}'\n"
                + "kubectl get pods -o name\n"
                + "kubectl get sts web -o jsonpath={.spec.template.spec.containers[0].volumeMounts[0].name}\n"
                + "kubectl get pod web-0 --template '{{range .spec.containers}}{{.image}}{{end}}'\n");
    assertThat(out)
        .contains("statefulset.apps/web patched (no change)\n")
        .contains("$ kubectl get pods -o name\npod/web-0\n$ ")
        // the strategic patch merged the container by name: its volume mount is kept
        .contains("www\n$ ")
        .endsWith("nginx:2");
  }

  @Test
  void patch_badJsonIsReportedAndMissingSetIsNotFound() {
    String out = run("kubectl apply -f web.yaml\nkubectl patch sts web -p '{nope'\nkubectl patch sts other -p '{}'\n");
    assertThat(out)
        .contains("error: unable to parse \"{nope\"")
        .contains("Error from server (NotFound): statefulsets.apps \"other\" not found\n");
  }

  @Test
  void rolloutStatus_onTheSameLineAsTheChange_printsProgress() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "kubectl patch sts web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:2\"}]'; kubectl rollout status sts/web\n");
    assertThat(out)
        .contains("Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...\n")
        .contains("partitioned roll out complete: 2 new pods have been updated...\n");
  }

  @Test
  void brokenImage_blocksTheRolloutAndRolloutStatusTimesOut() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "sim break-image nginx:2\n"
                + "kubectl patch sts web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:2\"}]'\n"
                + "kubectl rollout status sts/web\n"
                + "kubectl get pods\n");
    assertThat(out).contains("error: timed out waiting for the condition\n").contains("web-1   0/1 ");
  }

  @Test
  void execCurl_isForbiddenWithoutAnIndexFile_andCatReadsWhatEchoWrote() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "kubectl exec web-0 -- curl localhost\n"
                + "kubectl exec web-0 -- sh -c 'echo hello > /tmp/x; cat /tmp/x'\n");
    assertThat(out)
        .contains("<head><title>403 Forbidden</title></head>")
        .contains("$ kubectl exec web-0 -- sh -c 'echo hello > /tmp/x; cat /tmp/x'\nhello\n");
  }

  @Test
  void deleteClaimSleepAndSimControls_runInOrder() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "kubectl scale statefulset web --replicas=1\n"
                + "kubectl delete pvc www-web-1\n"
                + "sleep 2m\n"
                + "sim fail web-0\n"
                + "kubectl get pvc\n"
                + "kubectl get pods\n"
                + "kubectl delete sts web --cascade=orphan\n"
                + "kubectl delete svc nginx\n");
    assertThat(out)
        .contains("persistentvolumeclaim \"www-web-1\" deleted\n")
        .doesNotContain("www-web-1   Bound")
        .contains("web-0   1/1     Running   0 ")
        .contains("statefulset.apps \"web\" deleted\n")
        .contains("service \"nginx\" deleted\n");
  }

  @Test
  void watch_printsChangesInterleavedWithLaterCommands() {
    String out = run("kubectl get pods -l app=nginx -w\nkubectl apply -f web-parallel.yaml\necho after\n");
    assertThat(out)
        .startsWith("$ kubectl get pods -l app=nginx -w\n$ kubectl apply -f web-parallel.yaml\n"
            + "service/nginx created\nstatefulset.apps/web created\nNAME    READY   STATUS    RESTARTS   AGE\n"
            + "web-0   0/1     Pending   0          0s\n")
        .endsWith("$ echo after\nafter\n");
  }

  @Test
  void sameSeed_sameBytes() {
    String script = "kubectl apply -f web.yaml\nkubectl get pvc\nkubectl get pods -o wide\n";
    assertThat(run(script)).isEqualTo(run(script));
  }

  @Test
  void scaleBeyondInt32_isTheApiserversDecodeError_andBeyondInt64_kubectlsFlagError() {
    String out =
        run(
            "kubectl apply -f web.yaml\n"
                + "kubectl scale sts web --replicas=2147483648\n"
                + "kubectl scale sts web --replicas=9223372036854775808\n");
    assertThat(out)
        .contains(
            "Error from server (BadRequest): json: cannot unmarshal number 2147483648 into Go"
                + " struct field ScaleSpec.spec.replicas of type int32\n")
        .contains(
            "error: invalid argument \"9223372036854775808\" for \"--replicas\" flag:"
                + " strconv.ParseInt: parsing \"9223372036854775808\": value out of range\n")
        .doesNotContain("NumberFormatException");
  }

  @Test
  void errors_nameTheFileAndLine() {
    assertError("kubectl apply -f web.yaml\nfrobnicate\n", 2, "unknown command: frobnicate");
    assertError("kubectl get pods --bogus\n", 1, "unknown flag: --bogus (kubectl get)");
    assertError("kubectl get deployments\n", 1, "unknown resource type: deployments");
    assertError("kubectl frob\n", 1, "unknown kubectl command: frob");
    assertError("kubectl scale sts web\n", 1, "--replicas=N is required, with N a number");
    assertError("kubectl get pods | head\n", 1, "shell operator '|' is not supported");
    assertError("for i in 0 1; do echo $i\n", 1, "for loop without 'done'");
    assertError("sleep soon\n", 1, "not a duration: soon (use 30s, 2m, 1h or 1m30s)");
    assertError("kubectl get pods -o table\n", 1, "unknown output format: table (use wide, yaml, json, name, jsonpath=, go-template=)");
    assertError("kubectl apply -f web.yaml\nkubectl exec web-0 -- vi\n", 2, "command not simulated in a pod: vi");
    assertError("kubectl apply -f web.yaml\nsim seed 3\n", 2, "sim seed must come before the first command that changes the cluster");
    assertError("kubectl patch sts web --type=yaml -p '{}'\n", 1, "--type must be one of json, merge or strategic, not \"yaml\"");
  }

  @Test
  void sleepBeyondTheLimit_isOneClearError_notAnOverflow() {
    assertError(
        "sleep 9223372036854775807h\n",
        1,
        "sleep 9223372036854775807h is longer than 87600h (10 years), the limit");
    assertError(
        "sleep 99999999999999999999\n",
        1,
        "sleep 99999999999999999999 is longer than 87600h (10 years), the limit");
    assertThat(Age.parse("87600h")).isEqualTo(java.time.Duration.ofHours(87600));
  }

  @Test
  void deeplyNestedSubstitutions_areBounded_notAStackOverflow() {
    assertError(
        "echo " + "\"$(".repeat(20_000) + "\n",
        1,
        "quotes and $(...) nest deeper than 64 levels, the limit");
  }

  @Test
  void whileLoops_areRefusedClearly() {
    assertError(
        "while true; do sleep 1; done\n",
        1,
        "while loops are not supported: use for VAR in WORDS; do ...; done, or sleep");
  }

  @Test
  void patchErrors_quoteThePatchAsKubectlDoes() {
    String out = run("kubectl apply -f web.yaml\nkubectl patch sts web -p '{\"spec\": nope'\n");
    assertThat(out).contains("error: unable to parse \"{\\\"spec\\\": nope\": ");
  }

  private void assertError(String script, int line, String message) {
    assertThatThrownBy(() -> run(script))
        .isInstanceOf(ScriptException.class)
        .hasMessage("test.sh:" + line + ": " + message)
        .satisfies(e -> assertThat(((ScriptException) e).line()).isEqualTo(line));
  }

  @Test
  void busyboxShell_substitutesItsOwnCommands() {
    // The shell's pod is not a pod of the simulated cluster: $(hostname) is busybox's hostname.
    assertThat(
            run(
                "kubectl run -it --image busybox dns-test --restart=Never --rm\n"
                    + "echo \"I am $(hostname)\"\n"
                    + "echo $(exit; hostname)x\n"
                    + "exit\n"))
        .isEqualTo(
            "$ kubectl run -it --image busybox dns-test --restart=Never --rm\n"
                + "If you don't see a command prompt, try pressing enter.\n"
                + "$ echo \"I am $(hostname)\"\nI am dns-test\n"
                + "$ echo $(exit; hostname)x\nx\n"
                + "$ exit\npod \"dns-test\" deleted\n");
  }

  @Test
  void loops_substituteVariables() {
    assertThat(run("for i in a b; do echo \"web-$i\"; echo ${i}x '$i'; done\n"))
        .isEqualTo("$ for i in a b; do echo \"web-$i\"; echo ${i}x '$i'; done\nweb-a\nax $i\nweb-b\nbx $i\n");
  }
}
