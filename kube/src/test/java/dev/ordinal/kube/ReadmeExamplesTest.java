package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Defaults;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifest example of README.md, compiled and run; the cli's {@code ReadmeTest} checks that
 * README shows exactly the text between the {@code // readme:} markers.
 */
class ReadmeExamplesTest {

  private static final Path DIR = Path.of("src/test/resources/readme");

  @Test
  void readmeManifestsExample_mapsThePods() {
    Path webYaml = DIR.resolve("web.yaml");
    Path podsYaml = DIR.resolve("pods.yaml");
    Path revisionsYaml = DIR.resolve("revisions.yaml");
    Instant now = Instant.parse("2025-01-02T03:00:10Z");

    // readme: manifests
    ManifestReader reader = new ManifestReader();   // YAML or JSON; safe for untrusted input
    // The StatefulSet of a file that also holds its Service; checked as the apiserver checks it.
    StatefulSet set = Defaults.apply(KubeMapping.statefulSet(ManifestReader.expectOne(
        reader.read(webYaml), io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "web.yaml")));
    // A List, as kubectl get pods -o yaml prints it: one Manifest per item.
    List<ObservedPod> pods = reader.read(podsYaml).stream().map(KubeMapping::pod).toList();
    List<ControllerRevision> revisions =
        reader.read(revisionsYaml).stream().map(KubeMapping::revision).toList();

    ReconcilePlan plan = new StatefulSetReconciler().plan(
        Observation.builder().set(set).pods(pods).revisions(revisions).now(now).build());
    // Bad input is one ManifestException naming file, object and field:
    // web.yaml: StatefulSet "web": spec.replicas: Invalid value: -1: must be greater than or …
    // readme: end

    assertThat(set.uid()).isEqualTo("7c1e0000-0000-0000-0000-000000000001");
    assertThat(pods).extracting(ObservedPod::name).containsExactly("web-0", "web-1");
    assertThat(plan.actions()).isNotEmpty();
  }

  @Test
  void badInput_isOneLineNamingFileObjectAndField() {
    String yaml =
        "apiVersion: apps/v1\n"
            + "kind: StatefulSet\n"
            + "metadata: {name: web}\n"
            + "spec:\n"
            + "  replicas: -1\n"
            + "  selector: {matchLabels: {app: nginx}}\n"
            + "  template:\n"
            + "    metadata: {labels: {app: nginx}}\n"
            + "    spec: {containers: [{name: nginx, image: nginx}]}\n";

    assertThatThrownBy(
            () -> KubeMapping.statefulSet(new ManifestReader().read(yaml, "web.yaml").get(0)))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("web.yaml: StatefulSet \"web\": spec.replicas: Invalid value: -1:");
  }
}
