package dev.ordinal.core.validation;

import static dev.ordinal.core.validation.Fixtures.LABELS;
import static dev.ordinal.core.validation.Fixtures.bareSpec;
import static dev.ordinal.core.validation.Fixtures.errors;
import static dev.ordinal.core.validation.Fixtures.set;
import static dev.ordinal.core.validation.Fixtures.template;
import static dev.ordinal.core.validation.Fixtures.valid;
import static dev.ordinal.core.validation.Fixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.LabelSelectorRequirement.Operator;
import dev.ordinal.api.LabelSelectorRequirement;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import dev.ordinal.api.VolumeClaimTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecValidatorTest {

  private static final String DNS_LABEL =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String QUALIFIED_NAME_PART =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
          + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String PERCENT =
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or"
          + " '93%', regex used for validation is '[0-9]+%')";
  private static final String MAX_UNAVAILABLE = "spec.updateStrategy.rollingUpdate.maxUnavailable";

  private static StatefulSet named(String name) {
    return valid().withName(name);
  }

  private static StatefulSet withMaxUnavailable(IntOrString value) {
    return validWith(
        s -> s.withUpdateStrategy(UpdateStrategy.rollingUpdateWith(new RollingUpdate(0, value))));
  }

  @Test
  void defaultedMinimalSet_isValid() {
    assertThat(SpecValidator.validate(valid())).isEmpty();
    assertThat(SpecValidator.requireValid(valid())).isEqualTo(valid());
  }

  @Test
  @Tag("R-VALID-1")
  void emptyName_isRequired() {
    assertThat(errors(named("")))
        .containsExactly("metadata.name: Required value: name or generateName is required");
  }

  @Test
  @Tag("R-VALID-1")
  void name_mustBeADnsLabel() {
    assertThat(errors(named("Web_1")))
        .containsExactly("metadata.name: Invalid value: \"Web_1\": " + DNS_LABEL);
  }

  @Test
  @Tag("R-VALID-1")
  void nameWithDots_isASubdomainButNotALabel() {
    assertThat(errors(named("web.1")))
        .containsExactly("metadata.name: Invalid value: \"web.1\": must not contain dots");
  }

  @Test
  @Tag("R-VALID-1")
  void nameLongerThan63Characters_isInvalid() {
    String name = "a".repeat(64);
    assertThat(errors(named(name)))
        .containsExactly(
            "metadata.name: Invalid value: \"" + name + "\": must be no more than 63 characters");
    assertThat(errors(named("a".repeat(63)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-1")
  void metadataLabelsAndNamespace_areValidated() {
    StatefulSet set =
        valid().withNamespace("").withLabels(Map.of("bad key", "x"));
    assertThat(errors(set))
        .containsExactly(
            "metadata.namespace: Required value",
            "metadata.labels: Invalid value: \"bad key\": " + QUALIFIED_NAME_PART);
  }

  @Test
  @Tag("R-VALID-3")
  void unsetPodManagementPolicy_isRequiredWhenNotDefaulted() {
    assertThat(errors(validWith(s -> s.withPodManagementPolicy(null))))
        .containsExactly("spec.podManagementPolicy: Required value");
  }

  @Test
  @Tag("R-VALID-4")
  void unsetUpdateStrategyType_isRequiredWhenNotDefaulted() {
    assertThat(errors(validWith(s -> s.withUpdateStrategy(UpdateStrategy.UNSET))))
        .containsExactly("spec.updateStrategy: Required value");
    // Without a type the block is not looked at.
    assertThat(
            errors(
                validWith(
                    s ->
                        s.withUpdateStrategy(
                            new UpdateStrategy(null, RollingUpdate.partition(-1))))))
        .containsExactly("spec.updateStrategy: Required value");
  }

  @Test
  @Tag("R-VALID-5")
  void onDeleteWithRollingUpdateBlock_isInvalid() {
    UpdateStrategy strategy =
        new UpdateStrategy(UpdateStrategyType.ON_DELETE, RollingUpdate.partition(2));
    assertThat(errors(validWith(s -> s.withUpdateStrategy(strategy))))
        .containsExactly(
            "spec.updateStrategy.rollingUpdate: Invalid value:"
                + " {\"Partition\":2,\"MaxUnavailable\":null}: only allowed for updateStrategy"
                + " 'RollingUpdate'");
    assertThat(errors(validWith(s -> s.withUpdateStrategy(UpdateStrategy.ON_DELETE)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-6")
  void negativePartition_isInvalid() {
    assertThat(errors(validWith(s -> s.withUpdateStrategy(UpdateStrategy.partitioned(-1)))))
        .containsExactly(
            "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than"
                + " or equal to 0");
  }

  @Test
  @Tag("R-VALID-6")
  void partitionAboveReplicas_isValid() {
    assertThat(errors(validWith(s -> s.withUpdateStrategy(UpdateStrategy.partitioned(50)))))
        .isEmpty();
  }

  @Test
  @Tag("R-VALID-7")
  void zeroMaxUnavailable_isInvalid() {
    assertThat(errors(withMaxUnavailable(IntOrString.of(0))))
        .containsExactly(MAX_UNAVAILABLE + ": Invalid value: 0: cannot be 0");
  }

  @Test
  @Tag("R-VALID-7")
  void zeroPercentMaxUnavailable_isInvalid() {
    assertThat(errors(withMaxUnavailable(IntOrString.of("0%"))))
        .containsExactly(MAX_UNAVAILABLE + ": Invalid value: \"0%\": cannot be 0");
  }

  @Test
  @Tag("R-VALID-7")
  void moreThan100Percent_isInvalid() {
    assertThat(errors(withMaxUnavailable(IntOrString.of("101%"))))
        .containsExactly(
            MAX_UNAVAILABLE + ": Invalid value: \"101%\": must not be greater than 100%");
  }

  @Test
  @Tag("R-VALID-7")
  void nonPercentString_isInvalidAndCountsAsZero() {
    assertThat(errors(withMaxUnavailable(IntOrString.of("abc"))))
        .containsExactly(
            MAX_UNAVAILABLE + ": Invalid value: \"abc\": " + PERCENT,
            MAX_UNAVAILABLE + ": Invalid value: \"abc\": cannot be 0");
  }

  @Test
  @Tag("R-VALID-7")
  void numericStringWithoutPercentSign_isInvalidButNotZero() {
    assertThat(errors(withMaxUnavailable(IntOrString.of("5"))))
        .containsExactly(MAX_UNAVAILABLE + ": Invalid value: \"5\": " + PERCENT);
  }

  @Test
  @Tag("R-VALID-7")
  void negativeInteger_isInvalid() {
    assertThat(errors(withMaxUnavailable(IntOrString.of(-1))))
        .containsExactly(
            MAX_UNAVAILABLE + ": Invalid value: -1: must be greater than or equal to 0");
  }

  @ParameterizedTest
  @CsvSource({"10%", "1%", "100%", "2", "1", "500"})
  @Tag("R-VALID-7")
  void validMaxUnavailable_isAccepted(String value) {
    IntOrString v =
        value.endsWith("%") ? IntOrString.of(value) : IntOrString.of(Integer.parseInt(value));
    assertThat(errors(withMaxUnavailable(v))).isEmpty();
  }

  @Test
  @Tag("R-VALID-8")
  void negativeReplicasAndMinReadySeconds_areInvalid() {
    assertThat(errors(validWith(s -> s.withReplicas(-1).withMinReadySeconds(-5))))
        .containsExactly(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0");
  }

  @Test
  @Tag("R-VALID-9")
  void negativeOrdinalsStart_isInvalid() {
    assertThat(errors(validWith(s -> s.withOrdinalsStart(-2))))
        .containsExactly(
            "spec.ordinals.start: Invalid value: -2: must be greater than or equal to 0");
    assertThat(errors(validWith(s -> s.withOrdinalsStart(0)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-10")
  void missingSelector_isRequiredAndMatchesNoLabels() {
    assertThat(errors(validWith(s -> s.withSelector(null))))
        .containsExactly(
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not"
                + " match template `labels`");
  }

  @Test
  @Tag("R-VALID-10")
  void emptySelector_isInvalid() {
    assertThat(errors(validWith(s -> s.withSelector(LabelSelector.of(Map.of())))))
        .containsExactly(
            "spec.selector: Invalid value: {}: empty selector is invalid for statefulset");
  }

  @Test
  @Tag("R-VALID-10")
  void selectorWithInvalidKey_isReportedTwiceAndTheTemplateIsSkipped() {
    LabelSelector selector = LabelSelector.of(Map.of("bad key", "web"));
    assertThat(errors(validWith(s -> s.withSelector(selector))))
        .containsExactly(
            "spec.selector.matchLabels: Invalid value: \"bad key\": " + QUALIFIED_NAME_PART,
            "spec.selector: Invalid value: {\"matchLabels\":{\"bad key\":\"web\"}}");
  }

  @Test
  @Tag("R-VALID-10")
  void setBasedRequirement_needsValues() {
    LabelSelector selector =
        new LabelSelector(
            Map.of(), List.of(new LabelSelectorRequirement("app", Operator.IN, List.of())));
    assertThat(errors(validWith(s -> s.withSelector(selector))))
        .containsExactly(
            "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                + " `operator` is 'In' or 'NotIn'",
            "spec.selector: Invalid value:"
                + " {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\"}]}");
  }

  @Test
  @Tag("R-VALID-10")
  void existsRequirement_forbidsValues() {
    LabelSelector selector =
        new LabelSelector(
            Map.of(), List.of(new LabelSelectorRequirement("app", Operator.EXISTS, List.of("x"))));
    assertThat(errors(validWith(s -> s.withSelector(selector))))
        .containsExactly(
            "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when"
                + " `operator` is 'Exists' or 'DoesNotExist'",
            "spec.selector: Invalid value:"
                + " {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Exists\",\"values\":[\"x\"]}]}");
  }

  @Test
  @Tag("R-VALID-10")
  void matchExpressionsSelectingTheTemplate_areValid() {
    LabelSelector selector =
        new LabelSelector(
            Map.of(), List.of(new LabelSelectorRequirement("app", Operator.IN, List.of("web"))));
    assertThat(errors(validWith(s -> s.withSelector(selector)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-11")
  void selector_mustMatchTemplateLabels() {
    assertThat(errors(validWith(s -> s.withSelector(LabelSelector.of(Map.of("app", "db"))))))
        .containsExactly(
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not"
                + " match template `labels`");
  }

  @Test
  @Tag("R-VALID-11")
  void templateWithoutLabels_printsNull() {
    PodTemplate noLabels = PodTemplate.of(Map.of("spec", Map.of("containers", List.of())));
    assertThat(errors(validWith(s -> s.withTemplate(noLabels))))
        .containsExactly(
            "spec.template.metadata.labels: Invalid value: null: `selector` does not match"
                + " template `labels`");
  }

  @Test
  @Tag("R-VALID-11")
  void templateLabelValues_areValidated() {
    String longValue = "v".repeat(64);
    PodTemplate t = template(Map.of("app", "web", "tier", longValue), Map.of());
    assertThat(errors(validWith(s -> s.withTemplate(t))))
        .containsExactly(
            "spec.template.labels: Invalid value: \""
                + longValue
                + "\": must be no more than 63 characters");
  }

  @Test
  @Tag("R-VALID-11")
  void templateAnnotationKeys_areValidatedCaseInsensitively() {
    PodTemplate t =
        PodTemplate.of(
            Map.of(
                "metadata",
                Map.of(
                    "labels",
                    LABELS,
                    "annotations",
                    Map.of("Example.COM/Key", "ok", "a/b/c", "x"))));
    assertThat(errors(validWith(s -> s.withTemplate(t))))
        .containsExactly(
            "spec.template.annotations: Invalid value: \"a/b/c\": a qualified name must consist of"
                + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
                + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional"
                + " DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
  }

  @Test
  @Tag("R-VALID-12")
  void restartPolicy_mustBeAlways() {
    PodTemplate t = template(LABELS, Map.of("restartPolicy", "Never"));
    assertThat(errors(validWith(s -> s.withTemplate(t))))
        .containsExactly(
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
                + " \"Always\"");
  }

  @Test
  @Tag("R-VALID-12")
  void absentOrAlwaysRestartPolicy_isValid() {
    assertThat(errors(validWith(s -> s.withTemplate(template(LABELS, Map.of()))))).isEmpty();
    PodTemplate always = template(LABELS, Map.of("restartPolicy", "Always"));
    assertThat(errors(validWith(s -> s.withTemplate(always)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-12")
  void activeDeadlineSeconds_isForbidden() {
    PodTemplate t = template(LABELS, Map.of("activeDeadlineSeconds", 30));
    assertThat(errors(validWith(s -> s.withTemplate(t))))
        .containsExactly(
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in"
                + " StatefulSet is not Supported");
  }

  @Test
  @Tag("R-VALID-13")
  void unsetRetentionFields_areUnsupportedWhenNotDefaulted() {
    ClaimRetentionPolicy policy = new ClaimRetentionPolicy(null, null);
    assertThat(errors(validWith(s -> s.withPersistentVolumeClaimRetentionPolicy(policy))))
        .containsExactly(
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"\":"
                + " supported values: \"Retain\", \"Delete\"",
            "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"\":"
                + " supported values: \"Retain\", \"Delete\"");
  }

  @Test
  @Tag("R-VALID-13")
  void unknownRetentionValue_isReportedByTheParser() {
    List<Violation> sink = new ArrayList<>();
    String path = "spec.persistentVolumeClaimRetentionPolicy.whenScaled";
    assertThat(SpecValidator.retentionPolicy(path, "Keep", sink)).isNull();
    assertThat(SpecValidator.retentionPolicy(path, "Delete", sink))
        .isEqualTo(RetentionPolicyType.DELETE);
    assertThat(SpecValidator.retentionPolicy(path, "", sink)).isNull();
    assertThat(Fixtures.messages(sink))
        .containsExactly(
            path + ": Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"");
  }

  @Test
  @Tag("R-VALID-3")
  void unknownPodManagementPolicy_isReportedByTheParser() {
    List<Violation> sink = new ArrayList<>();
    assertThat(SpecValidator.podManagementPolicy("Foo", sink)).isNull();
    assertThat(SpecValidator.podManagementPolicy("Parallel", sink)).isNotNull();
    assertThat(SpecValidator.podManagementPolicy(null, sink)).isNull();
    assertThat(Fixtures.messages(sink))
        .containsExactly(
            "spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or"
                + " 'Parallel'");
    assertThat(sink.get(0).rule()).isEqualTo("R-VALID-3");
  }

  @Test
  @Tag("R-VALID-4")
  void unknownUpdateStrategyType_isReportedByTheParserWithTheWholeStrategy() {
    List<Violation> sink = new ArrayList<>();
    assertThat(SpecValidator.updateStrategyType("Foo", null, sink)).isNull();
    assertThat(SpecValidator.updateStrategyType("Foo", RollingUpdate.partition(1), sink)).isNull();
    assertThat(SpecValidator.updateStrategyType("OnDelete", null, sink))
        .isEqualTo(UpdateStrategyType.ON_DELETE);
    assertThat(Fixtures.messages(sink))
        .containsExactly(
            "spec.updateStrategy: Invalid value: {\"Type\":\"Foo\",\"RollingUpdate\":null}: must be"
                + " 'RollingUpdate' or 'OnDelete'",
            "spec.updateStrategy: Invalid value:"
                + " {\"Type\":\"Foo\",\"RollingUpdate\":{\"Partition\":1,\"MaxUnavailable\":null}}:"
                + " must be 'RollingUpdate' or 'OnDelete'");
  }

  @Test
  @Tag("R-VALID-15")
  void serviceName_mustBeADnsLabelWhenSet() {
    assertThat(errors(validWith(s -> s.withServiceName("Web_Svc"))))
        .containsExactly("spec.serviceName: Invalid value: \"Web_Svc\": " + DNS_LABEL);
    assertThat(errors(validWith(s -> s.withServiceName("")))).isEmpty();
  }

  @Test
  @Tag("R-VALID-17")
  void volumeClaimTemplateContent_isNotValidated() {
    VolumeClaimTemplate odd = VolumeClaimTemplate.of(Map.of("spec", Map.of("accessModes", 7)));
    assertThat(errors(validWith(s -> s.withVolumeClaimTemplates(odd)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-18")
  void podSpec_isNotValidatedBeyondTheSupportedChecks() {
    PodTemplate noImage =
        template(LABELS, Map.of("containers", List.of(Map.of("name", "Not A Name"))));
    assertThat(errors(validWith(s -> s.withTemplate(noImage)))).isEmpty();
  }

  @Test
  @Tag("R-VALID-3")
  @Tag("R-VALID-4")
  @Tag("R-VALID-8")
  @Tag("R-VALID-15")
  @Tag("R-VALID-10")
  @Tag("R-VALID-11")
  @Tag("R-VALID-12")
  void everyViolation_isReportedInTheApiserversOrder() {
    StatefulSet set =
        set(
            bareSpec()
                .withReplicas(-1)
                .withServiceName("Bad.Svc")
                .withSelector(null)
                .withTemplate(template(LABELS, Map.of("restartPolicy", "OnFailure"))));
    assertThat(errors(set))
        .containsExactly(
            "spec.podManagementPolicy: Required value",
            "spec.updateStrategy: Required value",
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.serviceName: Invalid value: \"Bad.Svc\": " + DNS_LABEL,
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not"
                + " match template `labels`",
            "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values:"
                + " \"Always\"");
    assertThat(SpecValidator.validate(set))
        .extracting(Violation::rule)
        .containsExactly(
            "R-VALID-3",
            "R-VALID-4",
            "R-VALID-8",
            "R-VALID-15",
            "R-VALID-10",
            "R-VALID-11",
            "R-VALID-12");
  }

  @Test
  void undefaultedSet_isValidOnceDefaulted() {
    assertThat(errors(set(bareSpec()))).isNotEmpty();
    assertThat(errors(Defaults.apply(set(bareSpec())))).isEmpty();
  }
}
