package dev.ordinal.core.validation;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.LabelSelectorRequirement.Operator;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The apiserver's validation of a StatefulSet ({@code pkg/apis/apps/validation/validation.go},
 * v1.35): every violation, in the order the apiserver reports them, with its messages verbatim.
 *
 * <p>The apiserver defaults an object before validating it. These methods validate what they are
 * given, so an undefaulted spec yields {@code Required value} for {@code podManagementPolicy} and
 * {@code updateStrategy}; callers that want the apiserver's verdict validate {@link
 * Defaults#apply}. Fields the apiserver defaults to values that always pass (an unset {@code
 * replicas} or {@code partition}) are not reported.
 *
 * <p>The api enums cannot hold unknown strings, so a manifest reader parses them with {@link
 * #podManagementPolicy}, {@link #updateStrategyType}, {@link #retentionPolicy} or {@link
 * #parseEnum}, which record the apiserver's violation for an unknown value.
 *
 * @since 0.1.0
 */
public final class SpecValidator {

  private SpecValidator() {}

  private static final String NEGATIVE = "must be greater than or equal to 0";
  private static final String IMMUTABLE = "field is immutable";
  private static final String UPDATE_FORBIDDEN =
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',"
          + " 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and"
          + " 'minReadySeconds' are forbidden";
  private static final List<String> RETENTION_VALUES = List.of("Retain", "Delete");

  /**
   * Returns every violation the apiserver reports when the set is created (R-VALID-1, 3..13, 15),
   * in its order; empty if the set is valid. Warnings are not included (see {@link #warnings}).
   *
   * @throws NullPointerException if set is null
   */
  public static List<Violation> validate(StatefulSet set) {
    List<Violation> out = new ArrayList<>();
    objectMeta(set, out);
    spec(set.spec(), false, out);
    return List.copyOf(out);
  }

  /**
   * Returns every violation the apiserver reports when {@code previous} is replaced by {@code
   * updated}: immutable metadata, the whole new spec (as {@link #validate} checks it, except that
   * {@code serviceName} is not re-checked and the name is not re-validated) and R-VALID-14, the
   * fields that may not change.
   *
   * @throws NullPointerException if updated or previous is null
   */
  public static List<Violation> validateUpdate(StatefulSet updated, StatefulSet previous) {
    List<Violation> out = new ArrayList<>();
    if (!updated.name().equals(previous.name())) {
      out.add(Violation.invalid("metadata.name", updated.name(), IMMUTABLE, "R-VALID-1"));
    }
    if (!updated.namespace().equals(previous.namespace())) {
      out.add(Violation.invalid("metadata.namespace", updated.namespace(), IMMUTABLE, "R-VALID-1"));
    }
    labels(updated.labels(), "metadata.labels", "R-VALID-1", out);
    annotations(updated.annotations(), "metadata.annotations", "R-VALID-1", out);
    // Update validation ratchets serviceName (it cannot change anyway): allowed even if invalid.
    spec(updated.spec(), true, out);
    if (!immutablePart(updated.spec()).equals(immutablePart(previous.spec()))) {
      out.add(Violation.forbidden("spec", UPDATE_FORBIDDEN, "R-VALID-14"));
    }
    return List.copyOf(out);
  }

  /**
   * Returns the violations of the status invariants the apiserver enforces on a status update
   * (R-STATUS-11): counters not negative, ready, current, updated and available replicas not above
   * replicas, available not above ready, and {@code collisionCount} not decremented from {@code
   * previous}.
   *
   * @param previous the stored status, or null to skip the decrement check
   * @throws NullPointerException if status is null
   */
  public static List<Violation> validateStatus(
      StatefulSetStatus status, @Nullable StatefulSetStatus previous) {
    List<Violation> out = new ArrayList<>();
    String rule = "R-STATUS-11";
    nonNegative("status.replicas", status.replicas(), rule, out);
    nonNegative("status.readyReplicas", status.readyReplicas(), rule, out);
    nonNegative("status.currentReplicas", status.currentReplicas(), rule, out);
    nonNegative("status.updatedReplicas", status.updatedReplicas(), rule, out);
    nonNegative("status.availableReplicas", status.availableReplicas(), rule, out);
    nonNegative("status.observedGeneration", status.observedGeneration(), rule, out);
    Integer collisions = status.collisionCount();
    if (collisions != null) {
      nonNegative("status.collisionCount", collisions, rule, out);
    }
    String aboveReplicas = "cannot be greater than status.replicas";
    int replicas = status.replicas();
    if (status.readyReplicas() > replicas) {
      out.add(
          Violation.invalid("status.readyReplicas", status.readyReplicas(), aboveReplicas, rule));
    }
    if (status.currentReplicas() > replicas) {
      out.add(
          Violation.invalid(
              "status.currentReplicas", status.currentReplicas(), aboveReplicas, rule));
    }
    if (status.updatedReplicas() > replicas) {
      out.add(
          Violation.invalid(
              "status.updatedReplicas", status.updatedReplicas(), aboveReplicas, rule));
    }
    if (status.availableReplicas() > replicas) {
      out.add(
          Violation.invalid(
              "status.availableReplicas", status.availableReplicas(), aboveReplicas, rule));
    }
    if (status.availableReplicas() > status.readyReplicas()) {
      out.add(
          Violation.invalid(
              "status.availableReplicas",
              status.availableReplicas(),
              "cannot be greater than status.readyReplicas",
              rule));
    }
    if (previous != null && isDecremented(collisions, previous.collisionCount())) {
      int value = collisions == null ? 0 : collisions;
      out.add(Violation.invalid("status.collisionCount", value, "cannot be decremented", rule));
    }
    return List.copyOf(out);
  }

  /**
   * Returns warnings about a set the apiserver accepts: R-VALID-16's negative {@code
   * revisionHistoryLimit} (the apiserver's own warning text) and R-VALID-2, names too long for the
   * pods the controller will create (names over 52 characters leave no room for the {@code
   * controller-revision-hash} label; pod names over 63 characters are not valid hostnames).
   *
   * @throws NullPointerException if set is null
   */
  public static List<Violation> warnings(StatefulSet set) {
    List<Violation> out = new ArrayList<>();
    Integer limit = set.spec().revisionHistoryLimit();
    if (limit != null && limit < 0) {
      out.add(
          Violation.warning(
              "spec.revisionHistoryLimit",
              "a negative value retains all historical revisions; a value >= 0 is recommended",
              "R-VALID-16"));
    }
    int length = NameRules.byteLength(set.name());
    if (length > 52) {
      out.add(
          Violation.warning(
              "metadata.name",
              "is "
                  + length
                  + " characters long: pods are labelled controller-revision-hash=<name>-<hash>,"
                  + " which must be no more than 63 characters, so pod creation fails for names"
                  + " longer than 52 characters",
              "R-VALID-2"));
    }
    int replicas = set.spec().effectiveReplicas();
    if (replicas > 0) {
      String lastPod = set.name() + "-" + ((long) set.spec().startOrdinal() + replicas - 1);
      if (NameRules.byteLength(lastPod) > 63) {
        out.add(
            Violation.warning(
                "metadata.name",
                "pod name "
                    + GoFormat.quote(lastPod)
                    + " is longer than 63 characters: a pod's hostname and its"
                    + " statefulset.kubernetes.io/pod-name label must be no more than 63"
                    + " characters, so pod creation fails",
                "R-VALID-2"));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the set if {@link #validate} finds nothing.
   *
   * @throws InvalidStatefulSetException carrying every violation if the set is invalid
   * @throws NullPointerException if set is null
   */
  public static StatefulSet requireValid(StatefulSet set) {
    List<Violation> violations = validate(set);
    if (!violations.isEmpty()) {
      throw new InvalidStatefulSetException(set.name(), violations);
    }
    return set;
  }

  /**
   * Parses {@code spec.podManagementPolicy}. Returns null for an unset (null or empty) value, and
   * null plus the apiserver's violation in sink for an unknown one: {@code
   * spec.podManagementPolicy: Invalid value: "Foo": must be 'OrderedReady' or 'Parallel'}.
   *
   * @throws NullPointerException if sink is null
   */
  public static @Nullable PodManagementPolicy podManagementPolicy(
      @Nullable String raw, List<Violation> sink) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    for (PodManagementPolicy p : PodManagementPolicy.values()) {
      if (p.wireName().equals(raw)) {
        return p;
      }
    }
    sink.add(
        new Violation(
            "spec.podManagementPolicy",
            Violation.Type.INVALID,
            GoFormat.namedString(raw),
            "must be 'OrderedReady' or 'Parallel'",
            "R-VALID-3"));
    return null;
  }

  /**
   * Parses {@code spec.updateStrategy.type}. Returns null for an unset value, and null plus the
   * apiserver's violation in sink for an unknown one, which prints the whole strategy: {@code
   * spec.updateStrategy: Invalid value: {"Type":"Foo","RollingUpdate":null}: must be
   * 'RollingUpdate' or 'OnDelete'}.
   *
   * @param rollingUpdate the strategy's {@code rollingUpdate} block, printed in the violation
   * @throws NullPointerException if sink is null
   */
  public static @Nullable UpdateStrategyType updateStrategyType(
      @Nullable String raw, @Nullable RollingUpdate rollingUpdate, List<Violation> sink) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    for (UpdateStrategyType t : UpdateStrategyType.values()) {
      if (t.wireName().equals(raw)) {
        return t;
      }
    }
    sink.add(
        new Violation(
            "spec.updateStrategy",
            Violation.Type.INVALID,
            GoFormat.internalStrategyJson(raw, rollingUpdate),
            "must be 'RollingUpdate' or 'OnDelete'",
            "R-VALID-4"));
    return null;
  }

  /**
   * Parses {@code whenDeleted} or {@code whenScaled} of {@code
   * spec.persistentVolumeClaimRetentionPolicy} (R-VALID-13). Returns null for an unset value, and
   * null plus the violation in sink for an unknown one: {@code ...whenDeleted: Unsupported value:
   * "Keep": supported values: "Retain", "Delete"}.
   *
   * @param path the field path, such as {@code
   *     spec.persistentVolumeClaimRetentionPolicy.whenScaled}
   * @throws NullPointerException if path or sink is null
   */
  public static @Nullable RetentionPolicyType retentionPolicy(
      String path, @Nullable String raw, List<Violation> sink) {
    return parseEnum(
        path, raw, RetentionPolicyType.class, RetentionPolicyType::wireName, "R-VALID-13", sink);
  }

  /**
   * Parses an enum field by its Kubernetes spelling. Returns null for an unset (null or empty)
   * value, and null plus {@link Violation#unsupported} (supported values in declaration order) in
   * sink for an unknown one.
   *
   * @throws NullPointerException if path, type, wireName, rule or sink is null
   */
  public static <E extends Enum<E>> @Nullable E parseEnum(
      String path,
      @Nullable String raw,
      Class<E> type,
      Function<E, String> wireName,
      String rule,
      List<Violation> sink) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    List<String> supported = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = wireName.apply(e);
      if (name.equals(raw)) {
        return e;
      }
      supported.add(name);
    }
    sink.add(Violation.unsupported(path, raw, supported, rule));
    return null;
  }

  /** Adds the metadata violations of ValidateObjectMeta (R-VALID-1). */
  private static void objectMeta(StatefulSet set, List<Violation> out) {
    String rule = "R-VALID-1";
    if (set.name().isEmpty()) {
      out.add(Violation.required("metadata.name", "name or generateName is required", rule));
    } else {
      for (String msg : NameRules.dns1123Label(set.name())) {
        out.add(Violation.invalid("metadata.name", set.name(), msg, rule));
      }
    }
    if (set.namespace().isEmpty()) {
      out.add(Violation.required("metadata.namespace", "", rule));
    } else {
      for (String msg : NameRules.dns1123Label(set.namespace())) {
        out.add(Violation.invalid("metadata.namespace", set.namespace(), msg, rule));
      }
    }
    labels(set.labels(), "metadata.labels", rule, out);
    annotations(set.annotations(), "metadata.annotations", rule, out);
  }

  /** Adds the violations of ValidateStatefulSetSpec, in its order. */
  private static void spec(
      StatefulSetSpec spec, boolean allowInvalidServiceName, List<Violation> out) {
    if (spec.podManagementPolicy() == null) {
      out.add(Violation.required("spec.podManagementPolicy", "", "R-VALID-3"));
    }
    updateStrategy(spec.updateStrategy(), out);
    ClaimRetentionPolicy retention = spec.persistentVolumeClaimRetentionPolicy();
    if (retention != null) {
      String base = "spec.persistentVolumeClaimRetentionPolicy";
      if (retention.whenDeleted() == null) {
        out.add(Violation.unsupported(base + ".whenDeleted", "", RETENTION_VALUES, "R-VALID-13"));
      }
      if (retention.whenScaled() == null) {
        out.add(Violation.unsupported(base + ".whenScaled", "", RETENTION_VALUES, "R-VALID-13"));
      }
    }
    // An unset replicas converts to 0 in the internal type; defaulting makes it 1 anyway.
    nonNegative("spec.replicas", orZero(spec.replicas()), "R-VALID-8", out);
    nonNegative("spec.minReadySeconds", spec.minReadySeconds(), "R-VALID-8", out);
    Integer start = spec.ordinalsStart();
    if (start != null) {
      // Upstream names the child "ordinals.start" in one step; the printed path is the same.
      nonNegative("spec.ordinals.start", start, "R-VALID-9", out);
    }
    if (!allowInvalidServiceName && !spec.serviceName().isEmpty()) {
      for (String msg : NameRules.dns1123Label(spec.serviceName())) {
        out.add(Violation.invalid("spec.serviceName", spec.serviceName(), msg, "R-VALID-15"));
      }
    }
    selectorAndTemplate(spec.selector(), spec.template(), out);
    restartPolicyAndDeadline(spec.template(), out);
  }

  private static void updateStrategy(UpdateStrategy strategy, List<Violation> out) {
    UpdateStrategyType type = strategy.type();
    RollingUpdate block = strategy.rollingUpdate();
    if (type == null) {
      out.add(Violation.required("spec.updateStrategy", "", "R-VALID-4"));
    } else if (type == UpdateStrategyType.ON_DELETE) {
      if (block != null) {
        out.add(
            new Violation(
                "spec.updateStrategy.rollingUpdate",
                Violation.Type.INVALID,
                GoFormat.internalJson(block),
                "only allowed for updateStrategy 'RollingUpdate'",
                "R-VALID-5"));
      }
    } else if (block != null) {
      rollingUpdate(block, out);
    }
  }

  /** Adds the violations of validateRollingUpdateStatefulSet (R-VALID-6, R-VALID-7). */
  private static void rollingUpdate(RollingUpdate block, List<Violation> out) {
    String base = "spec.updateStrategy.rollingUpdate";
    nonNegative(base + ".partition", block.effectivePartition(), "R-VALID-6", out);
    IntOrString mu = block.maxUnavailable();
    if (mu == null) {
      return;
    }
    String path = base + ".maxUnavailable";
    String rule = "R-VALID-7";
    String rendered = GoFormat.json(mu);
    Integer asInt = mu.intValue();
    if (asInt != null) {
      nonNegative(path, asInt, rule, out);
    } else if (!NameRules.isPercent(Objects.requireNonNull(mu.stringValue()))) {
      out.add(
          new Violation(path, Violation.Type.INVALID, rendered, NameRules.percentError(), rule));
    }
    // getIntOrPercentValue reads a malformed string as Atoi would, so "abc" also counts as 0.
    if (intOrPercentValue(mu) == 0) {
      out.add(new Violation(path, Violation.Type.INVALID, rendered, "cannot be 0", rule));
    }
    if (asInt == null && isPercentAbove100(mu.stringValue())) {
      out.add(
          new Violation(
              path, Violation.Type.INVALID, rendered, "must not be greater than 100%", rule));
    }
  }

  /** Adds the selector and template-metadata violations (R-VALID-10, R-VALID-11). */
  private static void selectorAndTemplate(
      @Nullable LabelSelector selector, PodTemplate template, List<Violation> out) {
    List<Violation> selectorErrors = new ArrayList<>();
    if (selector == null) {
      out.add(Violation.required("spec.selector", "", "R-VALID-10"));
    } else {
      labelSelector(selector, selectorErrors);
      out.addAll(selectorErrors);
      if (selector.isEmpty()) {
        out.add(
            new Violation(
                "spec.selector",
                Violation.Type.INVALID,
                GoFormat.json(selector),
                "empty selector is invalid for statefulset",
                "R-VALID-10"));
      }
    }
    if (selector != null && !selectorErrors.isEmpty()) {
      // LabelSelectorAsSelector fails on exactly what ValidateLabelSelector rejects; upstream then
      // reports the selector once more with no detail and skips the template.
      out.add(
          new Violation(
              "spec.selector", Violation.Type.INVALID, GoFormat.json(selector), "", "R-VALID-10"));
      return;
    }
    // A nil selector converts to one that matches nothing; an empty one matches everything and is
    // not checked against the labels.
    boolean matches =
        selector != null && (selector.isEmpty() || selector.matches(template.labels()));
    if (!matches) {
      boolean hasLabels = template.metadata().get("labels") instanceof Map;
      out.add(
          new Violation(
              "spec.template.metadata.labels",
              Violation.Type.INVALID,
              GoFormat.labelsJson(hasLabels ? template.labels() : null),
              "`selector` does not match template `labels`",
              "R-VALID-11"));
    }
    labels(template.labels(), "spec.template.labels", "R-VALID-11", out);
    annotations(template.annotations(), "spec.template.annotations", "R-VALID-11", out);
  }

  /** Adds the R-VALID-12 violations of the pod template spec. */
  private static void restartPolicyAndDeadline(PodTemplate template, List<Violation> out) {
    Map<String, Object> podSpec = template.spec();
    Object restartPolicy = podSpec.get("restartPolicy");
    // Pod defaulting turns an unset or empty restartPolicy into Always before validation.
    if (restartPolicy != null && !"".equals(restartPolicy) && !"Always".equals(restartPolicy)) {
      String rendered =
          restartPolicy instanceof String
              ? GoFormat.namedString((String) restartPolicy)
              : GoFormat.badValue(restartPolicy);
      out.add(
          new Violation(
              "spec.template.spec.restartPolicy",
              Violation.Type.NOT_SUPPORTED,
              rendered,
              "supported values: \"Always\"",
              "R-VALID-12"));
    }
    if (podSpec.get("activeDeadlineSeconds") != null) {
      out.add(
          Violation.forbidden(
              "spec.template.spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in StatefulSet is not Supported",
              "R-VALID-12"));
    }
  }

  /** Adds the violations of ValidateLabelSelector with label values checked strictly. */
  private static void labelSelector(LabelSelector selector, List<Violation> out) {
    String rule = "R-VALID-10";
    labels(selector.matchLabels(), "spec.selector.matchLabels", rule, out);
    List<LabelSelectorRequirement> expressions = selector.matchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      String path = "spec.selector.matchExpressions[" + i + "]";
      boolean setBased = r.operator() == Operator.IN || r.operator() == Operator.NOT_IN;
      if (setBased && r.values().isEmpty()) {
        out.add(
            Violation.required(
                path + ".values", "must be specified when `operator` is 'In' or 'NotIn'", rule));
      } else if (!setBased && !r.values().isEmpty()) {
        out.add(
            Violation.forbidden(
                path + ".values",
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                rule));
      }
      for (String msg : NameRules.qualifiedName(r.key())) {
        out.add(Violation.invalid(path + ".key", r.key(), msg, rule));
      }
      for (int j = 0; j < r.values().size(); j++) {
        String value = r.values().get(j);
        for (String msg : NameRules.labelValue(value)) {
          out.add(Violation.invalid(path + ".values[" + j + "]", value, msg, rule));
        }
      }
    }
  }

  /** Adds the violations of ValidateLabels, keys in sorted order (Go's map order is random). */
  private static void labels(
      Map<String, String> labels, String path, String rule, List<Violation> out) {
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      for (String msg : NameRules.qualifiedName(e.getKey())) {
        out.add(Violation.invalid(path, e.getKey(), msg, rule));
      }
      for (String msg : NameRules.labelValue(e.getValue())) {
        out.add(Violation.invalid(path, e.getValue(), msg, rule));
      }
    }
  }

  /** Adds the key violations of ValidateAnnotations; keys are checked lower-cased. */
  private static void annotations(
      Map<String, String> annotations, String path, String rule, List<Violation> out) {
    for (String key : new TreeMap<>(annotations).keySet()) {
      for (String msg : NameRules.qualifiedName(key.toLowerCase(Locale.ROOT))) {
        out.add(Violation.invalid(path, key, msg, rule));
      }
    }
  }

  private static void nonNegative(String path, long value, String rule, List<Violation> out) {
    if (value < 0) {
      out.add(Violation.invalid(path, value, NEGATIVE, rule));
    }
  }

  private static int orZero(@Nullable Integer value) {
    return value == null ? 0 : value;
  }

  /** Returns the spec with the fields R-VALID-14 lets change removed. */
  private static List<Object> immutablePart(StatefulSetSpec spec) {
    return Arrays.asList(
        spec.selector(),
        spec.serviceName(),
        spec.volumeClaimTemplates(),
        spec.podManagementPolicy());
  }

  /** Returns true as IsDecremented does: an unset value after a set one counts as decremented. */
  private static boolean isDecremented(@Nullable Integer update, @Nullable Integer old) {
    if (update == null) {
      return old != null;
    }
    return old != null && update < old;
  }

  /** Returns getIntOrPercentValue: the percentage, else the int, else Atoi of the string. */
  private static long intOrPercentValue(IntOrString value) {
    Integer i = value.intValue();
    if (i != null) {
      return i;
    }
    String s = Objects.requireNonNull(value.stringValue());
    if (NameRules.isPercent(s)) {
      return atoi(s.substring(0, s.length() - 1));
    }
    return s.matches("[+-]?[0-9]+") ? atoi(s) : 0;
  }

  private static boolean isPercentAbove100(@Nullable String value) {
    return value != null
        && NameRules.isPercent(value)
        && atoi(value.substring(0, value.length() - 1)) > 100;
  }

  /** Returns Go's strconv.Atoi of a decimal string, clamped to int64 as Atoi clamps on overflow. */
  private static long atoi(String digits) {
    BigInteger v = new BigInteger(digits);
    if (v.bitLength() < 64) {
      return v.longValue();
    }
    return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
  }
}
