package dev.ordinal.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.kube.KubeMapping;
import dev.ordinal.testkit.gen.ObservedStates;
import dev.ordinal.testkit.gen.Source;
import dev.ordinal.testkit.gen.Specs;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

  static final KubernetesSerialization K8S = new KubernetesSerialization();

  @Test
  void theEncodedObjects_mapBackToTheObservation() {
    for (long seed = 0; seed < 50; seed++) {
      Source source = Source.of(seed);
      StatefulSet set = Specs.statefulSet(source);
      Observation o = ObservedStates.observation(source, set);
      Requests.Objects objects = Requests.objects(o);

      var back =
          KubeMapping.statefulSet(
              decode(objects.set(), io.fabric8.kubernetes.api.model.apps.StatefulSet.class));
      // fabric8 adds apiVersion and kind to the claim templates it decodes: compare them raw.
      assertThat(
              dev.ordinal.api.StatefulSetSpec.builder()
                  .from(back.spec())
                  .volumeClaimTemplates(o.set().spec().volumeClaimTemplates())
                  .build())
          .as("seed %d", seed)
          .isEqualTo(o.set().spec());
      assertThat(((Map<?, ?>) objects.set().get("spec")).get("volumeClaimTemplates"))
          .as("seed %d", seed)
          .isEqualTo(
              o.set().spec().volumeClaimTemplates().isEmpty()
                  ? null
                  : o.set().spec().volumeClaimTemplates().stream()
                      .map(dev.ordinal.api.VolumeClaimTemplate::content)
                      .toList());
      assertThat(back.status()).as("seed %d", seed).isEqualTo(o.set().status());
      for (int i = 0; i < o.pods().size(); i++) {
        var pod =
            KubeMapping.pod(
                decode(objects.pods().get(i), io.fabric8.kubernetes.api.model.Pod.class));
        // Go writes an empty subdomain as absent, which reads back as unset.
        var expected =
            dev.ordinal.api.ImmutableObservedPod.copyOf(o.pods().get(i))
                .withSubdomain(emptyToNull(o.pods().get(i).subdomain()))
                .withHostname(emptyToNull(o.pods().get(i).hostname()));
        assertThat(pod).as("seed %d pod %d", seed, i).isEqualTo(expected);
      }
      for (int i = 0; i < o.claims().size(); i++) {
        var claim =
            KubeMapping.claim(
                decode(
                    objects.claims().get(i),
                    io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class));
        assertThat(claim).as("seed %d claim %d", seed, i).isEqualTo(o.claims().get(i));
      }
      for (int i = 0; i < o.revisions().size(); i++) {
        ControllerRevision r =
            KubeMapping.revision(
                decode(
                    objects.revisions().get(i),
                    io.fabric8.kubernetes.api.model.apps.ControllerRevision.class));
        assertThat(r).as("seed %d revision %d", seed, i).isEqualTo(o.revisions().get(i));
      }
    }
  }

  /** Decodes through JSON text, as fabric8 reads objects from a cluster. */
  static <T> T decode(Object tree, Class<T> type) {
    return K8S.unmarshal(Requests.MAPPER.writeValueAsString(tree), type);
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Test
  void theRequestLine_carriesNowWithItsFraction() {
    Source source = Source.of(1);
    Observation o =
        Suites.halfSecondLater(ObservedStates.observation(source, Specs.statefulSet(source)));

    String line = Requests.line("id-1", o, Map.of("MaxUnavailableStatefulSet", true));

    assertThat(line)
        .startsWith(
            "{\"id\":\"id-1\",\"now\":\"2026-01-01T00:00:00.500Z\","
                + "\"featureGates\":{\"MaxUnavailableStatefulSet\":true},\"set\":{");
    assertThat(line).doesNotContain("\n");
  }
}
