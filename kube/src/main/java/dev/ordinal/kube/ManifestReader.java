package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import dev.ordinal.core.validation.Violation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads Kubernetes manifests, YAML or JSON, from a file or a string: one object, several objects
 * separated by {@code ---}, or a {@code List} as {@code kubectl get pods -o yaml} prints it (its
 * items are returned one by one). Each object is decoded into the fabric8 class registered for its
 * {@code apiVersion} and {@code kind}.
 *
 * <pre>{@code
 * List<Manifest> manifests = new ManifestReader().read(Path.of("web.yaml"));
 * StatefulSet set = KubeMapping.statefulSet(ManifestReader.expectOne(manifests,
 *     io.fabric8.kubernetes.api.model.apps.StatefulSet.class));
 * }</pre>
 *
 * <p>Reading is safe for untrusted input: the YAML 1.2 core schema only (plain data, never
 * arbitrary types), no duplicate keys, and {@link Limits} on size, depth, aliases and documents.
 * Decoding is strict where the apiserver is: a number where a string belongs (a label value {@code
 * 1}), a string where a boolean belongs, or a fraction where an integer belongs is an error. Every
 * problem is one {@link ManifestException} naming the source, the object and the field.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ManifestReader {

  /**
   * Bounds on what a reader accepts.
   *
   * @param maxSourceBytes the largest file, in bytes (characters for a string source)
   * @param maxDocumentCodePoints the largest YAML document, in code points
   * @param maxDepth the deepest nesting of mappings and sequences
   * @param maxAliases the most aliases of collections ({@code *ref}) in one document, which bounds
   *     "billion laughs" expansion
   * @param maxDocuments the most documents in one source
   * @since 0.1.0
   */
  public record Limits(
      long maxSourceBytes,
      int maxDocumentCodePoints,
      int maxDepth,
      int maxAliases,
      int maxDocuments) {

    /**
     * The defaults: 64 MiB sources and documents, depth 100, 50 aliases, 10,000 documents. A {@code
     * List} that {@code kubectl get -o yaml} prints is one document, as long as its items make it:
     * the apiserver's 3 MiB limit bounds one request it is sent, not a list it answers nor a file.
     * Reading needs about 60 bytes of heap a byte of YAML (README.md, "Limits"), so 64 MiB, some
     * 15,000 pods, fits the default heap of a machine with 16 GiB.
     */
    public static final Limits DEFAULT = new Limits(64L << 20, 64 << 20, 100, 50, 10_000);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is not positive (maxAliases may be 0)
     */
    public Limits {
      positive("maxSourceBytes", maxSourceBytes);
      positive("maxDocumentCodePoints", maxDocumentCodePoints);
      positive("maxDepth", maxDepth);
      if (maxAliases < 0) {
        throw new IllegalArgumentException("maxAliases must not be negative: " + maxAliases);
      }
      positive("maxDocuments", maxDocuments);
    }

    private static void positive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
    }
  }

  private final Limits limits;

  /** Returns a reader with {@link Limits#DEFAULT}. */
  public ManifestReader() {
    this(Limits.DEFAULT);
  }

  /**
   * Returns a reader with these limits.
   *
   * @throws NullPointerException if limits is null
   */
  public ManifestReader(Limits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  /** Returns the limits. */
  public Limits limits() {
    return limits;
  }

  /**
   * Reads every object of a file. Messages name the file as given ({@code file.toString()}).
   *
   * @throws ManifestException if the file cannot be read (missing, a directory, unreadable), is
   *     over the size limit (counted as it is read, so a device or FIFO is bounded too), is not
   *     UTF-8, is not well-formed YAML or JSON, or holds an object that cannot be decoded (missing
   *     or unknown {@code apiVersion}/{@code kind}, a value of the wrong type)
   * @throws NullPointerException if file is null
   */
  public List<Manifest> read(Path file) {
    requireNonNull(file, "file");
    String source = file.toString();
    byte[] bytes = SourceFiles.read(file, limits.maxSourceBytes(), source);
    return read(decodeUtf8(bytes, source), source, file);
  }

  /** Reads the bytes of a file as {@link #read(Path)} does once they are read; for fuzzing. */
  List<Manifest> read(byte[] bytes, String source) {
    if (bytes.length > limits.maxSourceBytes()) {
      throw ManifestException.ofSource(source, tooLarge(bytes.length, "bytes"), null);
    }
    return read(decodeUtf8(bytes, source), source, null);
  }

  /**
   * Reads every object of a string; messages name it {@code source}, such as {@code "<stdin>"} or
   * the name of the file it came from.
   *
   * @throws ManifestException as {@link #read(Path)} does
   * @throws NullPointerException if content or source is null
   */
  public List<Manifest> read(String content, String source) {
    requireNonNull(content, "content");
    requireNonNull(source, "source");
    if (content.length() > limits.maxSourceBytes()) {
      throw ManifestException.ofSource(source, tooLarge(content.length(), "characters"), null);
    }
    return read(content, source, null);
  }

  /**
   * Returns the manifests if every one is of the given fabric8 type, such as {@code
   * io.fabric8.kubernetes.api.model.apps.StatefulSet.class}.
   *
   * @throws ManifestException for the first manifest of another kind: {@code web.yaml: Service
   *     "nginx": kind: Unsupported value: "Service": supported values: "StatefulSet"}
   */
  public static List<Manifest> expect(List<Manifest> manifests, Class<? extends HasMetadata> type) {
    for (Manifest m : manifests) {
      m.as(type);
    }
    return manifests;
  }

  /** Returns the manifests of the given fabric8 type, in order, ignoring the others. */
  public static List<Manifest> select(List<Manifest> manifests, Class<? extends HasMetadata> type) {
    List<Manifest> out = new ArrayList<>();
    for (Manifest m : manifests) {
      if (type.isInstance(m.object())) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the one manifest of the given fabric8 type among others of other kinds, as a file with
   * a Service and a StatefulSet has one StatefulSet.
   *
   * @param source how the message names the input when there is not exactly one, such as the file
   * @throws ManifestException if there is none or more than one: {@code web.yaml: expected one
   *     StatefulSet, found 2}
   */
  public static Manifest expectOne(
      List<Manifest> manifests, Class<? extends HasMetadata> type, String source) {
    List<Manifest> found = select(manifests, type);
    if (found.size() != 1) {
      throw ManifestException.ofSource(
          source, "expected one " + HasMetadata.getKind(type) + ", found " + found.size(), null);
    }
    return found.get(0);
  }

  private List<Manifest> read(String content, String source, @Nullable Path file) {
    content = SourceFiles.withoutByteOrderMarks(content);
    List<Manifest> out = new ArrayList<>();
    for (YamlDocuments.Document doc : YamlDocuments.read(content, source, limits)) {
      Object value = doc.value();
      if (value == null) {
        continue; // an empty document, as a trailing "---" makes
      }
      if (!(value instanceof Map)) {
        throw notAnObject(source, doc.index(), -1, value);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) value;
      if (isList(tree)) {
        addItems(tree, source, file, doc.index(), out);
      } else {
        out.add(decode(tree, source, file, doc.index(), -1));
      }
    }
    return List.copyOf(out);
  }

  /** Returns true for a {@code List} or a typed list such as {@code PodList}. */
  private static boolean isList(Map<String, Object> tree) {
    Object kind = tree.get("kind");
    Object apiVersion = tree.get("apiVersion");
    if (!(kind instanceof String) || !(tree.get("items") instanceof List)) {
      return false;
    }
    if (kind.equals("List")) {
      return true;
    }
    if (!((String) kind).endsWith("List") || !(apiVersion instanceof String)) {
      return false;
    }
    Class<? extends KubernetesResource> type =
        KubeSerialization.INSTANCE.getRegisteredKubernetesResource(
            (String) apiVersion, (String) kind);
    return type != null && KubernetesResourceList.class.isAssignableFrom(type);
  }

  private void addItems(
      Map<String, Object> list, String source, @Nullable Path file, int index, List<Manifest> out) {
    String listKind = (String) list.get("kind");
    Object listVersion = list.get("apiVersion");
    List<?> items = (List<?>) list.get("items");
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (!(item instanceof Map)) {
        throw notAnObject(source, index, i, item);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) item;
      // A typed list from the API (PodList) leaves out its items' apiVersion and kind.
      if (!listKind.equals("List") && !tree.containsKey("kind")) {
        Map<String, Object> typed = new TreeMap<>(tree);
        typed.put("kind", listKind.substring(0, listKind.length() - "List".length()));
        if (!typed.containsKey("apiVersion") && listVersion != null) {
          typed.put("apiVersion", listVersion);
        }
        tree = Json.canonicalObject(typed);
      }
      if ("List".equals(tree.get("kind")) && tree.get("items") instanceof List) {
        throw fieldError(
            source,
            Problems.describe(null, null, index, i),
            Problems.invalid("kind", "List", "a List cannot hold another List"));
      }
      out.add(decode(tree, source, file, index, i));
    }
  }

  /** Decodes one object's tree into its fabric8 class. */
  private static Manifest decode(
      Map<String, Object> tree, String source, @Nullable Path file, int index, int item) {
    Object kindValue = tree.get("kind");
    Object versionValue = tree.get("apiVersion");
    String kind = kindValue instanceof String ? (String) kindValue : null;
    String name = nameOf(tree);
    String object = Problems.describe(kind, name, index, item);
    if (kindValue != null && kind == null) {
      throw fieldError(source, object, Problems.invalid("kind", kindValue, "must be a string"));
    }
    if (kind == null || kind.isEmpty()) {
      throw fieldError(source, object, Problems.required("kind", "Object 'Kind' is missing"));
    }
    if (versionValue != null && !(versionValue instanceof String)) {
      throw fieldError(
          source, object, Problems.invalid("apiVersion", versionValue, "must be a string"));
    }
    String apiVersion = (String) versionValue;
    if (apiVersion == null || apiVersion.isEmpty()) {
      throw fieldError(
          source, object, Problems.required("apiVersion", "Object 'apiVersion' is missing"));
    }
    Class<? extends KubernetesResource> type =
        KubeSerialization.INSTANCE.getRegisteredKubernetesResource(apiVersion, kind);
    if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
      throw new ManifestException(
          source,
          0,
          0,
          object,
          null,
          "no matches for kind "
              + Problems.quote(kind)
              + " in version "
              + Problems.quote(apiVersion),
          List.of(),
          null);
    }
    String nullItem = nullItem(tree, "");
    if (nullItem != null) {
      throw fieldError(
          source,
          object,
          Problems.invalid(
              Problems.boundPath(nullItem),
              null,
              "a list item must not be null (the apiserver would read an empty value)"));
    }
    HasMetadata decoded;
    try {
      // Through JSON text rather than convertValue: fabric8's IntOrString accepts an int only as
      // the Integer a parser makes, not as the Long of a canonical tree. Jackson writes numbers
      // exactly, so nothing is rounded on the way.
      String json = KubeSerialization.INSTANCE.asJson(tree);
      decoded = (HasMetadata) KubeSerialization.INSTANCE.unmarshal(json, type);
    } catch (KubernetesClientException e) {
      if (!(e.getCause() instanceof JacksonException)) {
        throw e;
      }
      Violation v = Problems.fromJackson((JacksonException) e.getCause(), tree);
      if (kind.equals("StatefulSet")) {
        v = Problems.replicasBound(v);
      }
      throw ManifestException.ofViolation(source, object, v, List.of(v), e.getCause());
    }
    return new Manifest(decoded, source, file, index, item, tree);
  }

  /**
   * Returns the path of the first null item of a list in the tree, or null if there is none:
   * fabric8 keeps such an item as a null element that no mapping expects, where Go's decoder makes
   * it a zero value. The tree's depth is bounded by the reader's limit.
   */
  private static @Nullable String nullItem(@Nullable Object value, String path) {
    if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = (String) e.getKey();
        String found = nullItem(e.getValue(), path.isEmpty() ? key : path + "." + key);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        String item = path + "[" + i + "]";
        String found = list.get(i) == null ? item : nullItem(list.get(i), item);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static @Nullable String nameOf(Map<String, Object> tree) {
    Object metadata = tree.get("metadata");
    if (metadata instanceof Map) {
      Object name = ((Map<?, ?>) metadata).get("name");
      if (name instanceof String) {
        return (String) name;
      }
    }
    return null;
  }

  /** Returns the error for a document or List item that is not an object. */
  private static ManifestException notAnObject(
      String source, int index, int item, @Nullable Object value) {
    String detail = "must be an object with apiVersion and kind";
    if (item >= 0) {
      return fieldError(
          source,
          "document " + (index + 1),
          Problems.invalid("items[" + item + "]", value, detail));
    }
    String rendered = Problems.invalid("", value, detail).toString();
    // No field to name: the violation's text without its empty path.
    return new ManifestException(
        source, 0, 0, "document " + (index + 1), null, rendered.substring(2), List.of(), null);
  }

  private static ManifestException fieldError(String source, String object, Violation v) {
    return ManifestException.ofViolation(source, object, v, List.of(v));
  }

  private String tooLarge(long size, String unit) {
    return "is "
        + size
        + " "
        + unit
        + " long, which exceeds the limit of "
        + limits.maxSourceBytes();
  }

  /** Returns the bytes as UTF-8, rejecting malformed input as the apiserver's decoder does. */
  private static String decodeUtf8(byte[] bytes, String source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw ManifestException.ofSource(
          source, "is not valid UTF-8 (at byte offset " + in.position() + ")", null);
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }
}
