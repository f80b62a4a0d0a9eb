package dev.ordinal.core.validation;

import static dev.ordinal.core.validation.Fixtures.LABELS;
import static dev.ordinal.core.validation.Fixtures.messages;
import static dev.ordinal.core.validation.Fixtures.template;
import static dev.ordinal.core.validation.Fixtures.valid;
import static dev.ordinal.core.validation.Fixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.VolumeClaimTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SpecValidatorUpdateTest {

  private static final String FORBIDDEN =
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
          + " 'template', 'updateStrategy', 'revisionHistoryLimit',"
          + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

  private static List<String> updateErrors(StatefulSet updated) {
    return messages(SpecValidator.validateUpdate(updated, valid()));
  }

  @Test
  @Tag("R-VALID-14")
  void mutableFields_mayChange() {
    StatefulSet updated =
        validWith(
            s ->
                s.withReplicas(5)
                    .withOrdinalsStart(3)
                    .withTemplate(template(LABELS, Map.of("terminationGracePeriodSeconds", 5)))
                    .withUpdateStrategy(UpdateStrategy.ON_DELETE)
                    .withPersistentVolumeClaimRetentionPolicy(
                        ClaimRetentionPolicy.of(
                            RetentionPolicyType.DELETE, RetentionPolicyType.DELETE))
                    .withMinReadySeconds(10)
                    .withRevisionHistoryLimit(3));
    assertThat(updateErrors(updated)).isEmpty();
  }

  @Test
  @Tag("R-VALID-14")
  void changingServiceName_isForbidden() {
    assertThat(updateErrors(validWith(s -> s.withServiceName("other")))).containsExactly(FORBIDDEN);
  }

  @Test
  @Tag("R-VALID-14")
  void changingSelector_isForbidden() {
    LabelSelector selector = LabelSelector.of(Map.of("app", "web", "tier", "x"));
    StatefulSet updated =
        validWith(
            s ->
                s.withSelector(selector)
                    .withTemplate(template(Map.of("app", "web", "tier", "x"), Map.of())));
    assertThat(updateErrors(updated)).containsExactly(FORBIDDEN);
  }

  @Test
  @Tag("R-VALID-14")
  void changingPodManagementPolicy_isForbidden() {
    assertThat(
            updateErrors(validWith(s -> s.withPodManagementPolicy(PodManagementPolicy.PARALLEL))))
        .containsExactly(FORBIDDEN);
  }

  @Test
  @Tag("R-VALID-14")
  void changingVolumeClaimTemplates_isForbidden() {
    StatefulSet updated =
        validWith(s -> s.withVolumeClaimTemplates(VolumeClaimTemplate.of("data", "1Gi")));
    assertThat(updateErrors(updated)).containsExactly(FORBIDDEN);
  }

  @Test
  @Tag("R-VALID-14")
  void theNewSpec_isValidatedToo() {
    assertThat(updateErrors(validWith(s -> s.withReplicas(-1).withServiceName("other"))))
        .containsExactly(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0", FORBIDDEN);
  }

  @Test
  @Tag("R-VALID-14")
  void storedInvalidServiceName_doesNotBlockOtherUpdates() {
    StatefulSet old = validWith(s -> s.withServiceName("Bad_Name"));
    StatefulSet updated =
        old
            .withSpec(old.spec().withReplicas(4));
    assertThat(SpecValidator.validateUpdate(updated, old)).isEmpty();
  }

  @Test
  @Tag("R-VALID-1")
  void nameAndNamespace_areImmutable() {
    StatefulSet updated = valid().withName("web2").withNamespace("x");
    assertThat(updateErrors(updated))
        .containsExactly(
            "metadata.name: Invalid value: \"web2\": field is immutable",
            "metadata.namespace: Invalid value: \"x\": field is immutable");
  }
}
