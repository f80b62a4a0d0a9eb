package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.core.validation.Violation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Bad input in a manifest: one clear error that names where it is and what is wrong with it, in the
 * apiserver's words where the apiserver has words for it. The message is built from the parts and
 * never holds a stack trace:
 *
 * <pre>
 * web.yaml: StatefulSet "web": spec.replicas: Invalid value: -1: must be greater than or equal to 0
 * web.yaml:3:7: document 1: mapping values are not allowed here
 * pods.yaml: Pod in document 1, items[2]: metadata.name: Required value: ...
 * </pre>
 *
 * <p>{@link #toString()} is the message itself, so that printing the exception prints exactly that
 * line.
 *
 * @since 0.1.0
 */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final @Nullable String source;
  private final int line;
  private final int column;
  private final @Nullable String object;
  private final @Nullable String field;
  private final String problem;
  private final List<Violation> violations;

  ManifestException(
      @Nullable String source,
      int line,
      int column,
      @Nullable String object,
      @Nullable String field,
      String problem,
      List<Violation> violations,
      @Nullable Throwable cause) {
    super(message(source, line, column, object, field, problem), cause);
    this.source = source;
    this.line = line;
    this.column = column;
    this.object = object;
    this.field = field;
    this.problem = requireNonNull(problem, "problem");
    this.violations = List.copyOf(violations);
  }

  /** Returns an error about the whole source, such as an unreadable file. */
  static ManifestException ofSource(String source, String problem, @Nullable Throwable cause) {
    return new ManifestException(source, 0, 0, null, null, problem, List.of(), cause);
  }

  /**
   * Returns an error about a field of an object, from a violation: the field is the violation's
   * path and the problem the rest of its apiserver message.
   *
   * @param all every violation found, the first of which is reported; at least {@code first}
   */
  static ManifestException ofViolation(
      @Nullable String source, String object, Violation first, List<Violation> all) {
    return ofViolation(source, object, first, all, null);
  }

  /** Returns {@link #ofViolation(String, String, Violation, List)} with a cause. */
  static ManifestException ofViolation(
      @Nullable String source,
      String object,
      Violation first,
      List<Violation> all,
      @Nullable Throwable cause) {
    String printed = first.toString();
    String prefix = first.path() + ": ";
    String problem = printed.startsWith(prefix) ? printed.substring(prefix.length()) : printed;
    if (all.size() > 1) {
      problem += " (and " + (all.size() - 1) + " more)";
    }
    return new ManifestException(source, 0, 0, object, first.path(), problem, all, cause);
  }

  /**
   * Returns this error with the source and object it occurred in, as known to the caller; parts
   * already known are kept.
   */
  ManifestException in(@Nullable String source, @Nullable String object) {
    if ((this.source != null || source == null) && (this.object != null || object == null)) {
      return this;
    }
    return new ManifestException(
        this.source != null ? this.source : source,
        line,
        column,
        this.object != null ? this.object : object,
        field,
        problem,
        violations,
        getCause());
  }

  /** Returns the file as the caller named it, or the name given to a string source; may be null. */
  public @Nullable String source() {
    return source;
  }

  /** Returns the 1-based line of the problem in the source, or 0 when not known. */
  public int line() {
    return line;
  }

  /** Returns the 1-based column of the problem in the source, or 0 when not known. */
  public int column() {
    return column;
  }

  /**
   * Returns the object the problem is in: {@code StatefulSet "web"}, or, for an object without a
   * name, its kind and place ({@code StatefulSet in document 2}, {@code document 2}); null for a
   * problem with the whole source.
   */
  public @Nullable String object() {
    return object;
  }

  /**
   * Returns the field path as the apiserver prints it ({@code spec.template}, {@code
   * metadata.labels[app]}, {@code spec.volumeClaimTemplates[0].metadata.name}), or null when the
   * problem is not about one field.
   */
  public @Nullable String field() {
    return field;
  }

  /** Returns what is wrong, without the location: {@code Invalid value: "Foo": must be ...}. */
  public String problem() {
    return problem;
  }

  /**
   * Returns every apiserver violation found in the object when the error comes from validation; the
   * message reports the first. Empty for other errors.
   */
  public List<Violation> violations() {
    return violations;
  }

  /** Returns the message, which is the whole report. */
  @Override
  public String toString() {
    return getMessage();
  }

  private static String message(
      @Nullable String source,
      int line,
      int column,
      @Nullable String object,
      @Nullable String field,
      String problem) {
    StringBuilder out = new StringBuilder();
    if (source != null) {
      out.append(source);
      if (line > 0) {
        out.append(':').append(line).append(':').append(column);
      }
      out.append(": ");
    }
    if (object != null) {
      out.append(object).append(": ");
    }
    if (field != null) {
      out.append(field).append(": ");
    }
    return out.append(problem).toString();
  }
}
