package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import dev.ordinal.core.validation.Violation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Kubernetes object read from a manifest: the typed fabric8 object, where it came from, and the
 * generic tree it was decoded from.
 *
 * @param object the typed object, of the class fabric8 registers for its apiVersion and kind
 * @param source the file as the caller named it, or the name given to a string source; it starts
 *     every error message about this object
 * @param file the file, or null when read from a string
 * @param documentIndex the 0-based index of the YAML document in the source ({@code ---} separates
 *     documents; error messages count from 1)
 * @param itemIndex the 0-based index in the {@code items} of a {@code List} document, or -1 when
 *     the document is the object itself
 * @param tree the object as canonical JSON-like data (see {@link dev.ordinal.api.Json}), exactly as
 *     written in the source
 * @since 0.1.0
 */
public record Manifest(
    HasMetadata object,
    String source,
    @Nullable Path file,
    int documentIndex,
    int itemIndex,
    Map<String, Object> tree) {

  /**
   * Checks the components and makes the tree canonical and unmodifiable.
   *
   * @throws NullPointerException if object, source or tree is null
   * @throws IllegalArgumentException if the tree is not JSON-like
   */
  public Manifest {
    requireNonNull(object, "object");
    requireNonNull(source, "source");
    tree = Json.canonicalObject(requireNonNull(tree, "tree"));
  }

  /** Returns {@code kind}, such as {@code StatefulSet}. */
  public String kind() {
    return object.getKind();
  }

  /** Returns {@code metadata.name}, or null when the object has none. */
  public @Nullable String name() {
    return object.getMetadata() == null ? null : object.getMetadata().getName();
  }

  /**
   * Returns how error messages name this object: {@code StatefulSet "web"}, or for an object
   * without a name {@code StatefulSet in document 2} ({@code document 1, items[3]} in a List).
   */
  public String describe() {
    return Problems.describe(kind(), name(), documentIndex, itemIndex);
  }

  /**
   * Returns the object as the given fabric8 type.
   *
   * @throws ManifestException if the object is of another kind: {@code web.yaml: Service "nginx":
   *     kind: Unsupported value: "Service": supported values: "StatefulSet"}
   */
  public <T extends HasMetadata> T as(Class<T> type) {
    if (!type.isInstance(object)) {
      Violation v =
          Violation.unsupported("kind", kind(), List.of(HasMetadata.getKind(type)), Problems.RULE);
      throw ManifestException.ofViolation(source, describe(), v, List.of(v));
    }
    return type.cast(object);
  }
}
