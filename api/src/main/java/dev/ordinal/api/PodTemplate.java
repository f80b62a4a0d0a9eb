package dev.ordinal.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.template}: the whole pod template kept as canonical JSON-like data (see {@link
 * Json}), so that nothing of the user's template is lost on its way to the pods.
 *
 * @since 0.1.0
 */
public final class PodTemplate {

  private final Map<String, Object> content;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private @Nullable String revisionData;

  private PodTemplate(Map<String, Object> content) {
    this.content = content;
    Map<String, Object> metadata = Json.object(content, "metadata");
    this.labels = Json.stringMap(metadata, "labels");
    this.annotations = Json.stringMap(metadata, "annotations");
  }

  /**
   * Returns a template of this content: an object with {@code metadata} and {@code spec} as in a
   * manifest's {@code spec.template}.
   *
   * @throws IllegalArgumentException if the content is not JSON-like (see {@link Json})
   */
  public static PodTemplate of(Map<String, ?> content) {
    return new PodTemplate(Json.canonicalObject(content));
  }

  /**
   * Returns a minimal template with these labels and one container, as tests and examples need.
   */
  public static PodTemplate of(Map<String, String> labels, String containerName, String image) {
    return of(
        Map.of(
            "metadata", Map.of("labels", labels),
            "spec",
                Map.of(
                    "containers",
                    java.util.List.of(Map.of("name", containerName, "image", image)))));
  }

  /** Returns the whole template, canonical and unmodifiable. */
  public Map<String, Object> content() {
    return content;
  }

  /** Returns {@code metadata.labels}. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Returns {@code metadata.annotations}. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** Returns {@code metadata}, or an empty map. */
  public Map<String, Object> metadata() {
    return Json.object(content, "metadata");
  }

  /** Returns {@code spec}, or an empty map. */
  public Map<String, Object> spec() {
    return Json.object(content, "spec");
  }

  /**
   * Returns the data upstream records in a ControllerRevision for this template: {@code
   * {"spec":{"template":{"$patch":"replace",…}}}} in Go's JSON encoding (R-REV-1). Computed once.
   */
  public String revisionData() {
    String data = revisionData;
    if (data == null) {
      String template = Json.marshal(content);
      StringBuilder sb = new StringBuilder(template.length() + 48);
      sb.append("{\"spec\":{\"template\":{\"$patch\":\"replace\"");
      if (template.length() > 2) {
        sb.append(',').append(template, 1, template.length());
      } else {
        sb.append('}');
      }
      sb.append("}}");
      data = sb.toString();
      revisionData = data;
    }
    return data;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PodTemplate && content.equals(((PodTemplate) o).content);
  }

  @Override
  public int hashCode() {
    return content.hashCode();
  }

  @Override
  public String toString() {
    return "PodTemplate" + Json.marshal(content);
  }
}
