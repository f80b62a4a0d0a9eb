package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ordinal.api.Json;
import dev.ordinal.core.validation.Violation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of bad input, each asserting the exact message a user sees. */
class BadInputTest {

  private static final String WEB =
      String.join(
          "\n",
          "apiVersion: apps/v1",
          "kind: StatefulSet",
          "metadata:",
          "  name: web",
          "spec:",
          "  serviceName: nginx",
          "  replicas: 2",
          "  selector:",
          "    matchLabels: {app: nginx}",
          "  template:",
          "    metadata:",
          "      labels: {app: nginx}",
          "    spec:",
          "      containers:",
          "      - name: nginx",
          "        image: k8s.gcr.io/nginx-slim:0.8",
          "");

  private final ManifestReader reader = new ManifestReader();

  @TempDir Path dir;

  /** Runs the action and returns the one ManifestException it must throw, checked for form. */
  private static ManifestException error(Runnable action) {
    try {
      action.run();
    } catch (ManifestException e) {
      assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
      assertThat(e).hasToString(e.getMessage());
      return e;
    }
    return fail("expected a ManifestException");
  }

  private ManifestException mappingError(String yaml) {
    return error(() -> KubeMapping.statefulSet(reader.read(yaml, "web.yaml").get(0)));
  }

  // ---- the source itself

  @Test
  void missingFile_isOneClearError() {
    Path missing = dir.resolve("web.yaml");

    ManifestException e = error(() -> reader.read(missing));

    assertThat(e).hasMessage(missing + ": cannot read: no such file");
    assertThat(e.source()).isEqualTo(missing.toString());
    assertThat(e.object()).isNull();
  }

  @Test
  void directoryInsteadOfFile_isOneClearError() {
    assertThat(error(() -> reader.read(dir))).hasMessage(dir + ": cannot read: is a directory");
  }

  @Test
  void fileOverTheSizeLimit_isOneClearError() throws IOException {
    Path file = Files.writeString(dir.resolve("big.yaml"), WEB);
    ManifestReader small = new ManifestReader(new ManifestReader.Limits(100, 1 << 20, 100, 50, 10));

    assertThat(error(() -> small.read(file)))
        .hasMessage(file + ": is longer than 100 bytes, the limit (reading stopped there)");
  }

  @Test
  void fileNotUtf8_isOneClearError() throws IOException {
    byte[] latin1 = "metadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("latin1.yaml"), latin1);

    assertThat(error(() -> reader.read(file)))
        .hasMessage(file + ": is not valid UTF-8 (at byte offset 20)");
  }

  // ---- malformed YAML and JSON, with line and column

  @Test
  void malformedYaml_reportsLineAndColumn() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: app: web\n";

    ManifestException e = error(() -> reader.read(yaml, "svc.yaml"));

