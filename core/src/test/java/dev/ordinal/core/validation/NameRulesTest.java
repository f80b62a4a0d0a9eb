package dev.ordinal.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRulesTest {

  private static final String SUBDOMAIN =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
          + " used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  @Test
  void dns1123Label_acceptsLabelsAndReportsLengthBeforeSyntax() {
    assertThat(NameRules.dns1123Label("web-0")).isEmpty();
    assertThat(NameRules.dns1123Label("-" + "a".repeat(63)))
        .hasSize(2)
        .first()
        .isEqualTo("must be no more than 63 characters");
  }

  @Test
  void qualifiedName_checksPrefixAsSubdomainAndNameSeparately() {
    assertThat(NameRules.qualifiedName("example.com/app")).isEmpty();
    assertThat(NameRules.qualifiedName("/app")).containsExactly("prefix part must be non-empty");
    assertThat(NameRules.qualifiedName("Example.com/app"))
        .containsExactly("prefix part " + SUBDOMAIN);
    assertThat(NameRules.qualifiedName("example.com/"))
        .hasSize(2)
        .first()
        .isEqualTo("name part must be non-empty");
    assertThat(NameRules.qualifiedName("a".repeat(64)))
        .containsExactly("name part must be no more than 63 characters");
  }

  @Test
  void labelValue_acceptsEmptyAndCountsBytes() {
    assertThat(NameRules.labelValue("")).isEmpty();
    assertThat(NameRules.labelValue("My_value-1.2")).isEmpty();
    // 32 two-byte characters are 64 bytes for Go's len.
    assertThat(NameRules.labelValue("é".repeat(32)))
        .first()
        .isEqualTo("must be no more than 63 characters");
  }

  @Test
  void percent_isDigitsFollowedByPercentSign() {
    assertThat(NameRules.isPercent("25%")).isTrue();
    assertThat(NameRules.isPercent("25")).isFalse();
    assertThat(NameRules.isPercent("-5%")).isFalse();
    assertThat(NameRules.isPercent("5%\n")).isFalse();
  }
}
