package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.Json;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.core.validation.SpecValidator;
import dev.ordinal.core.validation.Violation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetOrdinals;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps fabric8's Kubernetes objects to Ordinal's api values: the one mapping shared by manifest
 * readers and cluster adapters.
 *
 * <p>Each kind has two entry points: one taking a {@link Manifest}, whose errors name the file and
 * the document, and one taking the fabric8 object alone, as an adapter that reads from a cluster
 * has it, whose errors name only the object. Nothing of a pod template or claim template is lost:
 * they are kept whole as canonical JSON-like data. Unset optional fields stay unset (null), as the
 * api expects before {@link Defaults#apply}.
 *
 * <p>A StatefulSet is checked as the apiserver checks it on create: its enum fields are parsed with
 * {@link SpecValidator}'s helpers and the defaulted set is validated with {@link
 * SpecValidator#validate}, so a set this mapping returns is one the apiserver would accept. Values
 * the apiserver accepts but Ordinal cannot plan for ({@code replicas} above {@link
 * StatefulSetReconciler#MAX_REPLICAS}) are rejected too.
 *
 * @since 0.1.0
 */
public final class KubeMapping {

  private KubeMapping() {}

  private static final String NAME_REQUIRED = "name or generateName is required";
  private static final String RFC3339 =
      "must be an RFC 3339 date-time, such as 2006-01-02T15:04:05Z";

  /** The int32 fields of a StatefulSet spec that the planner reads. */
  private static final List<String> SPEC_INTEGERS =
      List.of(
          "replicas",
          "minReadySeconds",
          "revisionHistoryLimit",
          "updateStrategy.rollingUpdate.partition",
          "ordinals.start");

  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final String DNS1035_LABEL_MSG =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or"
          + " 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

  // ---------------------------------------------------------------------------------------------
  // StatefulSet

  /**
   * Maps a StatefulSet read from a manifest.
   *
   * @throws ManifestException if the manifest is not a StatefulSet, a required field is missing
   *     ({@code metadata.name}, {@code spec}, {@code spec.template}), an enum field or timestamp
   *     does not parse, {@code spec.replicas} exceeds {@link StatefulSetReconciler#MAX_REPLICAS},
   *     or the apiserver would reject the set; the message names the file, the set and the first
   *     bad field, and {@link ManifestException#violations()} has every violation
   */
  public static StatefulSet statefulSet(Manifest manifest) {
    return statefulSet(manifest, null);
  }

  /**
   * Maps a StatefulSet read from a manifest as {@link #statefulSet(Manifest)} does, except that
   * fields this mapping does not know are ignored rather than rejected, as the apiserver's clients
   * decode what a newer apiserver sends: for planning on what a cluster printed, where a field
   * added after this release must not stop the plan. Fields of {@code status} are reported too.
   * Nothing else is relaxed.
   *
   * @param ignored receives the path of each field ignored, such as {@code spec.futureField}, in a
   *     fixed order
   * @throws ManifestException as {@link #statefulSet(Manifest)} does, but never for an unknown
   *     field
   * @since 0.1.0
   */
  public static StatefulSet statefulSetIgnoringUnknownFields(
      Manifest manifest, Consumer<String> ignored) {
    requireNonNull(ignored, "ignored");
    return statefulSet(manifest, ignored);
  }

  private static StatefulSet statefulSet(Manifest manifest, @Nullable Consumer<String> ignored) {
    return inManifest(
        manifest,
        () -> {
          var set = manifest.as(io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
          quotedIntegers(manifest.tree(), manifest.describe());
          return statefulSet(set, new Errors(manifest.describe(), ignored));
        });
  }

  /**
   * Rejects a quoted number in the integer fields the planner reads, as the apiserver's decoder
   * does ("cannot unmarshal string into Go struct field ... of type int32"). fabric8 decodes int32
   * fields with its own lenient deserializer, so only the source tree still shows the quotes; other
   * fields keep fabric8's leniency.
   */
  private static void quotedIntegers(Map<String, Object> tree, String object) {
    Errors errors = new Errors(object, null);
    for (String field : SPEC_INTEGERS) {
      Object value = Json.object(tree, "spec");
      String[] steps = field.split("\\.");
      for (int i = 0; i < steps.length && value instanceof Map; i++) {
        value = ((Map<?, ?>) value).get(steps[i]);
      }
      if (value instanceof String) {
        errors.add(Problems.invalid("spec." + field, value, "must be an integer"));
      }
    }
    errors.throwIfAny();
  }

  /**
   * Maps a fabric8 StatefulSet, as an adapter reads it from a cluster.
   *
   * @throws ManifestException as {@link #statefulSet(Manifest)} does, without a source
   * @throws NullPointerException if set is null
   */
  public static StatefulSet statefulSet(io.fabric8.kubernetes.api.model.apps.StatefulSet set) {
    requireNonNull(set, "set");
    return statefulSet(set, new Errors(describe(set), null));
  }

  private static StatefulSet statefulSet(
      io.fabric8.kubernetes.api.model.apps.StatefulSet in, Errors errors) {
    ObjectMeta meta = metadata(in);
    String name = name(meta, errors);
    unknownFields(in.getAdditionalProperties(), "", errors);
    unknownFields(meta.getAdditionalProperties(), "metadata", errors);
    var spec = in.getSpec();
    if (spec == null) {
      errors.add(Problems.required("spec", ""));
      throw errors.toException();
    }
    unknownFields(spec.getAdditionalProperties(), "spec", errors);
    PodTemplate template = null;
    if (spec.getTemplate() == null) {
      errors.add(Problems.required("spec.template", ""));
    } else {
      template = PodTemplate.of(toMap(spec.getTemplate()));
    }
    Integer replicas = spec.getReplicas();
    if (replicas != null && replicas > StatefulSetReconciler.MAX_REPLICAS) {
      errors.add(Problems.invalid("spec.replicas", replicas, Problems.EXCEEDS_REPLICAS));
    }
    List<VolumeClaimTemplate> claims = new ArrayList<>();
    for (PersistentVolumeClaim claim : orEmpty(spec.getVolumeClaimTemplates())) {
      claims.add(VolumeClaimTemplate.of(toMap(claim)));
    }
    var builder =
        StatefulSetSpec.builder()
            .replicas(replicas)
            .selector(selector(spec.getSelector(), errors))
            .serviceName(orEmpty(spec.getServiceName()))
            .volumeClaimTemplates(claims)
            .updateStrategy(updateStrategy(spec.getUpdateStrategy(), errors))
            .podManagementPolicy(
                SpecValidator.podManagementPolicy(spec.getPodManagementPolicy(), errors.sink))
            .minReadySeconds(spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds())
            .revisionHistoryLimit(spec.getRevisionHistoryLimit())
            .persistentVolumeClaimRetentionPolicy(
                retentionPolicy(spec.getPersistentVolumeClaimRetentionPolicy(), errors))
            .ordinalsStart(ordinalsStart(spec.getOrdinals(), errors));
    Instant created = time(meta.getCreationTimestamp(), "metadata.creationTimestamp", errors);
    Instant deleted = time(meta.getDeletionTimestamp(), "metadata.deletionTimestamp", errors);
    StatefulSetStatus status = status(in.getStatus(), errors);
    errors.throwIfAny();
    StatefulSet set =
        StatefulSet.builder()
            .name(name)
            .namespace(namespace(meta))
            .uid(orEmpty(meta.getUid()))
            .generation(meta.getGeneration() == null ? 1 : meta.getGeneration())
            .labels(stringMap(meta.getLabels()))
            .annotations(stringMap(meta.getAnnotations()))
            .creationTimestamp(created)
            .deletionTimestamp(deleted)
            .spec(builder.template(requireNonNull(template)).build())
            .status(status)
            .build();
    // The apiserver defaults before it validates; the set itself is returned undefaulted.
    errors.sink.addAll(SpecValidator.validate(Defaults.apply(set)));
    errors.throwIfAny();
    return set;
  }

  private static @Nullable LabelSelector selector(
      io.fabric8.kubernetes.api.model.@Nullable LabelSelector in, Errors errors) {
    if (in == null) {
      return null;
    }
    unknownFields(in.getAdditionalProperties(), "spec.selector", errors);
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    List<io.fabric8.kubernetes.api.model.LabelSelectorRequirement> raw =
        orEmpty(in.getMatchExpressions());
    for (int i = 0; i < raw.size(); i++) {
      var r = raw.get(i);
      unknownFields(
          r.getAdditionalProperties(), "spec.selector.matchExpressions[" + i + "]", errors);
      String operator = orEmpty(r.getOperator());
      LabelSelectorRequirement.Operator op = null;
      for (LabelSelectorRequirement.Operator o : LabelSelectorRequirement.Operator.values()) {
        if (o.wireName().equals(operator)) {
          op = o;
        }
      }
      if (op == null) {
        errors.add(
            Problems.invalid(
                "spec.selector.matchExpressions[" + i + "].operator",
                operator,
                "not a valid selector operator"));
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String v : orEmpty(r.getValues())) {
        values.add(orEmpty(v));
      }
      expressions.add(new LabelSelectorRequirement(orEmpty(r.getKey()), op, values));
    }
    return new LabelSelector(stringMap(in.getMatchLabels()), expressions);
  }

  private static UpdateStrategy updateStrategy(
      @Nullable StatefulSetUpdateStrategy in, Errors errors) {
    if (in == null) {
      return UpdateStrategy.UNSET;
    }
    unknownFields(in.getAdditionalProperties(), "spec.updateStrategy", errors);
    RollingUpdateStatefulSetStrategy ru = in.getRollingUpdate();
    if (ru != null) {
      unknownFields(ru.getAdditionalProperties(), "spec.updateStrategy.rollingUpdate", errors);
    }
    RollingUpdate block =
        ru == null
            ? null
            : new RollingUpdate(ru.getPartition(), intOrString(ru.getMaxUnavailable()));
    UpdateStrategyType type = SpecValidator.updateStrategyType(in.getType(), block, errors.sink);
    return new UpdateStrategy(type, block);
  }

  private static @Nullable ClaimRetentionPolicy retentionPolicy(
      @Nullable StatefulSetPersistentVolumeClaimRetentionPolicy in, Errors errors) {
    if (in == null) {
      return null;
    }
    String base = "spec.persistentVolumeClaimRetentionPolicy";
    unknownFields(in.getAdditionalProperties(), base, errors);
    RetentionPolicyType whenDeleted =
        SpecValidator.retentionPolicy(base + ".whenDeleted", in.getWhenDeleted(), errors.sink);
    RetentionPolicyType whenScaled =
        SpecValidator.retentionPolicy(base + ".whenScaled", in.getWhenScaled(), errors.sink);
    return new ClaimRetentionPolicy(whenDeleted, whenScaled);
  }

  private static @Nullable Integer ordinalsStart(@Nullable StatefulSetOrdinals in, Errors errors) {
    if (in == null) {
      return null;
    }
    unknownFields(in.getAdditionalProperties(), "spec.ordinals", errors);
    // Go's Start is a plain int32: an ordinals block without start means 0, not "unset".
    return in.getStart() == null ? 0 : in.getStart();
  }

  private static StatefulSetStatus status(
      io.fabric8.kubernetes.api.model.apps.@Nullable StatefulSetStatus in, Errors errors) {
    if (in == null) {
      return StatefulSetStatus.EMPTY;
    }
    // The apiserver ignores status on create, so only a lenient read looks at its fields.
    if (errors.ignored != null) {
      unknownFields(in.getAdditionalProperties(), "status", errors);
    }
    List<StatefulSetCondition> conditions = new ArrayList<>();
    var raw = orEmpty(in.getConditions());
    for (int i = 0; i < raw.size(); i++) {
      var c = raw.get(i);
      conditions.add(
          new StatefulSetCondition(
              orEmpty(c.getType()),
              orEmpty(c.getStatus()),
              time(
                  c.getLastTransitionTime(),
                  "status.conditions[" + i + "].lastTransitionTime",
                  errors),
              c.getReason(),
              c.getMessage()));
    }
    return StatefulSetStatus.builder()
        .observedGeneration(in.getObservedGeneration() == null ? 0 : in.getObservedGeneration())
        .replicas(orZero(in.getReplicas()))
        .readyReplicas(orZero(in.getReadyReplicas()))
        .currentReplicas(orZero(in.getCurrentReplicas()))
        .updatedReplicas(orZero(in.getUpdatedReplicas()))
        .availableReplicas(orZero(in.getAvailableReplicas()))
        .currentRevision(orEmpty(in.getCurrentRevision()))
        .updateRevision(orEmpty(in.getUpdateRevision()))
        .collisionCount(in.getCollisionCount())
        .conditions(conditions)
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // Pod

  /**
   * Maps a pod read from a manifest, such as an item of {@code kubectl get pods -o yaml}.
   *
   * @throws ManifestException if the manifest is not a Pod, has no {@code metadata.name}, or has an
   *     unknown {@code status.phase}, a bad timestamp or an incomplete owner reference
   */
  public static ObservedPod pod(Manifest manifest) {
    return inManifest(manifest, () -> pod(manifest.as(Pod.class), manifest.describe()));
  }

  /**
   * Maps a fabric8 pod: identity and metadata, {@code status.phase}, the {@code Ready} condition's
   * status and last transition, the volumes that mount claims, {@code hostname} and {@code
   * subdomain}.
   *
   * @throws ManifestException as {@link #pod(Manifest)} does, without a source
   * @throws NullPointerException if pod is null
   */
  public static ObservedPod pod(Pod pod) {
    requireNonNull(pod, "pod");
    return pod(pod, describe(pod));
  }

  private static ObservedPod pod(Pod in, String object) {
    Errors errors = new Errors(object, null);
    ObjectMeta meta = metadata(in);
    String name = name(meta, errors);
    var status = in.getStatus();
    PodPhase phase = null;
    boolean ready = false;
    Instant readySince = null;
    if (status != null) {
      phase =
          SpecValidator.parseEnum(
              "status.phase",
              status.getPhase(),
              PodPhase.class,
              PodPhase::wireName,
              Problems.RULE,
              errors.sink);
      List<PodCondition> conditions = orEmpty(status.getConditions());
      for (int i = 0; i < conditions.size(); i++) {
        PodCondition c = conditions.get(i);
        // Like podutil.GetPodReadyCondition: the first Ready condition counts.
        if ("Ready".equals(c.getType())) {
          ready = "True".equals(c.getStatus());
          readySince =
              time(
                  c.getLastTransitionTime(),
                  "status.conditions[" + i + "].lastTransitionTime",
                  errors);
          break;
        }
      }
    }
    PodSpec spec = in.getSpec();
    Map<String, String> claimVolumes = new LinkedHashMap<>();
    if (spec != null) {
      for (Volume v : orEmpty(spec.getVolumes())) {
        if (v.getPersistentVolumeClaim() != null) {
          claimVolumes.put(
              orEmpty(v.getName()), orEmpty(v.getPersistentVolumeClaim().getClaimName()));
        }
      }
    }
    List<OwnerReference> owners = ownerReferences(meta, errors);
    Instant created = time(meta.getCreationTimestamp(), "metadata.creationTimestamp", errors);
    Instant deleted = time(meta.getDeletionTimestamp(), "metadata.deletionTimestamp", errors);
    errors.throwIfAny();
    return ObservedPod.builder()
        .name(name)
        .namespace(namespace(meta))
        .uid(orEmpty(meta.getUid()))
        .labels(stringMap(meta.getLabels()))
        .annotations(stringMap(meta.getAnnotations()))
        .ownerReferences(owners)
        .creationTimestamp(created)
        .deletionTimestamp(deleted)
        .phase(phase)
        .ready(ready)
        .readyTransitionTime(readySince)
        .claimVolumes(claimVolumes)
        .hostname(spec == null ? null : spec.getHostname())
        .subdomain(spec == null ? null : spec.getSubdomain())
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // PersistentVolumeClaim

  /**
   * Maps a PersistentVolumeClaim read from a manifest.
   *
   * @throws ManifestException if the manifest is not a PersistentVolumeClaim, has no {@code
   *     metadata.name}, or has a bad timestamp or an incomplete owner reference
   */
  public static ObservedClaim claim(Manifest manifest) {
    return inManifest(
        manifest, () -> claim(manifest.as(PersistentVolumeClaim.class), manifest.describe()));
  }

  /**
   * Maps a fabric8 PersistentVolumeClaim: identity, labels, owner references and deletion.
   *
   * @throws ManifestException as {@link #claim(Manifest)} does, without a source
   * @throws NullPointerException if claim is null
   */
  public static ObservedClaim claim(PersistentVolumeClaim claim) {
    requireNonNull(claim, "claim");
    return claim(claim, describe(claim));
  }

  private static ObservedClaim claim(PersistentVolumeClaim in, String object) {
    Errors errors = new Errors(object, null);
    ObjectMeta meta = metadata(in);
    String name = name(meta, errors);
    List<OwnerReference> owners = ownerReferences(meta, errors);
    Instant deleted = time(meta.getDeletionTimestamp(), "metadata.deletionTimestamp", errors);
    errors.throwIfAny();
    return ObservedClaim.builder()
        .name(name)
        .namespace(namespace(meta))
        .uid(orEmpty(meta.getUid()))
        .labels(stringMap(meta.getLabels()))
        .ownerReferences(owners)
        .deletionTimestamp(deleted)
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // ControllerRevision

  /**
   * Maps a ControllerRevision read from a manifest.
   *
   * @throws ManifestException if the manifest is not a ControllerRevision, or as {@link
   *     #revision(io.fabric8.kubernetes.api.model.apps.ControllerRevision)} describes
   */
  public static ControllerRevision revision(Manifest manifest) {
    return inManifest(
        manifest,
        () ->
            revision(
                manifest.as(io.fabric8.kubernetes.api.model.apps.ControllerRevision.class),
                manifest.describe()));
  }

  /**
   * Maps a fabric8 ControllerRevision. Its {@code data} is kept as the bytes the apiserver stores:
   * re-encoded with {@link Json#marshal}, sorted and compact as Go's encoder wrote them, so that
   * revision equality and hashing see what upstream sees. {@code data.spec.template} is decoded
   * into the revision's {@link PodTemplate}, without the {@code $patch} directive.
   *
   * @throws ManifestException if {@code metadata.name} or {@code data} is missing, {@code revision}
   *     is negative, {@code data.spec.template} is not an object, or a timestamp or owner reference
   *     is bad
   * @throws NullPointerException if revision is null
   */
  public static ControllerRevision revision(
      io.fabric8.kubernetes.api.model.apps.ControllerRevision revision) {
    requireNonNull(revision, "revision");
    return revision(revision, describe(revision));
  }

  private static ControllerRevision revision(
      io.fabric8.kubernetes.api.model.apps.ControllerRevision in, String object) {
    Errors errors = new Errors(object, null);
    ObjectMeta meta = metadata(in);
    String name = name(meta, errors);
    Object data =
        in.getData() instanceof RawExtension
            ? ((RawExtension) in.getData()).getValue()
            : in.getData();
    String raw = null;
    PodTemplate template = null;
    if (data == null) {
      errors.add(Problems.required("data", "data is mandatory"));
    } else {
      Object canonical;
      try {
        // An adapter may hand over data fabric8 did not decode itself: make it plain data first.
        canonical =
            Json.canonical(
                data instanceof Map || data instanceof List
                    ? data
                    : KubeSerialization.INSTANCE.convertValue(data, Object.class));
      } catch (IllegalArgumentException e) {
        canonical = null;
        errors.add(Problems.invalid("data", null, "must be JSON data"));
      }
      if (canonical != null) {
        raw = Json.marshal(canonical);
        Object spec = canonical instanceof Map ? ((Map<?, ?>) canonical).get("spec") : null;
        Object templateValue = spec instanceof Map ? ((Map<?, ?>) spec).get("template") : null;
        if (!(templateValue instanceof Map)) {
          errors.add(
              templateValue == null
                  ? Problems.required("data.spec.template", "")
                  : Problems.invalid("data.spec.template", templateValue, "must be an object"));
        } else {
          Map<String, Object> content = new TreeMap<>();
          ((Map<?, ?>) templateValue).forEach((k, v) -> content.put((String) k, v));
          // The $patch directive is part of the stored data, not of the template (R-REV-1).
          content.remove("$patch");
          template = PodTemplate.of(content);
        }
      }
    }
    long number = in.getRevision() == null ? 0 : in.getRevision();
    if (number < 0) {
      errors.add(Problems.invalid("revision", number, "must be greater than or equal to 0"));
    }
    List<OwnerReference> owners = ownerReferences(meta, errors);
    Instant created = time(meta.getCreationTimestamp(), "metadata.creationTimestamp", errors);
    errors.throwIfAny();
    return ControllerRevision.builder()
        .name(name)
        .namespace(namespace(meta))
        .uid(orEmpty(meta.getUid()))
        .labels(stringMap(meta.getLabels()))
        .annotations(stringMap(meta.getAnnotations()))
        .ownerReferences(owners)
        .creationTimestamp(created)
        .revision(number)
        .data(requireNonNull(raw))
        .template(requireNonNull(template))
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // Service

  /**
   * Maps a Service read from a manifest.
   *
   * @throws ManifestException if the manifest is not a Service, or as {@link #service(Service)}
   *     describes
   */
  public static ObservedService service(Manifest manifest) {
    return inManifest(manifest, () -> service(manifest.as(Service.class), manifest.describe()));
  }

  /**
   * Maps a fabric8 Service to the few fields a StatefulSet scenario reads.
   *
   * @throws ManifestException if {@code metadata.name} is missing or not a DNS-1035 label (the
   *     apiserver's rule for service names), or a port has no {@code port}
   * @throws NullPointerException if service is null
   */
  public static ObservedService service(Service service) {
    requireNonNull(service, "service");
    return service(service, describe(service));
  }

  private static ObservedService service(Service in, String object) {
    Errors errors = new Errors(object, null);
    ObjectMeta meta = metadata(in);
    String name = name(meta, errors);
    if (!name.isEmpty()) {
      if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
        errors.add(Problems.invalid("metadata.name", name, "must be no more than 63 characters"));
      }
      if (!DNS1035_LABEL.matcher(name).matches()) {
        errors.add(Problems.invalid("metadata.name", name, DNS1035_LABEL_MSG));
      }
    }
    ServiceSpec spec = in.getSpec();
    List<ObservedService.Port> ports = new ArrayList<>();
    Map<String, String> selector = Map.of();
    String clusterIP = null;
    if (spec != null) {
      selector = stringMap(spec.getSelector());
      clusterIP = spec.getClusterIP();
      List<ServicePort> raw = orEmpty(spec.getPorts());
      for (int i = 0; i < raw.size(); i++) {
        ServicePort p = raw.get(i);
        if (p.getPort() == null) {
          errors.add(Problems.required("spec.ports[" + i + "].port", ""));
          continue;
        }
        ports.add(
            new ObservedService.Port(
                orEmpty(p.getName()),
                p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol(),
                p.getPort(),
                intOrString(p.getTargetPort())));
      }
    }
    errors.throwIfAny();
    return new ObservedService(
        name, namespace(meta), stringMap(meta.getLabels()), selector, clusterIP, ports);
  }

  // ---------------------------------------------------------------------------------------------
  // Shared pieces

  /** Collects violations of one object; the first is reported. */
  private static final class Errors {
    final String object;
    final List<Violation> sink = new ArrayList<>();

    /** Where unknown fields go when they are ignored; null when they are errors. */
    final @Nullable Consumer<String> ignored;

    Errors(String object, @Nullable Consumer<String> ignored) {
      this.object = object;
      this.ignored = ignored;
    }

    void add(Violation v) {
      sink.add(v);
    }

    void throwIfAny() {
      if (!sink.isEmpty()) {
        throw toException();
      }
    }

    ManifestException toException() {
      return ManifestException.ofViolation(null, object, sink.get(0), sink);
    }
  }

  private interface Mapping<T> {
    T map();
  }

  /** Runs a mapping of a manifest's object, adding the manifest's source to its errors. */
  private static <T> T inManifest(Manifest manifest, Mapping<T> mapping) {
    requireNonNull(manifest, "manifest");
    try {
      return mapping.map();
    } catch (ManifestException e) {
      throw e.in(manifest.source(), manifest.describe());
    }
  }

  private static String describe(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    return Problems.describe(object.getKind(), meta == null ? null : meta.getName(), -1, -1);
  }

  /**
   * Adds an error for each field fabric8 did not know and kept aside: kubectl decodes strictly by
   * default ({@code --validate=strict}) and rejects them, and a misspelt field such as {@code
   * spec.replica} would otherwise be silently ignored. Only the fields this mapping interprets are
   * checked; the templates are kept whole, unknown fields included.
   */
  private static void unknownFields(
      @Nullable Map<String, Object> additional, String path, Errors errors) {
    if (additional == null || additional.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Object> e : new TreeMap<>(additional).entrySet()) {
      String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      if (errors.ignored != null) {
        errors.ignored.accept(field);
      } else {
        errors.add(Problems.invalid(field, e.getValue(), "unknown field"));
      }
    }
  }

  private static ObjectMeta metadata(HasMetadata object) {
    return object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
  }

  private static String name(ObjectMeta meta, Errors errors) {
    String name = meta.getName();
    if (name == null || name.isEmpty()) {
      errors.add(Problems.required("metadata.name", NAME_REQUIRED));
      return "";
    }
    return name;
  }

  private static String namespace(ObjectMeta meta) {
    String ns = meta.getNamespace();
    // kubectl puts objects without a namespace in the context's namespace: "default" here.
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  private static List<OwnerReference> ownerReferences(ObjectMeta meta, Errors errors) {
    List<OwnerReference> out = new ArrayList<>();
    var refs = orEmpty(meta.getOwnerReferences());
    for (int i = 0; i < refs.size(); i++) {
      var r = refs.get(i);
      String path = "metadata.ownerReferences[" + i + "]";
      int before = errors.sink.size();
      // validateOwnerReference's checks, in its order and words.
      if (orEmpty(r.getApiVersion()).isEmpty()) {
        errors.add(Problems.invalid(path + ".apiVersion", "", "version must not be empty"));
      }
      if (orEmpty(r.getKind()).isEmpty()) {
        errors.add(Problems.invalid(path + ".kind", "", "kind must not be empty"));
      }
      if (orEmpty(r.getName()).isEmpty()) {
        errors.add(Problems.invalid(path + ".name", "", "name must not be empty"));
      }
      if (orEmpty(r.getUid()).isEmpty()) {
        errors.add(Problems.invalid(path + ".uid", "", "uid must not be empty"));
      }
      if (errors.sink.size() == before) {
        out.add(
            new OwnerReference(
                r.getApiVersion(),
                r.getKind(),
                r.getName(),
                r.getUid(),
                Boolean.TRUE.equals(r.getController()),
                Boolean.TRUE.equals(r.getBlockOwnerDeletion())));
      }
    }
    return out;
  }

  /** Parses a metav1.Time as Go's time.Parse(RFC3339) does: offset required, fraction allowed. */
  private static @Nullable Instant time(@Nullable String raw, String path, Errors errors) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(Problems.invalid(path, raw, RFC3339));
      return null;
    }
  }

  private static @Nullable IntOrString intOrString(
      io.fabric8.kubernetes.api.model.@Nullable IntOrString in) {
    if (in == null) {
      return null;
    }
    if (in.getIntVal() != null) {
      return IntOrString.of(in.getIntVal());
    }
    return in.getStrVal() == null ? null : IntOrString.of(in.getStrVal());
  }

  /** Returns the fabric8 object as JSON-like data, through the serialization, nothing dropped. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(Object fabric8) {
    return (Map<String, Object>) KubeSerialization.INSTANCE.convertValue(fabric8, Map.class);
  }

  /** Returns a string map with null values as "", which is what Go decodes JSON null into. */
  private static Map<String, String> stringMap(@Nullable Map<String, String> in) {
    if (in == null || in.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k, v == null ? "" : v));
    return out;
  }

  private static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static int orZero(@Nullable Integer i) {
    return i == null ? 0 : i;
  }
}
