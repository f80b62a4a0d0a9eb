package dev.ordinal.core.validation;

import static dev.ordinal.core.validation.Fixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidStatefulSetExceptionTest {

  @Test
  void oneViolation_isPrintedBare() {
    StatefulSet set = validWith(s -> s.withReplicas(-1));
    assertThatThrownBy(() -> SpecValidator.requireValid(set))
        .isInstanceOf(InvalidStatefulSetException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater"
                + " than or equal to 0");
  }

  @Test
  void severalViolations_areBracketedAndCommaSeparated() {
    StatefulSet set = validWith(s -> s.withReplicas(-1).withMinReadySeconds(-2));
    InvalidStatefulSetException e =
        new InvalidStatefulSetException("web", SpecValidator.validate(set));
    assertThat(e)
        .hasMessage(
            "StatefulSet.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be"
                + " greater than or equal to 0, spec.minReadySeconds: Invalid value: -2: must be"
                + " greater than or equal to 0]");
    assertThat(e.violations()).hasSize(2);
    assertThat(e.name()).isEqualTo("web");
  }

  @Test
  void duplicateMessages_arePrintedOnce() {
    Violation v = Violation.required("spec.selector", "", "R-VALID-10");
    assertThat(new InvalidStatefulSetException("web", List.of(v, v)))
        .hasMessage("StatefulSet.apps \"web\" is invalid: spec.selector: Required value");
  }

  @Test
  void noViolations_stillNamesTheObject() {
    assertThat(new InvalidStatefulSetException("web", List.of()))
        .hasMessage("StatefulSet.apps \"web\" is invalid");
  }
}
