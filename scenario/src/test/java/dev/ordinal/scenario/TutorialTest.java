package dev.ordinal.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays the bundled tutorial and checks what each section of the seed tutorial shows. */
class TutorialTest {

  private static final long SEED = 7;
  private static String all;

  @BeforeAll
  static void replay() {
    all = run(Tutorial.ALL, SEED);
  }

  static String run(String section, long seed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Tutorial.run(section, seed, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Returns the output of a section: from the echo of its first command to the next section's. */
  static String section(String name) {
    List<String> sections = Tutorial.sections();
    int index = sections.indexOf(name);
    int before = 0;
    for (int i = 0; i < index; i++) {
      before += commands(sections.get(i));
    }
    int start = echo(before);
    int end = index + 1 < sections.size() ? echo(before + commands(name)) : all.length();
    return all.substring(start, end);
  }

  /** Returns the offset of the n-th (0-based) command echo in the whole output. */
  private static int echo(int n) {
    int at = all.startsWith("$ ") ? 0 : all.indexOf("\n$ ") + 1;
    for (int i = 0; i < n; i++) {
      at = all.indexOf("\n$ ", at) + 1;
    }
    return at;
  }

  /** Returns how many lines of a section are commands (not comments or blank). */
  private static int commands(String section) {
    List<String> lines = Tutorial.script().lines().toList();
    int count = 0;
    for (int i = lines.indexOf("# section: " + section) + 1;
        i < lines.size() && !lines.get(i).startsWith("# section: ");
        i++) {
      if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) {
        count++;
      }
    }
    return count;
  }

  /** Returns what one command printed: from its echo to the next echo. */
  static String after(String text, String command) {
    int start = text.indexOf("$ " + command + "\n");
    assertThat(start).as("command %s", command).isNotNegative();
    start += command.length() + 3;
    int end = text.indexOf("\n$ ", start - 1);
    return text.substring(start, end < 0 ? text.length() : end + 1);
  }

  @Test
  void sections_areListedInOrder() {
    assertThat(Tutorial.sections())
        .containsExactly(
            "creating-a-statefulset",
            "pods-in-a-statefulset",
            "writing-to-stable-storage",
            "scaling-up",
            "scaling-down",
            "rolling-update",
            "staging-an-update",
            "canary-rollout",
            "phased-rollout",
            "on-delete",
            "non-cascading-delete",
            "cascading-delete",
            "parallel-pod-management",
            "cleanup");
  }

  @Test
  void creation_eachPodRunningAndReadyBeforeTheNextAppears() {
    String s = section("creating-a-statefulset");
    assertThat(after(s, "kubectl apply -f web.yaml"))
        .startsWith("service/nginx created\nstatefulset.apps/web created\n");
    assertThat(s.indexOf("web-1   0/1     Pending")).isGreaterThan(s.indexOf("web-0   1/1     Running"));
    assertThat(s).contains("NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nnginx   ClusterIP   None         <none>        80/TCP");
    assertThat(after(s, "kubectl get statefulset web")).startsWith("NAME   READY   AGE\nweb    2/2     ");
  }

  @Test
  void podsInASet_haveStableHostnamesAndDnsNamesAcrossRecreation() {
    String s = section("pods-in-a-statefulset");
    assertThat(after(s, "for i in 0 1; do kubectl exec \"web-$i\" -- sh -c 'hostname'; done"))
        .isEqualTo("web-0\nweb-1\n");
    assertThat(after(s, "for i in 0 1; do kubectl exec web-$i -- sh -c 'hostname'; done"))
        .isEqualTo("web-0\nweb-1\n");
    assertThat(s)
        .contains("Server:    10.0.0.10\nAddress 1: 10.0.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web-0.nginx\nAddress 1: 10.244.")
        .contains("Name:      web-1.nginx\n")
        .contains("pod \"dns-test\" deleted\n");
    String deleted = after(s, "kubectl delete pod -l app=nginx");
    assertThat(deleted).startsWith("pod \"web-0\" deleted\npod \"web-1\" deleted\n");
    assertThat(deleted.indexOf("web-1   0/1     Pending")).isGreaterThan(deleted.indexOf("web-0   1/1     Running"));
  }

  @Test
  void stableStorage_claimsBoundAndDataServedAfterPodsAreDeleted() {
    String s = section("writing-to-stable-storage");
    assertThat(after(s, "kubectl get pvc -l app=nginx"))
        .startsWith("NAME        STATUS   VOLUME ")
        .containsPattern("www-web-0   Bound    pvc-\\S+   1Gi        RWO            standard")
        .contains("www-web-1   Bound");
    assertThat(after(s, "for i in 0 1; do kubectl exec -it \"web-$i\" -- curl localhost; done"))
        .isEqualTo("web-0\nweb-1\n");
    assertThat(after(s, "for i in 0 1; do kubectl exec -i -t \"web-$i\" -- curl http://localhost/; done"))
        .isEqualTo("web-0\nweb-1\n");
  }

  @Test
  void scaling_upInOrderDownInReverseOneAtATime_claimsKept() {
    String up = section("scaling-up");
    assertThat(up).contains("statefulset.apps/web scaled\n");
    assertThat(up.indexOf("web-3   0/1     Pending")).isGreaterThan(up.indexOf("web-2   1/1     Running"));
    assertThat(up.indexOf("web-4   0/1     Pending")).isGreaterThan(up.indexOf("web-3   1/1     Running"));
    String down = section("scaling-down");
    assertThat(down).contains("statefulset.apps/web patched\n");
    // web-3 starts terminating only after web-4 is gone (its last line).
    assertThat(down.indexOf("web-3   1/1     Terminating"))
        .isGreaterThan(down.lastIndexOf("web-4   0/1     Terminating"));
    assertThat(after(down, "kubectl get pvc -l app=nginx"))
        .contains("www-web-0", "www-web-1", "www-web-2", "www-web-3", "www-web-4");
  }

  @Test
  void rollingUpdate_inReverseOrdinalOrder() {
    String s = section("rolling-update");
    int two = s.indexOf("web-2   1/1     Terminating");
    int one = s.indexOf("web-1   1/1     Terminating");
    int zero = s.indexOf("web-0   1/1     Terminating");
    assertThat(two).isPositive().isLessThan(one);
    assertThat(one).isLessThan(zero);
    assertThat(s)
        .contains(
            "gcr.io/google_containers/nginx-slim:0.8\ngcr.io/google_containers/nginx-slim:0.8\n"
                + "gcr.io/google_containers/nginx-slim:0.8\n")
        .containsPattern("statefulset rolling update complete 3 pods at revision web-\\w+\\.\\.\\.\n");
  }

  @Test
  void partitions_stageCanaryAndPhaseTheRollout() {
    String staged = section("staging-an-update");
    assertThat(after(staged, "kubectl get pod web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'"))
        .isEqualTo("gcr.io/google_containers/nginx-slim:0.8\n");
    String canary = section("canary-rollout");
    assertThat(after(canary, "kubectl get po web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'"))
        .isEqualTo("k8s.gcr.io/nginx-slim:0.7\n");
    assertThat(after(canary, "kubectl get pod web-1 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'"))
        .isEqualTo("gcr.io/google_containers/nginx-slim:0.8\n");
    String phased = section("phased-rollout");
    assertThat(phased)
        .contains("k8s.gcr.io/nginx-slim:0.7\nk8s.gcr.io/nginx-slim:0.7\nk8s.gcr.io/nginx-slim:0.7\n")
        .contains("partitioned roll out complete: 3 new pods have been updated...\n");
  }

  @Test
  void onDelete_updatesOnlyTheDeletedPod() {
    String s = section("on-delete");
    assertThat(s)
        .contains("k8s.gcr.io/nginx-slim:0.7\nk8s.gcr.io/nginx-slim:0.7\nk8s.gcr.io/nginx-slim:0.7\n")
        .contains("k8s.gcr.io/nginx-slim:0.7\nk8s.gcr.io/nginx-slim:0.7\nk8s.gcr.io/nginx-slim:0.8\n")
        .contains("error: rollout status is only available for RollingUpdate strategy type\n");
  }

  @Test
  void orphanDelete_keepsPodsAndTheNewSetAdoptsThem() {
    String s = section("non-cascading-delete");
    assertThat(after(s, "kubectl delete statefulset web --cascade=false"))
        .contains("statefulset.apps \"web\" deleted\n")
        .doesNotContain("Terminating");
    assertThat(after(s, "kubectl delete pod web-0")).doesNotContain("Pending");
    String reapplied = after(s, "kubectl apply -f web.yaml");
    assertThat(reapplied).startsWith("service/nginx unchanged\nstatefulset.apps/web created\n");
    // The surplus web-2 goes only once the missing web-0 is back, Running and Ready.
    assertThat(reapplied.indexOf("web-2   1/1     Terminating"))
        .isGreaterThan(reapplied.indexOf("web-0   1/1     Running"));
    assertThat(after(s, "for i in 0 1; do kubectl exec -i -t \"web-$i\" -- curl http://localhost/; done"))
        .isEqualTo("web-0\nweb-1\n");
  }

  @Test
  void cascadingDelete_keepsServiceAndClaims() {
    String s = section("cascading-delete");
    assertThat(after(s, "kubectl delete statefulset web")).contains("web-0   1/1     Terminating", "web-1   1/1     Terminating");
    assertThat(after(s, "kubectl get pvc -l app=nginx")).contains("www-web-0   Bound", "www-web-1   Bound");
    assertThat(s).contains("service \"nginx\" deleted\n");
    assertThat(after(s, "for i in 0 1; do kubectl exec -i -t \"web-$i\" -- curl http://localhost/; done"))
        .isEqualTo("web-0\nweb-1\n");
  }

  @Test
  void parallel_createsAndScalesWithoutWaiting() {
    String s = section("parallel-pod-management");
    assertThat(s.indexOf("web-1   0/1     Pending")).isLessThan(s.indexOf("web-0   1/1     Running"));
    assertThat(s.indexOf("web-3   0/1     Pending")).isLessThan(s.indexOf("web-2   1/1     Running"));
  }

  @Test
  void oneSection_printsOnlyThatSection() {
    String s = run("scaling-up", SEED);
    assertThat(s).startsWith("$ kubectl get pods -w -l app=nginx\n").contains("web-4   1/1     Running");
    assertThat(s).isEqualTo(section("scaling-up"));
  }

  @Test
  void unknownSection_isRejected() {
    assertThatThrownBy(() -> Tutorial.run("nope", SEED, System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such tutorial section: nope");
  }

  @Test
  void replay_withOneSeedIsByteIdentical() {
    assertThat(run(Tutorial.ALL, SEED)).isEqualTo(all);
  }
}
