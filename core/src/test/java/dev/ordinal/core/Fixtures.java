package dev.ordinal.core;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.validation.Defaults;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures shaped like upstream's {@code newStatefulSet(n)}: set {@code foo} in namespace
 * {@code default} with uid {@code test}, selector and template labels {@code foo=bar}, image
 * {@code nginx}, claim template {@code datadir}, an extra {@code home} volume, service {@code
 * governingsvc}, RollingUpdate without a block, revisionHistoryLimit 2, Retain/Retain.
 */
public final class Fixtures {

  private Fixtures() {}

  /** The five retention policies upstream runs most tests over (nil is the default). */
  public static final List<ClaimRetentionPolicy> RETENTION_POLICIES =
      List.of(
          ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.RETAIN),
          ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN),
          ClaimRetentionPolicy.of(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE),
          ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.DELETE),
          new ClaimRetentionPolicy(null, null));

  /** Returns the pod template of upstream's fixture with this image. */
  public static PodTemplate template(String image) {
    return PodTemplate.of(
        Map.of(
            "metadata", Map.of("labels", Map.of("foo", "bar")),
            "spec",
                Map.of(
                    "containers",
                        List.of(
                            Map.of(
                                "name",
                                "nginx",
                                "image",
                                image,
                                "volumeMounts",
                                List.of(
                                    Map.of("name", "datadir", "mountPath", "/tmp/zookeeper"),
                                    Map.of("name", "home", "mountPath", "/home")))),
                    "volumes",
                        List.of(
                            Map.of(
                                "name",
                                "home",
                                "hostPath",
                                Map.of("path", "/tmp/home"))))));
  }

  /** Returns upstream's fixture with {@code replicas}, not yet defaulted. */
  public static ImmutableStatefulSet rawStatefulSet(int replicas) {
    return StatefulSet.builder()
        .name("foo")
        .namespace("default")
        .uid("test")
        .spec(
            StatefulSetSpec.builder()
                .replicas(replicas)
                .selector(LabelSelector.of(Map.of("foo", "bar")))
                .serviceName("governingsvc")
                .template(template("nginx"))
                .addVolumeClaimTemplate(VolumeClaimTemplate.of("datadir", "1Gi"))
                .updateStrategy(UpdateStrategy.rollingUpdateWithoutBlock())
                .revisionHistoryLimit(2)
                .build())
        .build();
  }

  /** Returns upstream's fixture with {@code replicas}, defaulted as the apiserver would. */
  public static StatefulSet newStatefulSet(int replicas) {
    return Defaults.apply(rawStatefulSet(replicas));
  }

  /** Returns the set with Parallel pod management (upstream's {@code burst(set)}). */
  public static StatefulSet burst(StatefulSet set) {
    return ImmutableStatefulSet.copyOf(set)
        .withSpec(
            StatefulSetSpec.builder()
                .from(set.spec())
                .podManagementPolicy(PodManagementPolicy.PARALLEL)
                .build());
  }

  /** Returns the set with another spec, built from its current one. */
  public static StatefulSet withSpec(
      StatefulSet set, java.util.function.UnaryOperator<dev.ordinal.api.ImmutableStatefulSetSpec.Builder> edit) {
    return Defaults.apply(
        ImmutableStatefulSet.copyOf(set)
            .withSpec(edit.apply(StatefulSetSpec.builder().from(set.spec())).build()));
  }

  /** Returns the set with a retention policy. */
  public static StatefulSet withRetention(StatefulSet set, ClaimRetentionPolicy policy) {
    return withSpec(set, b -> b.persistentVolumeClaimRetentionPolicy(policy));
  }

  /** Returns the set with a new image: a template change, as {@code kubectl set image}. */
  public static StatefulSet withImage(StatefulSet set, String image) {
    return ImmutableStatefulSet.copyOf(withSpec(set, b -> b.template(template(image))))
        .withGeneration(set.generation() + 1);
  }
}
