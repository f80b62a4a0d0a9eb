package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request the StatefulSet controller sends to the API server, as plain data: the verb, the
 * resource and subresource, the object's namespace and name, and the body or patch. Bodies and
 * patches are canonical JSON-like data ({@link Json#canonicalObject}), the JSON the request
 * carries.
 *
 * <p>The verbs are those of the controller's writes: {@code create} and {@code update} carry a
 * {@link #body()}, {@code patch} a {@link #patchType()} and {@link #patch()}, {@code delete}
 * neither.
 *
 * @param verb {@code create}, {@code update}, {@code patch} or {@code delete}
 * @param resource the plural resource: {@code pods}, {@code persistentvolumeclaims}, {@code
 *     controllerrevisions} or {@code statefulsets}
 * @param subresource the subresource, such as {@code status}, or "" for the object itself
 * @param namespace the object's namespace
 * @param name the object's name
 * @param body the object sent by a create or an update; null otherwise
 * @param patchType the patch's media type, such as {@value #STRATEGIC_MERGE_PATCH}; null unless a
 *     patch
 * @param patch the patch document; null unless a patch
 * @param uid for a delete, the uid of the object the call was planned for, which an applier may
 *     send as a precondition (upstream sends none); null otherwise
 * @since 0.1.0
 */
public record ApiCall(
    String verb,
    String resource,
    String subresource,
    String namespace,
    String name,
    @Nullable Map<String, Object> body,
    @Nullable String patchType,
    @Nullable Map<String, Object> patch,
    @Nullable String uid) {

  /** The media type of a strategic merge patch, the kind the controller-ref managers send. */
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

  /** {@code pods}. */
  public static final String PODS = "pods";

  /** {@code persistentvolumeclaims}. */
  public static final String CLAIMS = "persistentvolumeclaims";

  /** {@code controllerrevisions}. */
  public static final String REVISIONS = "controllerrevisions";

  /** {@code statefulsets}. */
  public static final String STATEFUL_SETS = "statefulsets";

  /**
   * Checks the parts fit together and makes the body and patch canonical.
   *
   * @throws NullPointerException if a required part is null
   * @throws IllegalArgumentException if the verb is unknown, or a body or patch is missing or
   *     present against the verb
   */
  public ApiCall {
    requireNonNull(verb, "verb");
    requireNonNull(resource, "resource");
    requireNonNull(subresource, "subresource");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    switch (verb) {
      case "create":
      case "update":
        if (body == null || patch != null || patchType != null) {
          throw new IllegalArgumentException(verb + " needs a body and no patch: " + name);
        }
        break;
      case "patch":
        if (body != null || patch == null || patchType == null) {
          throw new IllegalArgumentException("patch needs a patch type and a patch: " + name);
        }
        break;
      case "delete":
        if (body != null || patch != null || patchType != null) {
          throw new IllegalArgumentException("delete carries no body or patch: " + name);
        }
        break;
      default:
        throw new IllegalArgumentException("unknown verb: " + verb);
    }
    body = body == null ? null : Json.canonicalObject(body);
    patch = patch == null ? null : Json.canonicalObject(patch);
  }

  /** Returns a create of the object. */
  public static ApiCall create(
      String resource, String namespace, String name, Map<String, Object> body) {
    return new ApiCall("create", resource, "", namespace, name, body, null, null, null);
  }

  /** Returns an update of the object or, with a non-empty subresource, of its subresource. */
  public static ApiCall update(
      String resource,
      String subresource,
      String namespace,
      String name,
      Map<String, Object> body) {
    return new ApiCall("update", resource, subresource, namespace, name, body, null, null, null);
  }

  /** Returns a strategic merge patch of the object. */
  public static ApiCall strategicPatch(
      String resource, String namespace, String name, Map<String, Object> patch) {
    return new ApiCall(
        "patch", resource, "", namespace, name, null, STRATEGIC_MERGE_PATCH, patch, null);
  }

  /** Returns a delete of the object planned for the given uid. */
  public static ApiCall delete(
      String resource, String namespace, String name, @Nullable String uid) {
    return new ApiCall("delete", resource, "", namespace, name, null, null, null, uid);
  }

  /** Returns {@code verb resource[/subresource] namespace/name}, for messages. */
  public String describe() {
    return verb
        + " "
        + resource
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + " "
        + namespace
        + "/"
        + name;
  }
}
