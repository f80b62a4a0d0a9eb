package dev.ordinal.kube;

import dev.ordinal.api.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Splits a YAML (or JSON) stream into documents and turns each into canonical JSON-like data as
 * kubectl does (YAML 1.1 scalars, see {@link KubectlYaml}), safely: plain data only (no arbitrary
 * types), bounded document size, nesting depth, alias expansion and document count, no duplicate
 * keys.
 */
final class YamlDocuments {

  private YamlDocuments() {}

  /** One document of a stream: its 0-based index and its canonical value, null when empty. */
  record Document(int index, @Nullable Object value) {}

  /**
   * Returns every document of the stream, empty ones included (with a null value).
   *
   * @throws ManifestException for malformed YAML or a limit exceeded, with the line and column
   *     where the parser knows them
   */
  static List<Document> read(String content, String source, ManifestReader.Limits limits) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source)
            .setSchema(KubectlYaml.SCHEMA)
            // go-yaml v2, kubectl's reader, takes only YAML 1.1 documents.
            .setVersionFunction(
                v -> {
                  if (v.getMajor() != 1 || v.getMinor() != 1) {
                    throw new YamlEngineException(
                        "found incompatible YAML document (%YAML "
                            + v.getMajor()
                            + "."
                            + v.getMinor()
                            + "; kubectl reads only 1.1)");
                  }
                  return v;
                })
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setAllowNonScalarKeys(false)
            .setMaxAliasesForCollections(limits.maxAliases())
            .setCodePointLimit(limits.maxDocumentCodePoints())
            .build();
    checkShape(content, source, settings, limits);
    List<Document> out = new ArrayList<>();
    int index = 0;
    try {
      Iterator<Object> documents = KubectlYaml.documents(settings, content);
      while (documents.hasNext()) {
        Object raw = documents.next();
        out.add(new Document(index, canonical(raw, source, index, limits, content.length())));
        index++;
      }
    } catch (YamlEngineException e) {
      throw fromYaml(e, source, index, limits);
    } catch (StackOverflowError e) {
      // checkShape bounds the depth, so this means a limit far above what the stack holds.
      throw new ManifestException(
          source,
          0,
          0,
          document(index),
          null,
          "nesting is too deep to read (the depth limit is " + limits.maxDepth() + ")",
          List.of(),
          null);
    }
    return out;
  }

  /**
   * Walks the parser's events, which the parser produces without recursion, to enforce the depth
   * and document limits before the recursive composer builds the tree: deep input must end in a
   * clear error, not a StackOverflowError.
   */
  private static void checkShape(
      String content, String source, LoadSettings settings, ManifestReader.Limits limits) {
    int documents = 0;
    int depth = 0;
    try {
      for (Event event : new Parse(settings).parseString(content)) {
        switch (event.getEventId()) {
          case DocumentStart:
            documents++;
            if (documents > limits.maxDocuments()) {
              throw at(
                  event.getStartMark(),
                  source,
                  documents - 1,
                  "the source has more than " + limits.maxDocuments() + " documents, the limit");
            }
            break;
          case MappingStart:
          case SequenceStart:
            depth++;
            if (depth > limits.maxDepth()) {
              throw at(
                  event.getStartMark(),
                  source,
                  documents - 1,
                  "nesting is deeper than " + limits.maxDepth() + " levels, the limit");
            }
            break;
          case MappingEnd:
          case SequenceEnd:
            depth--;
            break;
          default:
            break;
        }
      }
    } catch (YamlEngineException e) {
      throw fromYaml(e, source, Math.max(documents - 1, 0), limits);
    }
  }

  private static ManifestException at(
      Optional<Mark> mark, String source, int index, String problem) {
    int line = mark.map(m -> m.getLine() + 1).orElse(0);
    int column = mark.map(m -> m.getColumn() + 1).orElse(0);
    return new ManifestException(
        source, line, column, document(index), null, problem, List.of(), null);
  }

  private static String document(int index) {
    return "document " + (index + 1);
  }

  private static ManifestException fromYaml(
      YamlEngineException e, String source, int index, ManifestReader.Limits limits) {
    if (e instanceof MarkedYamlEngineException) {
      MarkedYamlEngineException marked = (MarkedYamlEngineException) e;
      Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
      String problem = orEmpty(marked.getProblem());
      String context = orEmpty(marked.getContext());
      if (problem.startsWith("Expected mapping node")) {
        problem = "map merge requires map or sequence of maps as the value"; // kubectl's words
      } else if (problem.isEmpty()) {
        problem = context;
      } else if (!context.isEmpty()) {
        problem += " (" + context + ")";
      }
      return at(mark, source, index, problem);
    }
    String message = orEmpty(e.getMessage());
    String problem;
    if (message.contains("exceeds the limit")) {
      problem =
          "the document is longer than "
              + limits.maxDocumentCodePoints()
              + " characters, the limit";
    } else if (message.startsWith("Non scalar key")) {
      problem = "a mapping key must be a string, a number or a boolean";
    } else if (message.startsWith("Expected mapping node")) {
      problem = "map merge requires map or sequence of maps as the value";
    } else if (message.startsWith("Number of aliases")) {
      problem = "more than " + limits.maxAliases() + " aliases of collections, the limit";
    } else {
      problem = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
    return new ManifestException(source, 0, 0, document(index), null, problem, List.of(), null);
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s.trim();
  }

  /**
   * Returns the document as canonical JSON-like data. Mapping keys that are numbers or booleans
   * become strings, as {@code sigs.k8s.io/yaml} converts them; values JSON cannot hold (binary
   * data, sets, infinities) are rejected.
   */
  private static @Nullable Object canonical(
      @Nullable Object raw, String source, int index, ManifestReader.Limits limits, int length) {
    return Json.canonical(new Converter(source, index, limits, length).jsonLike(raw, "", 0));
  }

  /**
   * Copies one document's tree into JSON-like data. The composer shares the value of an alias, so a
   * few aliases of aliases can stand for millions of values once copied ("billion laughs" within
   * the alias limit), and an alias can nest a deep value deeper still: the copy counts values and
   * depth as it goes and stops at the limits.
   */
  private static final class Converter {
    private final String source;
    private final int index;
    private final ManifestReader.Limits limits;
    private final long maxValues;
    private long values;

    Converter(String source, int index, ManifestReader.Limits limits, int length) {
      this.source = source;
      this.index = index;
      this.limits = limits;
      // Without aliases a source holds fewer values than characters: 4 a character leaves room
      // for honest anchors and stops a "billion laughs" after work in proportion to the source.
      this.maxValues = Math.min(limits.maxDocumentCodePoints(), 4L * length + 1024);
    }

    @Nullable Object jsonLike(@Nullable Object value, String path, int depth) {
      // A document of n code points holds fewer than n values unless aliases repeat them.
      if (++values > maxValues) {
        throw unsupported(
            "",
            source,
            index,
            "aliases expand to more than "
                + maxValues
                + " values, the limit (4 a character of the source)");
      }
      if (value == null
          || value instanceof String
          || value instanceof Boolean
          || value instanceof Integer
          || value instanceof Long
          || value instanceof BigInteger) {
        return value;
      }
      if (value instanceof Double) {
        double d = (Double) value;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          String go = Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
          throw unsupported(
              path, source, index, "unsupported value: " + go + " (JSON has no infinity or NaN)");
        }
        // sigs.k8s.io/yaml writes YAML's 3.0 as the JSON number 3, which an int32 field takes.
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
          return (long) d;
        }
        return value;
      }
      boolean collection = value instanceof Map || value instanceof List;
      if (collection && depth >= limits.maxDepth()) {
        throw unsupported(
            path,
            source,
            index,
            "nesting (through aliases) is deeper than " + limits.maxDepth() + " levels, the limit");
      }
      if (value instanceof Map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          String key = key(e.getKey(), path, source, index);
          String child = path.isEmpty() ? key : path + "." + key;
          if (out.containsKey(key)) {
            throw unsupported(child, source, index, "duplicate key " + Problems.quote(key));
          }
          out.put(key, jsonLike(e.getValue(), child, depth + 1));
        }
        return out;
      }
      if (value instanceof List) {
        List<?> list = (List<?>) value;
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          out.add(jsonLike(list.get(i), path + "[" + i + "]", depth + 1));
        }
        return out;
      }
      throw new AssertionError("bug: the kubectl schema made a " + value.getClass().getName());
    }
  }

  private static String key(@Nullable Object key, String path, String source, int index) {
    // The spellings sigs.k8s.io/yaml gives keys; it takes no null key and no key beyond int64.
    if (key instanceof String) {
      return (String) key;
    }
    if (key instanceof Long || key instanceof Boolean) {
      return key.toString();
    }
    if (key instanceof Double) {
      return KubectlScalars.floatKey((Double) key);
    }
    String what =
        key == null ? "null" : key instanceof BigInteger ? key + " (beyond int64)" : "" + key;
    throw unsupported(
        path,
        source,
        index,
        "unsupported map key: " + what + "; a key must be a string, a number or a boolean");
  }

  private static ManifestException unsupported(
      String path, String source, int index, String problem) {
    return new ManifestException(
        source,
        0,
        0,
        document(index),
        path.isEmpty() ? null : Problems.boundPath(path),
        problem,
        List.of(),
        null);
  }
}
