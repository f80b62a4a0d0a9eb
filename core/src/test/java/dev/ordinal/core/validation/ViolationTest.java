package dev.ordinal.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.IntOrString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationTest {

  @Test
  void required_printsTypeOnly() {
    assertThat(Violation.required("spec.selector", "", "R-VALID-10"))
        .hasToString("spec.selector: Required value");
    assertThat(Violation.required("metadata.name", "name or generateName is required", "R-VALID-1"))
        .hasToString("metadata.name: Required value: name or generateName is required");
  }

  @Test
  void invalid_printsIntegersPlainAndStringsQuoted() {
    assertThat(Violation.invalid("spec.replicas", -1L, "must be greater than or equal to 0", "r"))
        .hasToString("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    assertThat(Violation.invalid("metadata.name", "Web", "bad", "r"))
        .hasToString("metadata.name: Invalid value: \"Web\": bad");
  }

  @Test
  void invalid_printsMapsAndIntOrStringAsJson() {
    assertThat(Violation.invalid("x", Map.of("b", "2", "a", "1"), "d", "r"))
        .hasToString("x: Invalid value: {\"a\":\"1\",\"b\":\"2\"}: d");
    assertThat(Violation.invalid("x", IntOrString.of("10%"), "d", "r"))
        .hasToString("x: Invalid value: \"10%\": d");
    assertThat(Violation.invalid("x", IntOrString.of(0), "d", "r"))
        .hasToString("x: Invalid value: 0: d");
    assertThat(Violation.invalid("x", null, "d", "r")).hasToString("x: Invalid value: null: d");
  }

  @Test
  void invalid_withoutDetail_endsAfterTheValue() {
    assertThat(Violation.invalid("spec.selector", Map.of(), "", "r"))
        .hasToString("spec.selector: Invalid value: {}");
  }

  @Test
  void unsupported_quotesValueAndSupportedValues() {
    assertThat(Violation.unsupported("spec.x", "Foo", List.of("Retain", "Delete"), "r"))
        .hasToString(
            "spec.x: Unsupported value: \"Foo\": supported values: \"Retain\", \"Delete\"");
  }

  @Test
  void forbidden_printsTypeAndDetail() {
    assertThat(Violation.forbidden("spec", "no", "r")).hasToString("spec: Forbidden: no");
  }

  @Test
  void warning_printsPathAndDetail() {
    Violation w = Violation.warning("spec.x", "careful", "r");
    assertThat(w).hasToString("spec.x: careful");
    assertThat(w.isWarning()).isTrue();
  }

  @Test
  void type_carriesCauseTypeAndLabel() {
    assertThat(Violation.Type.NOT_SUPPORTED.causeType()).isEqualTo("FieldValueNotSupported");
    assertThat(Violation.Type.NOT_SUPPORTED.label()).isEqualTo("Unsupported value");
  }

  @Test
  void quote_escapesAsGoStrconvQuote() {
    assertThat(GoFormat.quote("a\"b\\c\n\t\u0001\u007f\u00a0é"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01\\x7f\\u00a0é\"");
  }

  @Test
  void constructor_rejectsNullComponents() {
    assertThatThrownBy(() -> new Violation("p", Violation.Type.INVALID, null, "d", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rule");
  }
}
