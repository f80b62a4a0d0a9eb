package dev.ordinal.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code spec.volumeClaimTemplates}: a PersistentVolumeClaim kept whole as canonical
 * JSON-like data ({@code metadata} and {@code spec}).
 *
 * @since 0.1.0
 */
public final class VolumeClaimTemplate {

  private final Map<String, Object> content;
  private final String name;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;

  private VolumeClaimTemplate(Map<String, Object> content) {
    this.content = content;
    Map<String, Object> metadata = Json.object(content, "metadata");
    Object n = metadata.get("name");
    this.name = n instanceof String ? (String) n : "";
    this.labels = Json.stringMap(metadata, "labels");
    this.annotations = Json.stringMap(metadata, "annotations");
  }

  /**
   * Returns a claim template of this content.
   *
   * @throws IllegalArgumentException if the content is not JSON-like (see {@link Json})
   */
  public static VolumeClaimTemplate of(Map<String, ?> content) {
    return new VolumeClaimTemplate(Json.canonicalObject(content));
  }

  /** Returns a ReadWriteOnce claim template of this name and storage request, such as "1Gi". */
  public static VolumeClaimTemplate of(String name, String storage) {
    return of(
        Map.of(
            "metadata", Map.of("name", name),
            "spec",
                Map.of(
                    "accessModes", java.util.List.of("ReadWriteOnce"),
                    "resources", Map.of("requests", Map.of("storage", storage)))));
  }

  /** Returns the whole template, canonical and unmodifiable. */
  public Map<String, Object> content() {
    return content;
  }

  /** Returns {@code metadata.name}, or "" when missing. */
  public String name() {
    return name;
  }

  /** Returns {@code metadata.labels}. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Returns {@code metadata.annotations}. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** Returns {@code spec}, or an empty map. */
  public Map<String, Object> spec() {
    return Json.object(content, "spec");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VolumeClaimTemplate && content.equals(((VolumeClaimTemplate) o).content);
  }

  @Override
  public int hashCode() {
    return content.hashCode();
  }

  @Override
  public String toString() {
    return "VolumeClaimTemplate" + Json.marshal(content);
  }
}
