package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.cli.Manifests.Pod;
import dev.ordinal.cli.Manifests.Workspace;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per class of bad input, through the command line: each ends in exactly one line on
 * stderr that names the file, the object and the field, with exit code 2 and nothing on stdout.
 */
class BadInputTest {

  @TempDir Path dir;

  private Workspace w;

  @BeforeEach
  void workspace() {
    w = new Workspace(dir);
  }

  /** Runs plan on this StatefulSet file. */
  private static Cli.Result plan(String set, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "plan";
    args[1] = "--statefulset";
    args[2] = set;
    System.arraycopy(more, 0, args, 3, more.length);
    return Cli.run(args);
  }

  /** Asserts the run failed on bad input with exactly this line. */
  private static void assertBadInput(Cli.Result r, String line) {
    assertThat(r.err()).isEqualTo("error: " + line + "\n");
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
  }

  // ---- unreadable input

  @Test
  void missingFile_isOneClearError() {
    String missing = dir.resolve("web.yaml").toString();

    assertBadInput(plan(missing), missing + ": cannot read: no such file");
  }

  @Test
  void directoryInsteadOfAFile_isOneClearError() {
    assertBadInput(plan(dir.toString()), dir + ": cannot read: is a directory");
  }

  @Test
  void fileNotUtf8_isOneClearError() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    String text = Manifests.set("image: registry", "image: caf\u00e9/registry");
    Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));

    assertBadInput(
        plan(file.toString()),
        file + ": is not valid UTF-8 (at byte offset " + text.indexOf('\u00e9') + ")");
  }

  @Test
  void fileOverTheSizeLimit_isOneClearError() throws IOException {
    Path file = dir.resolve("huge.yaml");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength((64L << 20) + 1); // sparse, but read: the limit counts the bytes read
    }

    assertBadInput(
        plan(file.toString()),
        file + ": is longer than 67108864 bytes, the limit (reading stopped there)");
  }

  @Test
  void endlessDevice_stopsAtTheLimit_withOneLine() {
    // Files.size says 0 for a device: only counting the bytes read bounds it.
    assertBadInput(
        Cli.run("validate", "/dev/zero"),
        "/dev/zero: is longer than 67108864 bytes, the limit (reading stopped there; it is not a"
            + " regular file but a device, a FIFO or a socket)");
  }

  @Test
  void scriptThatIsADirectoryOrAFifo_saysWhatItIs() throws Exception {
    assertBadInput(
        Cli.run("run", dir.toString()), dir + ": cannot read the script: is a directory");
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertBadInput(
        Cli.run("run", fifo.toString()),
        fifo + ": cannot read the script: is not a regular file (a FIFO, a device or a socket)");
  }

  @Test
  void applyOfATextFile_quotesAShortExcerpt_notTheWholeFile() throws IOException {
    StringBuilder passwd = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      passwd
          .append("user")
          .append(i)
          .append(":x:")
          .append(1000 + i)
          .append(":100::/home:/bin/sh\n");
    }
    Files.writeString(dir.resolve("passwd"), passwd);
    Path script = Files.writeString(dir.resolve("s.sh"), "kubectl apply -f passwd\n");

    Cli.Result r = Cli.run("run", script.toString());

    // The file is one plain scalar, its lines folded into one: 1309 characters, 110 shown.
    String value = passwd.toString().strip().replace("\n", " ");
    assertThat(r.out())
        .isEqualTo(
            "$ kubectl apply -f passwd\nerror: passwd: document 1: Invalid value: "
                + ("\"" + value).substring(0, 110)
                + "...\" ("
                + value.length()
                + " characters): must be an object with apiVersion and kind\n");
    assertThat(value).hasSize(1309);
  }

  @Test
  void endlessSleep_isBadInput_notAnInternalError() throws IOException {
    Path script = Files.writeString(dir.resolve("s.sh"), "sleep 9223372036854775807h\n");

    Cli.Result r = Cli.run("run", script.toString());

    assertThat(r.err())
        .isEqualTo(
            "error: "
                + script
                + ":1: sleep 9223372036854775807h is longer than 87600h (10 years), the limit\n");
    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
  }

  // ---- malformed YAML and JSON

  @Test
  void malformedYaml_namesTheLineAndColumn() {
    String file = w.set("  serviceName: nginx\n", "  serviceName: nginx: web\n");

    assertBadInput(plan(file), file + ":26:21: document 2: mapping values are not allowed here");
  }

  @Test
  void malformedJson_namesTheLineAndColumn() {
    String file =
        w.text(
            "{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"StatefulSet\"\n  \"spec\": {}\n}\n");

    assertBadInput(
        plan(file),
        file
            + ":4:3: document 1: expected ',' or '}', but got <scalar> (while parsing a flow"
            + " mapping)");
  }

  @Test
  void duplicateKey_isOneClearError() {
    String file = w.set("  replicas: 3\n", "  replicas: 3\n  replicas: 4\n");

    assertBadInput(
        plan(file),
        file + ":28:3: document 2: found duplicate key replicas (while constructing a mapping)");
  }

  @Test
  void documentThatIsNotAnObject_isOneClearError() {
    String file = w.text("- web\n- db\n");

    assertBadInput(
        plan(file),
        file
            + ": document 1: Invalid value: [\"web\",\"db\"]: must be an object with apiVersion and"
            + " kind");
  }

  // ---- YAML read safely: no arbitrary types, bounded aliases, depth and size

  @Test
  void arbitraryType_isNotConstructed() {
    String file = w.set("  replicas: 3\n", "  replicas: !!java.lang.Runtime 3\n");

    // As kubectl: the tag is ignored and the text stays a string, which an int32 field refuses.
    assertBadInput(
        plan(file),
        file + ": StatefulSet \"web\": spec.replicas: Invalid value: \"3\": must be an integer");
  }

  @Test
  void aliasBomb_isStoppedAtTheAliasLimit() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    String file = w.text(bomb.toString());

    assertBadInput(
        plan(file), file + ": document 1: more than 50 aliases of collections, the limit");
  }

  @Test
  void nestingTooDeep_isOneClearError() {
    String file = w.text("metadata: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");

    assertBadInput(
        plan(file), file + ":1:110: document 1: nesting is deeper than 100 levels, the limit");
  }

  @Test
  void documentOverTheApiserversRequestLimit_isRead() {
    // 3 MiB bounds one request to the apiserver, not a file: kubectl get -o yaml prints more.
    String big = "# " + "x".repeat(4 << 20) + "\n" + Manifests.set();

    assertThat(plan(w.text(big)).code()).isEqualTo(Exit.OK);
  }

  @Test
  void octalReplicas_planAsKubectlAppliesThem() {
    Cli.Result r = plan(w.set("  replicas: 3\n", "  replicas: 010\n"));

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out()).contains("web-7").doesNotContain("web-8");
  }

  // ---- documents of the wrong kind

  @Test
  void wrongKind_forTheStatefulSet() {
    String pods = Cli.file("web/pods.yaml");

    assertBadInput(
        plan(pods),
        pods
            + ": Pod \"web-0\": kind: Unsupported value: \"Pod\": supported values:"
            + " \"StatefulSet\"");
  }

  @Test
  void wrongKind_forThePods() {
    String claims = Cli.file("web/claims.yaml");

    assertBadInput(
        plan(Cli.file("web/web.yaml"), "--pods", claims),
        claims
            + ": PersistentVolumeClaim \"www-web-0\": kind: Unsupported value:"
            + " \"PersistentVolumeClaim\": supported values: \"Pod\"");
  }

  @Test
  void wrongKind_forTheClaims() {
    String pods = Cli.file("web/pods.yaml");

    assertBadInput(
        plan(Cli.file("web/web.yaml"), "--claims", pods),
        pods
            + ": Pod \"web-0\": kind: Unsupported value: \"Pod\": supported values:"
            + " \"PersistentVolumeClaim\"");
  }

  @Test
  void wrongKind_forTheRevisions() {
    String web = Cli.file("web/web.yaml");

    assertBadInput(
        plan(web, "--revisions", web),
        web
            + ": Service \"nginx\": kind: Unsupported value: \"Service\": supported values:"
            + " \"ControllerRevision\"");
  }

  @Test
  void unknownKind_isOneClearError() {
    String file = w.text("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");

    assertBadInput(
        plan(file),
        file + ": Widget \"w\": no matches for kind \"Widget\" in version \"example.com/v1\"");
  }

  @Test
  void noObjectAtAll_isOneClearError() {
    String file = w.text("# nothing yet\n");

    assertBadInput(plan(file), file + ": expected one StatefulSet, found 0");
  }

  @Test
  void twoStatefulSets_whereOneIsExpected() {
    String file = w.text(Manifests.set() + "---\n" + Manifests.set("name: web", "name: db"));

    assertBadInput(plan(file), file + ": expected one StatefulSet, found 2");
  }

  // ---- missing required fields

  @Test
  void missingKind_isOneClearError() {
    String file = w.text("apiVersion: apps/v1\nmetadata: {name: web}\n");

    assertBadInput(
        plan(file), file + ": document 1: kind: Required value: Object 'Kind' is missing");
  }

  @Test
  void missingName_isOneClearError() {
    String file = w.set("metadata:\n  name: web\n", "metadata:\n");

    assertBadInput(
        plan(file),
        file
            + ": StatefulSet in document 2: metadata.name: Required value: name or generateName is"
            + " required");
  }

  @Test
  void missingTemplate_isOneClearError() {
    String file =
        w.text(Manifests.set().replaceAll("(?s)  template:.*?(  volumeClaimTemplates:)", "$1"));

    assertBadInput(plan(file), file + ": StatefulSet \"web\": spec.template: Required value");
  }

  @Test
  void missingPodName_inAList() {
    String pods =
        w.text(
            Manifests.list(
                java.util.List.of(
                    Pod.of(0).yaml(), Pod.of(1).yaml().replace("  name: web-1\n", ""))));

    assertBadInput(
        plan(Cli.file("web/web.yaml"), "--pods", pods),
        pods
            + ": Pod in document 1, items[1]: metadata.name: Required value: name or generateName"
            + " is required");
  }

  @Test
  void revisionWithoutData_isOneClearError() {
    String revisions = w.text(Manifests.v1().replaceAll("(?s)\ndata:.*", "\n"));

    assertBadInput(
        plan(Cli.file("web/web.yaml"), "--revisions", revisions),
        revisions
            + ": ControllerRevision \"web-7c8fc9b8d5\": data: Required value: data is mandatory");
  }

  // ---- absurd values

  @Test
  void replicasAbsurdlyLarge_isOneClearError() {
    String file = w.set("replicas: 3", "replicas: 1e9");

    assertBadInput(
        plan(file),
        file
            + ": StatefulSet \"web\": spec.replicas: Invalid value: 1000000000: exceeds 16777216,"
            + " the most replicas Ordinal plans for");
  }

  @Test
  void replicasBeyondInt32_isOneClearError() {
    String file = w.set("replicas: 3", "replicas: 10000000000");

    assertBadInput(
        plan(file),
        file
            + ": StatefulSet \"web\": spec.replicas: Invalid value: 10000000000: exceeds 16777216,"
            + " the most replicas Ordinal plans for");
  }

  @Test
  void replicasNegative_isOneClearError() {
    String file = w.set("replicas: 3", "replicas: -1");

    assertBadInput(
        plan(file),
        file
            + ": StatefulSet \"web\": spec.replicas: Invalid value: -1: must be greater than or"
            + " equal to 0");
  }

  @Test
  void nameOverTheLengthLimit_isOneClearError() {
    String name = "w".repeat(64);
    String file = w.set("metadata:\n  name: web\n", "metadata:\n  name: " + name + "\n");

    assertBadInput(
        plan(file),
        file
            + ": StatefulSet \""
            + name
            + "\": metadata.name: Invalid value: \""
            + name
            + "\": must be no more than 63 characters");
  }

  @Test
  void partitionNotANumber_isOneClearError() {
    String file =
        w.set(
            "  replicas: 3\n",
            "  replicas: 3\n  updateStrategy: {rollingUpdate: {partition: two}}\n");

    assertBadInput(
        plan(file),
        file
            + ": StatefulSet \"web\": spec.updateStrategy.rollingUpdate.partition: Invalid value:"
            + " \"two\": must be an integer");
  }

  @Test
  void quotedNumber_isOneClearError() {
    String file = w.set("replicas: 3", "replicas: \"3\"");

    assertBadInput(
        plan(file),
        file + ": StatefulSet \"web\": spec.replicas: Invalid value: \"3\": must be an integer");
  }

  @Test
  void misspeltField_isOneClearErrorOfValidate_andAWarningOfPlan() {
    String file = w.set("replicas: 3", "replica: 3");

    assertBadInput(
        Cli.run("validate", file),
        file + ": StatefulSet \"web\": spec.replica: Invalid value: 3: unknown field");
    // plan reads as the apiserver's clients do, so that a newer cluster's output plans.
    Cli.Result plan = plan(file, "--now", "2025-01-02T03:00:00Z");
    assertThat(plan.code()).isEqualTo(Exit.OK);
    assertThat(plan.err())
        .isEqualTo(
            "warning: "
                + file
                + ": StatefulSet \"web\": unknown field \"spec.replica\"\n"
                + "warning: the status says 1 replicas (0 ready) but 0 pods were given: the plan"
                + " treats the others as gone and creates them and their claims again (give the"
                + " Pods: kubectl get pods -o yaml)\n");
  }

  @Test
  void badTimestamp_isOneClearError() {
    String pods = w.pods(Pod.of(0).readySince("yesterday"));

    assertBadInput(
        plan(Cli.file("web/web.yaml"), "--pods", pods),
        pods
            + ": Pod \"web-0\": status.conditions[0].lastTransitionTime: Invalid value:"
            + " \"yesterday\": must be an RFC 3339 date-time, such as 2006-01-02T15:04:05Z");
  }

  @Test
  void noStackTrace_withoutDebug() {
    String file = w.set("replicas: 3", "replicas: -1");

    for (String command : new String[] {"plan", "rollout-status"}) {
      Cli.Result r = Cli.run(command, "--statefulset", file);
      assertThat(r.err()).doesNotContain("\tat ", "Exception").hasLineCount(1);
    }
  }
}
