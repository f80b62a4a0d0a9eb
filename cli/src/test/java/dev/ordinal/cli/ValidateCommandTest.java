package dev.ordinal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.cli.Manifests.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordinal validate}: the apiserver's verdicts, warnings and update validation. */
class ValidateCommandTest {

  private static final String SECOND_SET =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        replicas: 1
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: db, image: postgres}]}
      """;

  @TempDir Path dir;

  private Workspace w;

  @BeforeEach
  void workspace() {
    w = new Workspace(dir);
  }

  @Test
  void validSet_isValid_andTheServiceBesideItIsSkipped() {
    String web = Cli.file("web/web.yaml");

    Cli.Result r = Cli.run("validate", web);

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out()).isEqualTo(web + ": StatefulSet \"web\" is valid\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void invalidSet_printsTheApiserversMessage_andExits1() {
    String file = w.set("replicas: 3", "replicas: -1");

    Cli.Result r = Cli.run("validate", file);

    assertThat(r.code()).isEqualTo(Exit.NO);
    assertThat(r.out())
        .isEqualTo(
            file
                + ": StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be"
                + " greater than or equal to 0\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void everyViolation_isListed_inTheApiserversOrder() {
    String file =
        w.set(
            "replicas: 3", "replicas: -1",
            "serviceName: nginx", "serviceName: Nginx",
            "  replicas: -1\n", "  replicas: -1\n  minReadySeconds: -5\n");

    Cli.Result r = Cli.run("validate", file);

    assertThat(r.code()).isEqualTo(Exit.NO);
    assertThat(r.out())
        .isEqualTo(
            file
                + ": StatefulSet.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must"
                + " be greater than or equal to 0, spec.minReadySeconds: Invalid value: -5: must be"
                + " greater than or equal to 0, spec.serviceName: Invalid value: \"Nginx\": a"
                + " lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                + " '-', and must start and end with an alphanumeric character (e.g. 'my-name', "
                + " or '123-abc', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')]\n");
  }

  @Test
  void unknownEnumValue_isAVerdict() {
    String file = w.set("  replicas: 3\n", "  replicas: 3\n  podManagementPolicy: Sequential\n");

    Cli.Result r = Cli.run("validate", file);

    assertThat(r.code()).isEqualTo(Exit.NO);
    assertThat(r.out())
        .isEqualTo(
            file
                + ": StatefulSet.apps \"web\" is invalid: spec.podManagementPolicy: Invalid value:"
                + " \"Sequential\": must be 'OrderedReady' or 'Parallel'\n");
  }

  @Test
  void warnings_followTheVerdict() {
    String file = w.set("  replicas: 3\n", "  replicas: 3\n  revisionHistoryLimit: -1\n");

    Cli.Result r = Cli.run("validate", file);

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            file
                + ": StatefulSet \"web\" is valid\n"
                + file
                + ": StatefulSet \"web\": Warning: spec.revisionHistoryLimit: a negative value"
                + " retains all historical revisions; a value >= 0 is recommended\n");
  }

  @Test
  void severalSetsInOneFile_eachGetsAVerdict() {
    String file = w.text(Manifests.set("replicas: 3", "replicas: -1") + "---\n" + SECOND_SET);

    Cli.Result r = Cli.run("validate", file);

    assertThat(r.code()).isEqualTo(Exit.NO);
    assertThat(r.out())
        .isEqualTo(
            file
                + ": StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be"
                + " greater than or equal to 0\n"
                + file
                + ": StatefulSet \"db\" is valid\n");
  }

  @Test
  void severalFiles_inOrder() {
    String web = Cli.file("web/web.yaml");
    String db = w.text(SECOND_SET);

    Cli.Result r = Cli.run("validate", web, db);

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            web + ": StatefulSet \"web\" is valid\n" + db + ": StatefulSet \"db\" is valid\n");
  }

  @Test
  void badInput_inOneFile_isReported_andTheOthersAreStillValidated() {
    String missing = dir.resolve("missing.yaml").toString();
    String invalid = w.set("replicas: 3", "replicas: -1");
    String db = w.text(SECOND_SET);

    Cli.Result r = Cli.run("validate", missing, invalid, db);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err()).isEqualTo("error: " + missing + ": cannot read: no such file\n");
    assertThat(r.out())
        .isEqualTo(
            invalid
                + ": StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be"
                + " greater than or equal to 0\n"
                + db
                + ": StatefulSet \"db\" is valid\n");
  }

  @Test
  void badInput_withDebug_onTheCommandOrAboveIt_printsTheStackTrace() {
    String missing = dir.resolve("missing.yaml").toString();

    for (Cli.Result r :
        new Cli.Result[] {
          Cli.run("validate", "--debug", missing), Cli.run("--debug", "validate", missing)
        }) {
      assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
      assertThat(r.err())
          .startsWith("error: " + missing + ": cannot read: no such file\n")
          .contains("dev.ordinal.kube.ManifestException", "\tat ");
    }
    assertThat(Cli.run("validate", missing).err()).doesNotContain("\tat ");
  }

  @Test
  void malformedObject_isBadInput_notAVerdict() {
    String file = w.set("replicas: 3", "replica: 3");

    Cli.Result r = Cli.run("validate", file);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ": StatefulSet \"web\": spec.replica: Invalid value: 3: unknown field\n");
  }

  @Test
  void fileWithoutAStatefulSet_isBadInput() {
    String pods = Cli.file("web/pods.yaml");

    Cli.Result r = Cli.run("validate", pods);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + pods
                + ": Pod \"web-0\": kind: Unsupported value: \"Pod\": supported values:"
                + " \"StatefulSet\"\n");
  }

  @Test
  void noFile_isBadUsage() {
    Cli.Result r = Cli.run("validate");

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("error: Missing required parameter: 'FILE' (see 'ordinal validate --help')\n");
  }

  // ---- --previous: update validation

  @Test
  void previous_allowedChange_isAValidUpdate() {
    String stored = Cli.file("web/web.yaml");
    String updated = w.set("replicas: 3", "replicas: 5", "nginx-slim:0.8", "nginx-slim:0.9");

    Cli.Result r = Cli.run("validate", updated, "--previous", stored);

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(updated + ": StatefulSet \"web\" is valid (an update of " + stored + ")\n");
  }

  @Test
  void previous_forbiddenChange_isInvalid() {
    String stored = Cli.file("web/web.yaml");
    String updated = w.set("serviceName: nginx", "serviceName: other");

    Cli.Result r = Cli.run("validate", "--previous", stored, updated);

    assertThat(r.code()).isEqualTo(Exit.NO);
    assertThat(r.out())
        .isEqualTo(
            updated
                + ": StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset"
                + " spec for fields other than 'replicas', 'ordinals', 'template',"
                + " 'updateStrategy', 'revisionHistoryLimit',"
                + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n");
  }

  @Test
  void previous_setsArePairedByNamespaceAndName_othersAreCreates() {
    String stored = Cli.file("web/web.yaml");
    String otherNamespace =
        w.set("serviceName: nginx", "serviceName: other", "namespace: default", "namespace: prod");
    String db = w.text(SECOND_SET);

    Cli.Result r = Cli.run("validate", "--previous", stored, otherNamespace, db);

    assertThat(r.code()).isEqualTo(Exit.OK);
    assertThat(r.out())
        .isEqualTo(
            otherNamespace
                + ": StatefulSet \"web\" is valid\n"
                + db
                + ": StatefulSet \"db\" is valid\n");
  }

  @Test
  void previous_invalid_isBadInput() {
    String stored = w.set("replicas: 3", "replicas: -1");

    Cli.Result r = Cli.run("validate", Cli.file("web/web.yaml"), "--previous", stored);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + stored
                + ": StatefulSet \"web\": spec.replicas: Invalid value: -1: must be greater than or"
                + " equal to 0\n");
  }

  @Test
  void previous_twoSetsOfOneName_isBadInput() {
    String stored = w.text(Manifests.set() + "---\n" + Manifests.set());

    Cli.Result r = Cli.run("validate", Cli.file("web/web.yaml"), "--previous", stored);

    assertThat(r.code()).isEqualTo(Exit.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + stored
                + ": StatefulSet \"web\": metadata.name: Duplicate value: \"web\": two stored"
                + " StatefulSets of this name in namespace default\n");
  }
}