    assertThat(e).hasMessage("svc.yaml:5:14: document 1: mapping values are not allowed here");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.column()).isEqualTo(14);
  }

  @Test
  void malformedJson_reportsLineAndColumn() {
    String json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Service\"\n  \"metadata\": {}\n}\n";

    assertThat(error(() -> reader.read(json, "svc.json")))
        .hasMessage(
            "svc.json:4:3: document 1: expected ',' or '}', but got <scalar>"
                + " (while parsing a flow mapping)");
  }

  @Test
  void malformedSecondDocument_namesIt() {
    String yaml = WEB + "---\napiVersion: v1\nkind: Service\nmetadata: [unclosed\n";

    assertThat(error(() -> reader.read(yaml, "web.yaml")))
        .hasMessage(
            "web.yaml:21:1: document 2: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence)");
  }

  @Test
  void duplicateKey_isOneClearError() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n";

    assertThat(error(() -> reader.read(yaml, "svc.yaml")))
        .hasMessage(
            "svc.yaml:5:3: document 1: found duplicate key name (while constructing a mapping)");
  }

  @Test
  void unknownYamlTag_isIgnoredAsKubectlIgnoresIt_neverATypeToBuild() {
    // kubectl (go-yaml v2) ignores the tag of a mapping and keeps a tagged scalar's text.
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: !!java.io.File {name: !foo a}\n";

    assertThat(reader.read(yaml, "svc.yaml").get(0).name()).isEqualTo("a");
  }

  @Test
  void int64OutOfRange_saysSo_notJacksonsWords() {
    // The apiserver: cannot unmarshal number 9223372036854775808 into ... of type int64.
    String yaml =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n  generation: 9223372036854775808\n";

    assertThat(error(() -> reader.read(yaml, "pod.yaml")))
        .hasMessage(
            "pod.yaml: Pod \"web-0\": metadata.generation: Invalid value: 9223372036854775808: must"
                + " be a 64-bit integer");
  }

  @Test
  void nullListItem_isOneFieldError_notANullPointerException() {
    // Found by ManifestFuzzTest: fabric8 keeps the null, which the mapping did not expect.
    String yaml =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n  ownerReferences: [null]\n";

    assertThat(error(() -> reader.read(yaml, "pod.yaml")))
        .hasMessage(
            "pod.yaml: Pod \"web-0\": metadata.ownerReferences[0]: Invalid value: null: a list item"
                + " must not be null (the apiserver would read an empty value)");
  }

  @Test
  void binaryValue_isItsTextAsInKubectl_unlessNotUtf8() {
    String yaml =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {x: !!binary aGk=}\n";
    assertThat(reader.read(yaml, "svc.yaml").get(0).tree())
        .extracting(t -> Json.stringMap(Json.object(t, "metadata"), "labels"))
        .isEqualTo(java.util.Map.of("x", "hi"));

    assertThat(error(() -> reader.read(yaml.replace("aGk=", "/w=="), "svc.yaml")))
        .hasMessage(
            "svc.yaml:5:15: document 1: !!binary value is not UTF-8 text, which a JSON string"
                + " cannot hold");
  }

  @Test
  void scalarDocument_isNotAnObject() {
    assertThat(error(() -> reader.read("hello\n", "hello.yaml")))
        .hasMessage(
            "hello.yaml: document 1: Invalid value: \"hello\": must be an object with apiVersion"
                + " and kind");
  }

  // ---- limits

  @Test
  void nestingTooDeep_isAClearErrorNotAStackOverflow() {
    String deep = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";

    assertThat(error(() -> reader.read(deep, "deep.yaml")))
        .hasMessage("deep.yaml:1:103: document 1: nesting is deeper than 100 levels, the limit");
  }

  @Test
  void aliasExpansion_isBounded() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      bomb.append("]\n");
    }

    assertThat(error(() -> reader.read(bomb.toString(), "bomb.yaml")))
        .hasMessage("bomb.yaml: document 1: more than 50 aliases of collections, the limit");
  }

  @Test
  void aliasesOfAliases_cannotExpandWithoutBound() {
    // 50 aliases, five per level: 5^10 values once expanded, from a few hundred characters.
    StringBuilder bomb = new StringBuilder("l0: &l0 [x, x, x, x, x]\n");
    for (int level = 1; level <= 10; level++) {
      bomb.append('l').append(level).append(": &l").append(level).append(" [");
      for (int i = 0; i < 5; i++) {
        bomb.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
      }
      bomb.append("]\n");
    }

    assertThat(error(() -> reader.read(bomb.toString(), "bomb.yaml")))
        .hasMessageMatching(
            "bomb\\.yaml: document 1: aliases expand to more than [0-9]+ values, the limit"
                + " \\(4 a character of the source\\)");
  }

  @Test
  void nestedAliases_stopAtTheLimit() {
    String yaml =
        "a: &a "
            + "[".repeat(60)
            + "]".repeat(60)
            + "\nb: "
            + "[".repeat(60)
            + "*a"
            + "]".repeat(60)
            + "\n";

    assertThat(error(() -> reader.read(yaml, "deep.yaml")))
        .hasMessageStartingWith("deep.yaml: document 1: b")
        .hasMessageEndingWith(": nesting (through aliases) is deeper than 100 levels, the limit");
  }

  @Test
  void documentOverTheSizeLimit_isOneClearError() {
    ManifestReader small = new ManifestReader(new ManifestReader.Limits(1 << 20, 64, 100, 50, 10));
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n" + WEB;

    assertThat(error(() -> small.read(yaml, "web.yaml")))
        .hasMessage("web.yaml: document 2: the document is longer than 64 characters, the limit");
  }

  @Test
  void tooManyDocuments_isOneClearError() {
    ManifestReader small =
        new ManifestReader(new ManifestReader.Limits(1 << 20, 1 << 20, 100, 50, 2));

    assertThat(error(() -> small.read("a: 1\n---\nb: 2\n---\nc: 3\n", "many.yaml")))
        .hasMessage("many.yaml:4:1: document 3: the source has more than 2 documents, the limit");
  }

  // ---- kinds

  @Test
  void unknownKind_isOneClearError() {
    String yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";

    assertThat(error(() -> reader.read(yaml, "w.yaml")))
        .hasMessage(
            "w.yaml: Widget \"w\": no matches for kind \"Widget\" in version \"example.com/v1\"");
  }

  @Test
  void wrongKindForTheCaller_isOneClearError() {
    List<Manifest> manifests = reader.read(TestFiles.text("web.yaml"), "web.yaml");

    ManifestException e = error(() -> ManifestReader.expect(manifests, StatefulSet.class));

    assertThat(e)
        .hasMessage(
            "web.yaml: Service \"nginx\": kind: Unsupported value: \"Service\": supported values:"
                + " \"StatefulSet\"");
    assertThat(e.field()).isEqualTo("kind");
  }

  @Test
  void mappingTheWrongKind_isOneClearError() {
    Manifest service = reader.read(TestFiles.text("web.yaml"), "web.yaml").get(0);

    assertThat(error(() -> KubeMapping.pod(service)))
        .hasMessage(
            "web.yaml: Service \"nginx\": kind: Unsupported value: \"Service\": supported values:"
                + " \"Pod\"");
  }

  @Test
  void noneOfTheExpectedKind_isOneClearError() {
    List<Manifest> manifests = reader.read(TestFiles.text("web.yaml"), "web.yaml");

    assertThat(error(() -> ManifestReader.expectOne(manifests, Pod.class, "web.yaml")))
        .hasMessage("web.yaml: expected one Pod, found 0");
  }

  @Test
  void listItemNotAnObject_isOneClearError() {
    assertThat(error(() -> reader.read("apiVersion: v1\nkind: List\nitems: [web-0]\n", "l.yaml")))
        .hasMessage(
            "l.yaml: document 1: items[0]: Invalid value: \"web-0\": must be an object with"
                + " apiVersion and kind");
  }

  @Test
  void missingKind_isOneClearError() {
    assertThat(error(() -> reader.read("apiVersion: v1\nmetadata: {name: x}\n", "x.yaml")))
        .hasMessage("x.yaml: document 1: kind: Required value: Object 'Kind' is missing");
  }

  @Test
  void missingApiVersion_isOneClearError() {
    assertThat(error(() -> reader.read("kind: Pod\nmetadata: {name: p}\n", "p.yaml")))
        .hasMessage(
            "p.yaml: Pod \"p\": apiVersion: Required value: Object 'apiVersion' is missing");
  }

  // ---- required fields

  @Test
  void missingName_isOneClearError() {
    ManifestException e = mappingError(WEB.replace("  name: web\n", "  labels: {a: b}\n"));

    assertThat(e)
        .hasMessage(
            "web.yaml: StatefulSet in document 1: metadata.name: Required value: name or"
                + " generateName is required");
    assertThat(e.field()).isEqualTo("metadata.name");
    assertThat(e.object()).isEqualTo("StatefulSet in document 1");
  }

  @Test
  void missingTemplate_isOneClearError() {
    String yaml = WEB.substring(0, WEB.indexOf("  template:"));

    assertThat(mappingError(yaml))
        .hasMessage("web.yaml: StatefulSet \"web\": spec.template: Required value");
  }

  @Test
  void namelessItemOfAList_isOneClearError() {
    String yaml =
        "apiVersion: v1\nkind: List\nitems:\n"
            + "- {apiVersion: v1, kind: Pod, metadata: {name: web-0}}\n"
            + "- {apiVersion: v1, kind: Pod, metadata: {labels: {app: web}}}\n";
    Manifest second = reader.read(yaml, "pods.yaml").get(1);

    assertThat(error(() -> KubeMapping.pod(second)))
        .hasMessage(
            "pods.yaml: Pod in document 1, items[1]: metadata.name: Required value: name or"
                + " generateName is required");
  }

  @Test
  void misspeltField_isAnUnknownField() {
    assertThat(mappingError(WEB.replace("replicas: 2", "replica: 3")))
        .hasMessage("web.yaml: StatefulSet \"web\": spec.replica: Invalid value: 3: unknown field");
  }

  @Test
  void revisionWithoutData_isOneClearError() {
    String yaml =
        "apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: {name: web-1}\nrevision: 1\n";
    Manifest revision = reader.read(yaml, "rev.yaml").get(0);

    assertThat(error(() -> KubeMapping.revision(revision)))
        .hasMessage(
            "rev.yaml: ControllerRevision \"web-1\": data: Required value: data is mandatory");
  }

  // ---- type errors, mapped from Jackson to the field

  @Test
  void replicasNotANumber_isOneClearError() {
    ManifestException e =
        error(() -> reader.read(WEB.replace("replicas: 2", "replicas: abc"), "web.yaml"));

    assertThat(e)
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: \"abc\": must be an"
                + " integer");
    assertThat(e.field()).isEqualTo("spec.replicas");
    assertThat(e.violations()).hasSize(1);
  }

  @Test
  void replicasQuoted_isNotANumber() {
    assertThat(mappingError(WEB.replace("replicas: 2", "replicas: \"2\"")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: \"2\": must be an"
                + " integer");
  }

  @Test
  void partitionNotANumber_isOneClearError() {
    String yaml = WEB + "  updateStrategy:\n    rollingUpdate: {partition: x}\n";

    assertThat(error(() -> reader.read(yaml, "web.yaml")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.updateStrategy.rollingUpdate.partition: Invalid"
                + " value: \"x\": must be an integer");
  }

  @Test
  void fractionalPort_isOneClearError() {
    String yaml = WEB + "        ports: [{containerPort: 80.5}]\n";

    assertThat(error(() -> reader.read(yaml, "web.yaml")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\":"
                + " spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 80.5:"
                + " must be an integer");
  }

  @Test
  void numberWhereALabelValueBelongs_isOneClearError() {
    String yaml = WEB.replace("  name: web\n", "  name: web\n  labels: {version: 1}\n");

    assertThat(error(() -> reader.read(yaml, "web.yaml")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": metadata.labels[version]: Invalid value: 1: must be a"
                + " string");
  }

  @Test
  void listWhereAnObjectBelongs_isOneClearError() {
    String yaml = WEB.replace("    matchLabels: {app: nginx}", "    matchLabels: [app]");

    assertThat(error(() -> reader.read(yaml, "web.yaml")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.selector.matchLabels: Invalid value: [\"app\"]:"
                + " must be an object");
  }

  @Test
  void badTimestamp_isOneClearError() {
    String yaml = WEB.replace("  name: web\n", "  name: web\n  creationTimestamp: yesterday\n");

    assertThat(mappingError(yaml))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": metadata.creationTimestamp: Invalid value:"
                + " \"yesterday\": must be an RFC 3339 date-time, such as 2006-01-02T15:04:05Z");
  }

  // ---- absurd values

  @Test
  void replicasNegative_inTheApiserversWords() {
    assertThat(mappingError(WEB.replace("replicas: 2", "replicas: -1")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: -1: must be greater than"
                + " or equal to 0");
  }

  @Test
  void replicasHuge_exceedsWhatOrdinalPlans() {
    assertThat(mappingError(WEB.replace("replicas: 2", "replicas: 1000000000")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: 1000000000: exceeds"
                + " 16777216, the most replicas Ordinal plans for");
  }

  @Test
  void replicasBeyondInt32_getTheSameWords() {
    assertThat(
            error(
                () -> reader.read(WEB.replace("replicas: 2", "replicas: 10000000000"), "web.yaml")))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: 10000000000: exceeds"
                + " 16777216, the most replicas Ordinal plans for");
  }

  @Test
  void nameOverTheLengthLimit_isOneClearError() {
    String name = "w".repeat(64);

    assertThat(mappingError(WEB.replace("name: web", "name: " + name)))
        .hasMessage(
            "web.yaml: StatefulSet \""
                + name
                + "\": metadata.name: Invalid value: \""
                + name
                + "\": must be no more than 63 characters");
  }

  @Test
  void serviceNameNotADns1035Label_isOneClearError() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: 1nginx}\n";
    Manifest service = reader.read(yaml, "svc.yaml").get(0);

    assertThat(error(() -> KubeMapping.service(service)))
        .hasMessage(
            "svc.yaml: Service \"1nginx\": metadata.name: Invalid value: \"1nginx\": a DNS-1035"
                + " label must consist of lower case alphanumeric characters or '-', start with an"
                + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
                + " or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  // ---- enum fields, parsed with core's SpecValidator

  @Test
  void podManagementPolicyUnknown_isOneClearError() {
    ManifestException e =
        mappingError(
            WEB.replace(
                "  serviceName: nginx", "  serviceName: nginx\n  podManagementPolicy: Foo"));

    assertThat(e)
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.podManagementPolicy: Invalid value: \"Foo\": must"
                + " be 'OrderedReady' or 'Parallel'");
    assertThat(e.source()).isEqualTo("web.yaml");
    assertThat(e.object()).isEqualTo("StatefulSet \"web\"");
    assertThat(e.field()).isEqualTo("spec.podManagementPolicy");
    assertThat(e.problem())
        .isEqualTo("Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'");
  }

  @Test
  void updateStrategyTypeUnknown_isOneClearError() {
    assertThat(mappingError(WEB + "  updateStrategy: {type: Recreate}\n"))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.updateStrategy: Invalid value:"
                + " {\"Type\":\"Recreate\",\"RollingUpdate\":null}: must be 'RollingUpdate' or"
                + " 'OnDelete'");
  }

  @Test
  void retentionPolicyUnknown_isOneClearError() {
    assertThat(mappingError(WEB + "  persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}\n"))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.persistentVolumeClaimRetentionPolicy.whenDeleted:"
                + " Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"");
  }

  @Test
  void selectorOperatorUnknown_isOneClearError() {
    String yaml =
        WEB.replace(
            "    matchLabels: {app: nginx}",
            "    matchLabels: {app: nginx}\n    matchExpressions: [{key: a, operator: Matches}]");

    assertThat(mappingError(yaml))
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.selector.matchExpressions[0].operator: Invalid"
                + " value: \"Matches\": not a valid selector operator");
  }

  @Test
  void podPhaseUnknown_isOneClearError() {
    String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-0}\nstatus: {phase: Sleeping}\n";
    Manifest pod = reader.read(yaml, "pod.yaml").get(0);

    assertThat(error(() -> KubeMapping.pod(pod)))
        .hasMessage(
            "pod.yaml: Pod \"web-0\": status.phase: Unsupported value: \"Sleeping\": supported"
                + " values: \"Pending\", \"Running\", \"Succeeded\", \"Failed\", \"Unknown\"");
  }

  @Test
  void ownerReferenceWithoutUid_isOneClearError() {
    String yaml =
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: www-web-0\n"
            + "  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web}]\n";
    Manifest claim = reader.read(yaml, "pvc.yaml").get(0);

    assertThat(error(() -> KubeMapping.claim(claim)))
        .hasMessage(
            "pvc.yaml: PersistentVolumeClaim \"www-web-0\": metadata.ownerReferences[0].uid:"
                + " Invalid value: \"\": uid must not be empty");
  }

  // ---- the apiserver's validation, first violation reported, all kept

  @Test
  void severalViolations_firstReportedAllKept() {
    String yaml =
        WEB.replace("replicas: 2", "replicas: -2")
            .replace("serviceName: nginx", "serviceName: Nginx")
            .replace("labels: {app: nginx}", "labels: {app: other}");

    ManifestException e = mappingError(yaml);

    assertThat(e)
        .hasMessage(
            "web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: -2: must be greater than"
                + " or equal to 0 (and 2 more)");
    assertThat(e.violations())
        .extracting(Violation::path)
        .containsExactly("spec.replicas", "spec.serviceName", "spec.template.metadata.labels");
  }

  @Test
  void fabric8ObjectWithoutASource_namesOnlyTheObject() {
    StatefulSet fabric8 = reader.read(WEB, "web.yaml").get(0).as(StatefulSet.class);
    fabric8.getSpec().setTemplate(null);

    ManifestException e = error(() -> KubeMapping.statefulSet(fabric8));

    assertThat(e).hasMessage("StatefulSet \"web\": spec.template: Required value");
    assertThat(e.source()).isNull();
  }
}
