package dev.ordinal.core;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.validation.Defaults;
import java.util.ArrayList;
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
  public static StatefulSet rawStatefulSet(int replicas) {
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
    return set
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
        set
            .withSpec(edit.apply(StatefulSetSpec.builder().from(set.spec())).build()));
  }

  /** Returns the set with a retention policy. */
  public static StatefulSet withRetention(StatefulSet set, ClaimRetentionPolicy policy) {
    return withSpec(set, b -> b.persistentVolumeClaimRetentionPolicy(policy));
  }

  /** Returns the set with a new image: a template change, as {@code kubectl set image}. */
  public static StatefulSet withImage(StatefulSet set, String image) {
    return withSpec(set, b -> b.template(template(image)))
        .withGeneration(set.generation() + 1);
  }

  /** Returns the set with another {@code spec.replicas}, as {@code kubectl scale} would. */
  public static StatefulSet withReplicas(StatefulSet set, int replicas) {
    return withSpec(set, b -> b.replicas(replicas));
  }

  /** Returns the set with {@code spec.ordinals.start}. */
  public static StatefulSet withOrdinalsStart(StatefulSet set, int start) {
    return withSpec(set, b -> b.ordinalsStart(start));
  }

  /** Returns the set with {@code spec.minReadySeconds}. */
  public static StatefulSet withMinReadySeconds(StatefulSet set, int seconds) {
    return withSpec(set, b -> b.minReadySeconds(seconds));
  }

  /**
   * Returns each action of the plan as {@code "<Kind> <target>"}, for example {@code "CreatePod
   * foo-0"}; pod deletions carry their reason, {@code "DeletePod foo-4 SCALE_DOWN"}. Lets a test
   * assert the exact actions and their order in one readable line.
   */
  public static List<String> steps(ReconcilePlan plan) {
    return steps(plan.actions());
  }

  /** Returns the actions described as {@link #steps(ReconcilePlan)} describes them. */
  public static List<String> steps(List<Action> actions) {
    List<String> out = new ArrayList<>(actions.size());
    for (Action a : actions) {
      String step = a.getClass().getSimpleName() + " " + a.target();
      if (a instanceof Action.DeletePod d) {
        step += " " + d.reason();
      }
      out.add(step);
    }
    return out;
  }

  /**
   * Splits a Parallel plan's actions at its {@link ReconcilePlan#burstBatches() slow-start batch}
   * boundaries: one list per boundary, from it to the next boundary (the last to the end of the
   * plan). Actions before the first boundary, such as revision writes, belong to no batch.
   */
  public static List<List<Action>> batches(ReconcilePlan plan) {
    List<Integer> starts = plan.burstBatches();
    List<List<Action>> out = new ArrayList<>(starts.size());
    for (int b = 0; b < starts.size(); b++) {
      int to = b + 1 < starts.size() ? starts.get(b + 1) : plan.actions().size();
      out.add(plan.actions().subList(starts.get(b), to));
    }
    return out;
  }
}
