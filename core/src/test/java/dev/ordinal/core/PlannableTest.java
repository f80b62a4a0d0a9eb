package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ImmutableStatefulSet;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.Observation;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the planner refuses at its entry, and that each refusal names the field and the fix. */
class PlannableTest {

  private static ThrowingCallable plan(StatefulSet set) {
    return () ->
        new StatefulSetReconciler().plan(Observation.builder().set(set).now(Instant.EPOCH).build());
  }

  @Test
  void undefaultedPolicy_saysToCallDefaultsApply() {
    StatefulSet raw =
        ImmutableStatefulSet.copyOf(Fixtures.rawStatefulSet(1))
            .withSpec(
                ImmutableStatefulSetSpec.copyOf(Fixtures.rawStatefulSet(1).spec())
                    .withPodManagementPolicy(null)
                    .withUpdateStrategy(UpdateStrategy.UNSET));

    assertThatThrownBy(plan(raw))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessage(
            "StatefulSet.apps \"foo\" is invalid: [spec.podManagementPolicy: Required value: call"
                + " Defaults.apply first: the apiserver defaults this field,"
                + " spec.updateStrategy: Required value: call Defaults.apply first: the apiserver"
                + " defaults this field]");
  }

  @Test
  void undefaultedRetention_saysToCallDefaultsApply() {
    StatefulSet raw = Fixtures.rawStatefulSet(1);

    assertThatThrownBy(plan(raw))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessageEndingWith(
            ": Required value: call Defaults.apply first: the apiserver defaults this field");
  }

  @Test
  void otherViolations_keepTheApiserversWords() {
    StatefulSet set =
        ImmutableStatefulSet.copyOf(Fixtures.newStatefulSet(1))
            .withSpec(
                ImmutableStatefulSetSpec.copyOf(Fixtures.newStatefulSet(1).spec())
                    .withReplicas(-1));

    assertThatThrownBy(plan(set))
        .hasMessage(
            "StatefulSet.apps \"foo\" is invalid: spec.replicas: Invalid value: -1: must be greater"
                + " than or equal to 0");
  }

  @Test
  @Tag("R-LABEL-2")
  void emptyUid_isRejected_asOwnerReferencesCarryIt() {
    StatefulSet set = ImmutableStatefulSet.copyOf(Fixtures.newStatefulSet(1)).withUid("");

    assertThatThrownBy(plan(set))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessage(
            "StatefulSet.apps \"foo\" is invalid: metadata.uid: Required value: owner references"
                + " carry it: plan the set as the apiserver stores it");
  }

  @Test
  void emptyNamespace_isRequired() {
    StatefulSet set = ImmutableStatefulSet.copyOf(Fixtures.newStatefulSet(1)).withNamespace("");

    assertThatThrownBy(plan(set))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessage("StatefulSet.apps \"foo\" is invalid: metadata.namespace: Required value");
  }

  @Test
  void builderWithoutNamespace_failsInsteadOfGuessingDefault() {
    assertThatThrownBy(
            () ->
                StatefulSet.builder()
                    .name("web")
                    .uid("u")
                    .spec(Fixtures.newStatefulSet(1).spec())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("namespace");
  }

  @Test
  void aDefaultedValidSet_isPlanned() {
    assertThat(
            new StatefulSetReconciler()
                .plan(
                    Observation.builder()
                        .set(Fixtures.newStatefulSet(1))
                        .now(Instant.EPOCH)
                        .build())
                .actions())
        .isNotEmpty();
  }
}
