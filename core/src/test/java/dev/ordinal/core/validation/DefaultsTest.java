package dev.ordinal.core.validation;

import static dev.ordinal.core.validation.Fixtures.bareSpec;
import static dev.ordinal.core.validation.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.IntOrString;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DefaultsTest {

  private static StatefulSetSpec defaulted(StatefulSetSpec spec) {
    return Defaults.apply(set(spec)).spec();
  }

  @Test
  @Tag("R-DEF-1")
  void unsetPodManagementPolicy_becomesOrderedReady() {
    assertThat(defaulted(bareSpec()).podManagementPolicy())
        .isEqualTo(PodManagementPolicy.ORDERED_READY);
    assertThat(
            defaulted(bareSpec().withPodManagementPolicy(PodManagementPolicy.PARALLEL))
                .podManagementPolicy())
        .isEqualTo(PodManagementPolicy.PARALLEL);
  }

  @Test
  @Tag("R-DEF-2")
  void unsetStrategy_becomesRollingUpdateWithEmptyBlock() {
    // The block R-DEF-2 creates is then filled by R-DEF-3.
    assertThat(defaulted(bareSpec()).updateStrategy())
        .isEqualTo(UpdateStrategy.rollingUpdateWith(new RollingUpdate(0, IntOrString.of(1))));
  }

  @Test
  @Tag("R-DEF-2")
  void explicitRollingUpdateWithoutBlock_keepsBlockNull() {
    StatefulSetSpec spec =
        defaulted(bareSpec().withUpdateStrategy(UpdateStrategy.rollingUpdateWithoutBlock()));
    assertThat(spec.updateStrategy().type()).isEqualTo(UpdateStrategyType.ROLLING_UPDATE);
    assertThat(spec.updateStrategy().rollingUpdate()).isNull();
  }

  @Test
  @Tag("R-DEF-2")
  void unsetType_keepsAGivenBlock() {
    StatefulSetSpec spec =
        defaulted(
            bareSpec().withUpdateStrategy(new UpdateStrategy(null, RollingUpdate.partition(3))));
    assertThat(spec.updateStrategy())
        .isEqualTo(UpdateStrategy.rollingUpdateWith(new RollingUpdate(3, IntOrString.of(1))));
  }

  @Test
  @Tag("R-DEF-3")
  void rollingUpdateBlock_getsPartitionZeroAndMaxUnavailableOne() {
    StatefulSetSpec spec =
        defaulted(
            bareSpec().withUpdateStrategy(UpdateStrategy.rollingUpdateWith(RollingUpdate.EMPTY)));
    assertThat(spec.updateStrategy().rollingUpdate())
        .isEqualTo(new RollingUpdate(0, IntOrString.of(1)));
  }

  @Test
  @Tag("R-DEF-3")
  void explicitValues_areKept() {
    RollingUpdate block = new RollingUpdate(2, IntOrString.percent(50));
    StatefulSetSpec spec =
        defaulted(bareSpec().withUpdateStrategy(UpdateStrategy.rollingUpdateWith(block)));
    assertThat(spec.updateStrategy().rollingUpdate()).isEqualTo(block);
  }

  @Test
  @Tag("R-DEF-3")
  void onDeleteBlock_isNotDefaulted() {
    UpdateStrategy onDelete = new UpdateStrategy(UpdateStrategyType.ON_DELETE, RollingUpdate.EMPTY);
    assertThat(defaulted(bareSpec().withUpdateStrategy(onDelete)).updateStrategy())
        .isEqualTo(onDelete);
  }

  @Test
  @Tag("R-DEF-4")
  void unsetCounts_becomeOneReplicaAndRevisionHistoryLimitTen() {
    StatefulSetSpec spec = defaulted(bareSpec());
    assertThat(spec.replicas()).isEqualTo(1);
    assertThat(spec.revisionHistoryLimit()).isEqualTo(10);
  }

  @Test
  @Tag("R-DEF-4")
  void explicitZero_isKept() {
    StatefulSetSpec spec = defaulted(bareSpec().withReplicas(0).withRevisionHistoryLimit(0));
    assertThat(spec.replicas()).isZero();
    assertThat(spec.revisionHistoryLimit()).isZero();
  }

  @Test
  @Tag("R-DEF-5")
  void unsetRetentionPolicy_becomesRetainRetain() {
    assertThat(defaulted(bareSpec()).persistentVolumeClaimRetentionPolicy())
        .isEqualTo(ClaimRetentionPolicy.RETAIN);
  }

  @Test
  @Tag("R-DEF-5")
  void eachUnsetRetentionField_isDefaultedOnItsOwn() {
    StatefulSetSpec spec =
        defaulted(
            bareSpec()
                .withPersistentVolumeClaimRetentionPolicy(
                    new ClaimRetentionPolicy(RetentionPolicyType.DELETE, null)));
    assertThat(spec.persistentVolumeClaimRetentionPolicy())
        .isEqualTo(ClaimRetentionPolicy.of(RetentionPolicyType.DELETE, RetentionPolicyType.RETAIN));
  }

  @Test
  void apply_isIdempotentAndReturnsTheSameInstanceOnceDefaulted() {
    StatefulSet once = Defaults.apply(set(bareSpec()));
    assertThat(Defaults.isDefaulted(once)).isTrue();
    assertThat(Defaults.apply(once)).isSameAs(once);
  }

  @Test
  void isDefaulted_isFalseWhileAnyDefaultableFieldIsUnset() {
    assertThat(Defaults.isDefaulted(set(bareSpec()))).isFalse();
    StatefulSet almost =
        set(
            Defaults.apply(set(bareSpec())).spec()
                .withUpdateStrategy(UpdateStrategy.rollingUpdateWith(RollingUpdate.partition(1))));
    assertThat(Defaults.isDefaulted(almost)).isFalse();
  }

  @Test
  void apply_changesNothingButTheSpec() {
    StatefulSet set = set(bareSpec());
    StatefulSet defaulted = Defaults.apply(set);
    assertThat(defaulted.name()).isEqualTo(set.name());
    assertThat(defaulted.spec().template()).isEqualTo(set.spec().template());
    assertThat(defaulted.spec().selector()).isEqualTo(set.spec().selector());
  }
}
