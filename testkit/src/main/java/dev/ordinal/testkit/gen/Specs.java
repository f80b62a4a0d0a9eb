package dev.ordinal.testkit.gen;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.validation.Defaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Random StatefulSets the apiserver would accept, defaulted as it defaults them: both pod
 * management policies, every update strategy form (unset, OnDelete, RollingUpdate with and without
 * a {@code rollingUpdate} block, partitions, maxUnavailable as a number or a percentage),
 * minReadySeconds, every retention policy (unset fields included), {@code ordinals.start}, zero to
 * two claim templates and a bounded replica count.
 *
 * <pre>{@code
 * StatefulSet set = Specs.statefulSet(Source.of(42));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Specs {

  /** Container name of every generated template; {@link Event.SetImage} edits it. */
  public static final String CONTAINER = "app";

  /** Images generated templates use, simplest first. */
  public static final List<String> IMAGES = List.of("nginx:1.0", "nginx:1.1", "nginx:2.0");

  private static final List<String> NAMES = List.of("web", "db", "my-app", "a");
  private static final List<String> CLAIM_TEMPLATES = List.of("data", "logs");

  private Specs() {}

  /**
   * How large generated sets get.
   *
   * @param maxReplicas the largest {@code spec.replicas}; also bounds partitions and maxUnavailable
   * @param maxOrdinalsStart the largest {@code spec.ordinals.start}
   * @param maxMinReadySeconds the largest {@code spec.minReadySeconds}
   * @since 0.1.0
   */
  public record Bounds(int maxReplicas, int maxOrdinalsStart, int maxMinReadySeconds) {

    /** Up to 5 replicas, start ordinals up to 3, minReadySeconds up to 30. */
    public static final Bounds DEFAULT = new Bounds(5, 3, 30);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if a bound is negative
     */
    public Bounds {
      if (maxReplicas < 0 || maxOrdinalsStart < 0 || maxMinReadySeconds < 0) {
        throw new IllegalArgumentException(
            "bounds must not be negative: maxReplicas="
                + maxReplicas
                + ", maxOrdinalsStart="
                + maxOrdinalsStart
                + ", maxMinReadySeconds="
                + maxMinReadySeconds);
      }
    }

    /** Returns bounds with at most this many replicas. */
    public Bounds withMaxReplicas(int maxReplicas) {
      return new Bounds(maxReplicas, maxOrdinalsStart, maxMinReadySeconds);
    }
  }

  /**
   * Returns a random valid StatefulSet within {@link Bounds#DEFAULT}, defaulted.
   *
   * @throws NullPointerException if source is null
   */
  public static StatefulSet statefulSet(Source source) {
    return statefulSet(source, Bounds.DEFAULT);
  }

  /**
   * Returns a random valid StatefulSet within the bounds, defaulted ({@link Defaults#apply}), with
   * generation 1 and an empty status: what the apiserver stores for a new set.
   *
   * @throws NullPointerException if source or bounds is null
   */
  public static StatefulSet statefulSet(Source source, Bounds bounds) {
    return Defaults.apply(rawStatefulSet(source, bounds));
  }

  /**
   * Returns a random valid StatefulSet as a user would write it: optional fields may be unset, so
   * that defaulting has work to do.
   *
   * @throws NullPointerException if source or bounds is null
   */
  public static StatefulSet rawStatefulSet(Source source, Bounds bounds) {
    requireNonNull(source, "source");
    requireNonNull(bounds, "bounds");
    String name = source.chance(70) ? source.pick(NAMES) : dnsLabel(source);
    Map<String, String> selectorLabels = Map.of("app", name);
    Map<String, String> templateLabels = new LinkedHashMap<>(selectorLabels);
    if (source.chance(20)) {
      templateLabels.put("tier", "backend");
    }
    LabelSelector selector =
        source.chance(15)
            ? new LabelSelector(
                selectorLabels,
                List.of(
                    new LabelSelectorRequirement(
                        "app", LabelSelectorRequirement.Operator.EXISTS, List.of())))
            : LabelSelector.of(selectorLabels);
    List<VolumeClaimTemplate> claims = new ArrayList<>();
    int claimCount = source.between(0, 2);
    for (int i = 0; i < claimCount; i++) {
      claims.add(VolumeClaimTemplate.of(CLAIM_TEMPLATES.get(i), "1Gi"));
    }
    Integer replicas = source.chance(10) ? null : source.between(0, bounds.maxReplicas());
    int replicaBound = replicas == null ? 1 : replicas;
    return StatefulSet.builder()
        .name(name)
        .namespace(source.chance(10) ? "prod" : "default")
        .uid("uid-" + name)
        .putLabel("app", name)
        .spec(
            StatefulSetSpec.builder()
                .replicas(replicas)
                .selector(selector)
                .serviceName(source.chance(50) ? name + "-svc" : "")
                .template(template(templateLabels, source.pick(IMAGES)))
                .volumeClaimTemplates(claims)
                .updateStrategy(updateStrategy(source, replicaBound))
                .podManagementPolicy(
                    source.pick(
                        (PodManagementPolicy) null,
                        PodManagementPolicy.ORDERED_READY,
                        PodManagementPolicy.PARALLEL))
                .minReadySeconds(
                    source.chance(25)
                        ? source.between(1, Math.max(1, bounds.maxMinReadySeconds()))
                        : 0)
                .revisionHistoryLimit(source.chance(30) ? null : source.between(0, 10))
                .persistentVolumeClaimRetentionPolicy(retentionPolicy(source))
                .ordinalsStart(
                    source.chance(60) ? null : source.between(0, bounds.maxOrdinalsStart()))
                .build())
        .build();
  }

  /**
   * Returns a random {@code spec.updateStrategy}, not defaulted: unset, OnDelete, RollingUpdate
   * without a block, or with a block whose partition and maxUnavailable (a number or a percentage)
   * may be unset.
   *
   * @param replicas partitions and maxUnavailable are drawn up to one more than this
   */
  public static UpdateStrategy updateStrategy(Source source, int replicas) {
    switch (source.below(4)) {
      case 0:
        return UpdateStrategy.UNSET;
      case 1:
        return UpdateStrategy.ON_DELETE;
      case 2:
        return UpdateStrategy.rollingUpdateWithoutBlock();
      default:
        Integer partition = source.chance(30) ? null : source.between(0, replicas + 1);
        IntOrString maxUnavailable;
        switch (source.below(3)) {
          case 0:
            maxUnavailable = null;
            break;
          case 1:
            maxUnavailable = IntOrString.of(source.between(1, replicas + 1));
            break;
          default:
            maxUnavailable = IntOrString.percent(source.between(1, 100));
            break;
        }
        return new UpdateStrategy(
            source.chance(20) ? null : UpdateStrategyType.ROLLING_UPDATE,
            new RollingUpdate(partition, maxUnavailable));
    }
  }

  /** Returns a random retention policy, or null (unset); unset fields are drawn too. */
  public static @Nullable ClaimRetentionPolicy retentionPolicy(Source source) {
    if (source.chance(15)) {
      return null;
    }
    return new ClaimRetentionPolicy(retentionType(source), retentionType(source));
  }

  /** Returns one of the four complete retention policies, Retain/Retain first. */
  public static ClaimRetentionPolicy completeRetentionPolicy(Source source) {
    return ClaimRetentionPolicy.of(
        source.pick(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE),
        source.pick(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE));
  }

  private static @Nullable RetentionPolicyType retentionType(Source source) {
    return source.chance(10)
        ? null
        : source.pick(RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE);
  }

  /** Returns a template with these labels and one container {@value #CONTAINER}. */
  public static PodTemplate template(Map<String, String> labels, String image) {
    return PodTemplate.of(labels, CONTAINER, image);
  }

  /**
   * Returns the template with the image of one container replaced, as {@code kubectl set image}
   * does; other containers and fields are kept.
   *
   * @throws IllegalArgumentException if the template has no container of that name
   */
  public static PodTemplate withImage(PodTemplate template, String container, String image) {
    Map<String, Object> content = new LinkedHashMap<>(template.content());
    Map<String, Object> spec = new LinkedHashMap<>(template.spec());
    Object containers = spec.get("containers");
    List<Object> edited = new ArrayList<>();
    boolean found = false;
    if (containers instanceof List) {
      for (Object c : (List<?>) containers) {
        if (c instanceof Map && container.equals(((Map<?, ?>) c).get("name"))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) c);
          copy.put("image", image);
          edited.add(copy);
          found = true;
        } else {
          edited.add(c);
        }
      }
    }
    if (!found) {
      throw new IllegalArgumentException("template has no container named " + container);
    }
    spec.put("containers", edited);
    content.put("spec", spec);
    return PodTemplate.of(content);
  }

  /** Returns a random DNS-1123 label of 1 to 12 characters, possibly with dashes and digits. */
  private static String dnsLabel(Source source) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
    int length = source.between(1, 12);
    StringBuilder sb = new StringBuilder(length);
    sb.append((char) ('a' + source.below(26)));
    for (int i = 1; i < length; i++) {
      boolean last = i == length - 1;
      // A label ends with an alphanumeric character.
      sb.append(alphabet.charAt(source.below(last ? 36 : 37)));
    }
    return sb.toString();
  }
}
