package dev.ordinal.cli;

import dev.ordinal.core.ReconcilerOptions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The typed option values of the commands and their converters, with messages a user reads. */
final class Options {

  private Options() {}

  /** {@code -o}: how {@code plan} prints the plan. */
  enum OutputFormat {
    TEXT,
    JSON;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code --kubernetes}: the release whose controller behaviour is reproduced. */
  enum KubernetesVersion {
    V1_35("1.35", ReconcilerOptions.V1_35),
    V1_34("1.34", ReconcilerOptions.V1_34);

    private final String wireName;
    private final ReconcilerOptions options;

    KubernetesVersion(String wireName, ReconcilerOptions options) {
      this.wireName = wireName;
      this.options = options;
    }

    String wireName() {
      return wireName;
    }

    ReconcilerOptions options() {
      return options;
    }
  }

  /** Converts {@code text} or {@code json}. */
  static final class OutputFormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat f : OutputFormat.values()) {
        if (f.wireName().equals(value)) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an output format: use text or json");
    }
  }

  /** Converts {@code 1.35} or {@code 1.34}, with or without a leading {@code v}. */
  static final class KubernetesVersionConverter implements ITypeConverter<KubernetesVersion> {
    @Override
    public KubernetesVersion convert(String value) {
      String bare = value.startsWith("v") ? value.substring(1) : value;
      for (KubernetesVersion v : KubernetesVersion.values()) {
        if (v.wireName().equals(bare)) {
          return v;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not a supported release: use 1.35 or 1.34");
    }
  }

  /**
   * Converts an RFC 3339 date-time as Kubernetes writes timestamps: {@code 2025-01-02T03:04:05Z},
   * an offset instead of {@code Z}, a fraction of a second allowed.
   */
  static final class Rfc3339Converter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not an RFC 3339 date-time with an offset, such as 2025-01-02T03:04:05Z");
      }
    }
  }
}
