package dev.ordinal.core.revision;

import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The revision fixtures of upstream's {@code stateful_set_compatibility_test.go} ({@code
 * testdata/compatibility_revision_1.33.0.json} and {@code …1.34.0.json}): set {@code test}, and the
 * data field of each revision exactly as stored.
 */
final class UpstreamFixtures {

  /** {@code data} of {@code compatibility_revision_1.33.0.json}, named {@code test-c77f6d978}. */
  static final String DATA_1_33 =
      "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"annotations\":"
          + "{\"test\":\"value\"},\"creationTimestamp\":null,\"labels\":{\"app\":\"foo\"}},"
          + "\"spec\":{\"containers\":[{\"image\":\"test\",\"imagePullPolicy\":\"Always\","
          + "\"name\":\"test\",\"resources\":{},\"terminationMessagePath\":"
          + "\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}],"
          + "\"dnsPolicy\":\"ClusterFirst\",\"restartPolicy\":\"Always\","
          + "\"schedulerName\":\"default-scheduler\",\"securityContext\":{},"
          + "\"terminationGracePeriodSeconds\":30}}}}";

  /** {@code data} of {@code compatibility_revision_1.34.0.json}, named {@code test-776999688b}. */
  static final String DATA_1_34 = DATA_1_33.replace("\"creationTimestamp\":null,", "");

  private UpstreamFixtures() {}

  /** The defaulted pod template of the fixture set, as 1.34 records it. */
  static PodTemplate template134() {
    return PodTemplate.of(templateContent(false));
  }

  /** The same template with the {@code creationTimestamp: null} that 1.33 recorded. */
  static PodTemplate template133() {
    return PodTemplate.of(templateContent(true));
  }

  /** A set named {@code test} with the 1.34 template. */
  static StatefulSet set134() {
    return StatefulSet.builder()
        .name("test")
        .namespace("default")
        .uid("ec335e25-1045-4216-8634-50cfbe05f3d6")
        .spec(StatefulSetSpec.builder().replicas(1).template(template134()).build())
        .build();
  }

  private static Map<String, Object> templateContent(boolean withNullCreationTimestamp) {
    // Insertion order is deliberately not sorted: the encoder must sort keys itself.
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("labels", Map.of("app", "foo"));
    if (withNullCreationTimestamp) {
      metadata.put("creationTimestamp", null);
    }
    metadata.put("annotations", Map.of("test", "value"));
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "test");
    container.put("image", "test");
    container.put("terminationMessagePolicy", "File");
    container.put("terminationMessagePath", "/dev/termination-log");
    container.put("resources", Map.of());
    container.put("imagePullPolicy", "Always");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("terminationGracePeriodSeconds", 30);
    spec.put("securityContext", Map.of());
    spec.put("schedulerName", "default-scheduler");
    spec.put("restartPolicy", "Always");
    spec.put("dnsPolicy", "ClusterFirst");
    spec.put("containers", List.of(container));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("spec", spec);
    content.put("metadata", metadata);
    return content;
  }
}
