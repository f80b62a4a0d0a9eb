package dev.ordinal.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DesiredPod;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Defaults;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tutorial's manifests, mapped and planned by core: what the cluster would do first. */
class PlanRoundTripTest {

  private final ManifestReader reader = new ManifestReader();

  private ReconcilePlan planEmpty(String file) {
    List<Manifest> manifests = reader.read(TestFiles.path(file));
    StatefulSet applied =
        KubeMapping.statefulSet(
            ManifestReader.expectOne(
                manifests, io.fabric8.kubernetes.api.model.apps.StatefulSet.class, file));
    // The tutorial's manifest is what kubectl applies; the apiserver stores it with a uid.
    StatefulSet set = Defaults.apply(ImmutableStatefulSet.copyOf(applied).withUid("uid-web"));
    Observation empty =
        Observation.builder().set(set).now(Instant.parse("2025-01-01T00:00:00Z")).build();
    return new StatefulSetReconciler().plan(empty);
  }

  @Test
  void orderedReadyTutorial_createsWeb0WithTheManifestsImage() {
    ReconcilePlan plan = planEmpty("web.yaml");

    List<Action.CreatePod> creates = plan.actionsOf(Action.CreatePod.class);
    assertThat(creates).extracting(c -> c.pod().name()).containsExactly("web-0");
    DesiredPod web0 = creates.get(0).pod();
    assertThat(image(web0)).isEqualTo("k8s.gcr.io/nginx-slim:0.8");
    assertThat(web0.subdomain()).isEqualTo("nginx");
    assertThat(web0.hostname()).isEqualTo("web-0");
    assertThat(web0.claimVolumes()).containsExactly(Map.entry("www", "www-web-0"));
    assertThat(plan.actionsOf(Action.CreateClaim.class))
        .extracting(c -> c.claim().name())
        .containsExactly("www-web-0");
  }

  @Test
  void parallelTutorial_createsBothPodsAtOnce() {
    ReconcilePlan plan = planEmpty("web-parallel.yaml");

    List<Action.CreatePod> creates = plan.actionsOf(Action.CreatePod.class);
    assertThat(creates).extracting(c -> c.pod().name()).containsExactly("web-0", "web-1");
    assertThat(creates)
        .allSatisfy(c -> assertThat(image(c.pod())).isEqualTo("k8s.gcr.io/nginx-slim:0.8"));
  }

  private static Object image(DesiredPod pod) {
    List<?> containers = (List<?>) pod.spec().get("containers");
    return ((Map<?, ?>) containers.get(0)).get("image");
  }
}
