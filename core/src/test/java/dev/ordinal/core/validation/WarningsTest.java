package dev.ordinal.core.validation;

import static dev.ordinal.core.validation.Fixtures.messages;
import static dev.ordinal.core.validation.Fixtures.valid;
import static dev.ordinal.core.validation.Fixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.StatefulSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class WarningsTest {

  @Test
  void validSet_hasNoWarnings() {
    assertThat(SpecValidator.warnings(valid())).isEmpty();
  }

  @Test
  @Tag("R-VALID-16")
  void negativeRevisionHistoryLimit_isOnlyAWarning() {
    StatefulSet set = validWith(s -> s.withRevisionHistoryLimit(-1));
    assertThat(SpecValidator.validate(set)).isEmpty();
    assertThat(messages(SpecValidator.warnings(set)))
        .containsExactly(
            "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value"
                + " >= 0 is recommended");
    assertThat(SpecValidator.warnings(set).get(0).isWarning()).isTrue();
  }

  @Test
  @Tag("R-VALID-2")
  void namesUpTo52Characters_leaveRoomForTheRevisionHash() {
    StatefulSet set = valid().withName("a".repeat(52));
    assertThat(SpecValidator.warnings(set)).isEmpty();
  }

  @Test
  @Tag("R-VALID-2")
  void longerNames_areAcceptedButWarnedAbout() {
    StatefulSet set = valid().withName("a".repeat(53));
    assertThat(SpecValidator.validate(set)).isEmpty();
    assertThat(messages(SpecValidator.warnings(set)))
        .containsExactly(
            "metadata.name: is 53 characters long: pods are labelled"
                + " controller-revision-hash=<name>-<hash>, which must be no more than 63"
                + " characters, so pod creation fails for names longer than 52 characters");
  }

  @Test
  @Tag("R-VALID-2")
  void podNamesLongerThan63Characters_areWarnedAbout() {
    String name = "a".repeat(61);
    StatefulSet set =
        validWith(s -> s.withReplicas(100)).withName(name);
    assertThat(SpecValidator.warnings(set))
        .extracting(Violation::rule)
        .containsExactly("R-VALID-2", "R-VALID-2");
    assertThat(SpecValidator.warnings(set).get(1).detail())
        .startsWith("pod name \"" + name + "-99\" is longer than 63 characters");
  }
}
