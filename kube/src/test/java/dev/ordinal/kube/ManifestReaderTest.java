package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private final ManifestReader reader = new ManifestReader();

  @Test
  void tutorialFile_yieldsServiceThenStatefulSet() {
    Path file = TestFiles.path("web.yaml");

    List<Manifest> manifests = reader.read(file);

    assertThat(manifests).extracting(Manifest::kind).containsExactly("Service", "StatefulSet");
    assertThat(manifests).extracting(Manifest::name).containsExactly("nginx", "web");
    assertThat(manifests).extracting(Manifest::documentIndex).containsExactly(0, 1);
    assertThat(manifests).extracting(Manifest::itemIndex).containsExactly(-1, -1);
    assertThat(manifests).allSatisfy(m -> assertThat(m.file()).isEqualTo(file));
    assertThat(manifests).allSatisfy(m -> assertThat(m.source()).isEqualTo(file.toString()));
    assertThat(manifests.get(0).object()).isInstanceOf(Service.class);
    assertThat(manifests.get(1).object()).isInstanceOf(StatefulSet.class);
    assertThat(manifests.get(1).describe()).isEqualTo("StatefulSet \"web\"");
  }

  @Test
  void tree_isTheObjectAsWritten() {
    Manifest set = reader.read(TestFiles.path("web-parallel.yaml")).get(1);

    assertThat(set.tree())
        .containsEntry("apiVersion", "apps/v1")
        .containsEntry("kind", "StatefulSet");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) set.tree().get("spec");
    assertThat(spec)
        .containsEntry("podManagementPolicy", "Parallel")
        .containsEntry("replicas", 2L)
        .containsEntry("serviceName", "nginx");
  }

  @Test
  void kubectlList_isFlattenedIntoItsItems() {
    List<Manifest> manifests = reader.read(TestFiles.path("pods.yaml"));

    assertThat(manifests)
        .extracting(Manifest::kind)
        .containsExactly("Pod", "Pod", "PersistentVolumeClaim");
    assertThat(manifests).extracting(Manifest::name).containsExactly("web-0", "web-1", "www-web-0");
    assertThat(manifests).extracting(Manifest::documentIndex).containsExactly(0, 0, 0);
    assertThat(manifests).extracting(Manifest::itemIndex).containsExactly(0, 1, 2);
    assertThat(manifests.get(0).tree()).containsEntry("kind", "Pod");
  }

  @Test
  void typedListFromTheApi_givesItsItemsTheirKind() {
    String podList =
        "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},"
            + "\"items\":[{\"metadata\":{\"name\":\"web-0\"}},"
            + "{\"metadata\":{\"name\":\"web-1\"}}]}";

    List<Manifest> manifests = reader.read(podList, "pods.json");

    assertThat(manifests).allSatisfy(m -> assertThat(m.object()).isInstanceOf(Pod.class));
    assertThat(manifests).extracting(Manifest::name).containsExactly("web-0", "web-1");
  }

  @Test
  void emptyList_yieldsNothing() {
    assertThat(reader.read("apiVersion: v1\nkind: List\nitems: []\n", "empty.yaml")).isEmpty();
  }

  @Test
  void multipleDocuments_emptyOnesSkippedButCounted() {
    String yaml =
        "---\n"
            + "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
            + "---\n"
            + "# nothing but a comment\n"
            + "---\n"
            + "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: b}\n"
            + "---\n";

    List<Manifest> manifests = reader.read(yaml, "multi.yaml");

    assertThat(manifests).extracting(Manifest::name).containsExactly("a", "b");
    assertThat(manifests).extracting(Manifest::documentIndex).containsExactly(0, 2);
    assertThat(manifests.get(1).object()).isInstanceOf(PersistentVolumeClaim.class);
  }

  @Test
  void json_isReadLikeYaml() {
    String json =
        "{\n"
            + "\t\"apiVersion\": \"apps/v1\",\n"
            + "\t\"kind\": \"StatefulSet\",\n"
            + "\t\"metadata\": {\"name\": \"web\", \"labels\": {\"tier\": \"db\"}},\n"
            + "\t\"spec\": {\"replicas\": 3, \"serviceName\": \"nginx\", \"template\": {}}\n"
            + "}\n";

    List<Manifest> manifests = reader.read(json, "web.json");

    StatefulSet set =
        ManifestReader.expectOne(manifests, StatefulSet.class, "web.json").as(StatefulSet.class);
    assertThat(set.getSpec().getReplicas()).isEqualTo(3);
    assertThat(set.getMetadata().getLabels()).containsEntry("tier", "db");
  }

  @Test
  void jsonStream_ofSeveralDocuments() {
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"a\"}}\n---\n"
            + "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"b\"}}\n";

    assertThat(reader.read(json, "s.json")).extracting(Manifest::name).containsExactly("a", "b");
  }

  @Test
  void yaml11Scalars_asKubectlReadsThem() {
    String yaml =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels:\n"
            + "    yes: \"no\"\n    \"on\": \"off\"\n    date: 2024-01-02\n    empty: ~\n";

    Service service = reader.read(yaml, "s.yaml").get(0).as(Service.class);

    // kubectl's YAML 1.1: a plain yes is true (here a key, so "true"); dates stay strings.
    assertThat(service.getMetadata().getLabels())
        .containsEntry("true", "no")
        .containsEntry("on", "off")
        .containsEntry("date", "2024-01-02")
        .containsEntry("empty", null);
  }

  @Test
  void yaml11Boolean_isNotAString() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {tls: off}\n";

    assertThatThrownBy(() -> reader.read(yaml, "s.yaml"))
        .hasMessage(
            "s.yaml: Service \"s\": metadata.labels[tls]: Invalid value: false: must be a string");
  }

  @Test
  void byteOrderMarkBeforeALaterDocument_isSkippedAsKubectlSkipsIt() {
    // kubectl (checked with its reader): a mark at the start of each document is skipped.
    String yaml =
        "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n"
            + "\uFEFFapiVersion: v1\nkind: Service\nmetadata: {name: b}\n";

    assertThat(reader.read(yaml, "s.yaml")).extracting(Manifest::name).containsExactly("a", "b");
  }

  @Test
  void integralFloats_areIntegers_asKubectlConvertsThem() {
    String yaml =
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\n"
            + "spec: {replicas: 3.0, minReadySeconds: 1e1}\n";

    StatefulSet set = reader.read(yaml, "web.yaml").get(0).as(StatefulSet.class);

    assertThat(set.getSpec().getReplicas()).isEqualTo(3);
    assertThat(set.getSpec().getMinReadySeconds()).isEqualTo(10);
  }

  @Test
  void numericAndBooleanKeys_becomeStrings() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    1: a\n";

    Service service = reader.read(yaml, "s.yaml").get(0).as(Service.class);

    assertThat(service.getMetadata().getAnnotations()).containsEntry("1", "a");
  }

  @Test
  void byteOrderMark_isIgnored() {
    assertThat(reader.read("\uFEFFapiVersion: v1\nkind: Service\nmetadata: {name: s}\n", "s"))
        .hasSize(1);
  }

  @Test
  void aliases_withinTheLimit_areExpanded() {
    String yaml =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: &l {app: web}\n"
            + "spec:\n  selector: *l\n";

    Service service = reader.read(yaml, "s.yaml").get(0).as(Service.class);

    assertThat(service.getSpec().getSelector()).containsEntry("app", "web");
  }

  @Test
  void expect_passesWhenAllAreOfTheKind() {
    List<Manifest> manifests = reader.read(TestFiles.path("pods.yaml")).subList(0, 2);

    assertThat(ManifestReader.expect(manifests, Pod.class)).isSameAs(manifests);
  }

  @Test
  void select_keepsOnlyTheKind() {
    List<Manifest> manifests = reader.read(TestFiles.path("web.yaml"));

    assertThat(ManifestReader.select(manifests, Service.class))
        .extracting(Manifest::name)
        .containsExactly("nginx");
    assertThat(ManifestReader.select(manifests, Pod.class)).isEmpty();
  }

  @Test
  void limits_mustBePositive() {
    assertThatThrownBy(() -> new ManifestReader.Limits(1, 1, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDepth must be positive: 0");
  }
}
