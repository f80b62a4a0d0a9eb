package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code docs/statefulset-rules.md} and the tests of every module to each other: each rule
 * of the document has a test tagged with its id, each rule tag names a rule of the document, and
 * each rule id the sources mention is documented. A rule the document marks "Not modelled yet" is
 * exempt from the first check and must then have no tagged test (the mark would be stale). Every
 * test method is named as the document's "How tests are named" says: situation, underscore,
 * outcome, and no rule id (that belongs in the tag).
 *
 * <p>The test reads the source tree, not the class path, so it sees the tests of modules core does
 * not depend on. Surefire runs it with {@code user.dir} at the module; the repository root is the
 * nearest ancestor that holds the document.
 */
class RuleCatalogueTest {

  static final String DOCUMENT = "docs/statefulset-rules.md";

  /** An entry heading: {@code ### R-ORDER-2 — ...}. */
  private static final Pattern ENTRY = Pattern.compile("^#{3,4} (R-[A-Z]+-[0-9]+)\\b.*$");

  private static final String NOT_MODELLED = "Not modelled yet";

  private static final Pattern TAG = Pattern.compile("@Tag\\(\"(R-[^\"]*)\"\\)");

  /** A rule id as sources write it: {@code R-ORDER-2} in text, {@code R_ORDER_2} in names. */
  private static final Pattern MENTION =
      Pattern.compile("(?<![A-Za-z0-9])R[-_]([A-Z]+)[-_]([0-9]+)(?![0-9])");

  /**
   * A test method: one of the test annotations, then the first method declared after it (other
   * annotations, their arguments and {@code throws} may come between).
   */
  private static final Pattern TEST_METHOD =
      Pattern.compile(
          "@(?:Test|ParameterizedTest|FuzzTest|RepeatedTest)\\b.*?\\bvoid\\s+(\\w+)\\s*\\(",
          Pattern.DOTALL);

  /** lowerCamelCase situation, then one or more underscore-separated parts: {@code a_b_c}. */
  static final Pattern TEST_NAME = Pattern.compile("^[a-z][a-zA-Z0-9]*(_[a-zA-Z0-9]+)+$");

  private static Path root;
  private static Map<String, String> entries;
  private static Map<Path, String> testSources;
  private static Map<Path, String> mainSources;

  @BeforeAll
  static void read() {
    root = repositoryRoot(Paths.get(System.getProperty("user.dir")).toAbsolutePath());
    entries = entries(read(root.resolve(DOCUMENT)));
    testSources = javaSources("src/test/java");
    mainSources = javaSources("src/main/java");
  }

  @Test
  void documentedRule_hasATaggedTest() {
    Set<String> tagged = tags().keySet();
    Set<String> untested = new TreeSet<>(modelled());
    untested.removeAll(tagged);

    assertThat(untested)
        .as(
            "rules of %s without a test tagged @Tag(\"<id>\") (tag one, or mark the entry \"%s\")",
            DOCUMENT, NOT_MODELLED)
        .isEmpty();
  }

  @Test
  void ruleTag_namesADocumentedRule() {
    Map<String, Set<String>> unknown = new TreeMap<>(tags());
    unknown.keySet().removeAll(entries.keySet());

    assertThat(unknown)
        .as("@Tag values that are not rules of %s (tag -> files)", DOCUMENT)
        .isEmpty();
  }

  @Test
  void ruleMarkedNotModelled_hasNoTaggedTest() {
    Set<String> stale = new TreeSet<>(entries.keySet());
    stale.removeAll(modelled());
    stale.retainAll(tags().keySet());

    assertThat(stale)
        .as(
            "rules of %s marked \"%s\" that have tagged tests: drop the mark",
            DOCUMENT, NOT_MODELLED)
        .isEmpty();
  }

  @Test
  void ruleIdInASource_isDocumented() {
    Map<String, Set<String>> undocumented = new TreeMap<>();
    Stream.of(testSources, mainSources)
        .flatMap(sources -> sources.entrySet().stream())
        .forEach(
            source -> {
              Matcher m = MENTION.matcher(source.getValue());
              while (m.find()) {
                String id = "R-" + m.group(1) + "-" + m.group(2);
                if (!entries.containsKey(id)) {
                  undocumented
                      .computeIfAbsent(id, k -> new TreeSet<>())
                      .add(root.relativize(source.getKey()).toString());
                }
              }
            });

    assertThat(undocumented)
        .as("rule ids used in sources but not in %s (id -> files)", DOCUMENT)
        .isEmpty();
  }

  @Test
  void document_listsEachRuleOnce() {
    List<String> headings = new ArrayList<>();
    for (String line : read(root.resolve(DOCUMENT)).split("\n", -1)) {
      Matcher m = ENTRY.matcher(line);
      if (m.matches()) {
        headings.add(m.group(1));
      }
    }
    Map<String, Long> counts =
        headings.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    counts.values().removeIf(n -> n == 1);

    assertThat(counts).as("rules with more than one entry in %s", DOCUMENT).isEmpty();
    assertThat(entries).as("rule entries of %s", DOCUMENT).hasSizeGreaterThan(100);
  }

  @Test
  void everyTestMethod_isNamedSituationUnderscoreOutcome() {
    Set<String> offenders =
        testMethods().entrySet().stream()
            .filter(method -> !conventional(method.getValue()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(offenders)
        .as(
            "test methods not named as \"How tests are named\" of %s says"
                + " (situation_outcome, lowerCamelCase, rule id in @Tag not in the name)",
            DOCUMENT)
        .isEmpty();
  }

  @Test
  void namingCheck_acceptsTheDocumentsExamplesAndRejectsTheOldShapes() {
    assertThat(List.of("scaleUp_waitsForPredecessorReady", "failedPod_isDeleted", "a_b_c1"))
        .allMatch(RuleCatalogueTest::conventional);
    assertThat(
            List.of(
                "R_ORDER_2_podsAreCreatedOneAtATimeInOrdinalOrder",
                "staleReadsStillConverge",
                "ScaleUp_waits",
                "scaleUp_",
                "scaleUp__waits"))
        .noneMatch(RuleCatalogueTest::conventional);
    assertThat(testMethods()).as("test methods found in */src/test/java").hasSizeGreaterThan(500);
  }

  /** True if this test method name follows the convention and does not lead with a rule id. */
  private static boolean conventional(String name) {
    return TEST_NAME.matcher(name).matches() && !name.startsWith("R_");
  }

  /** Returns the name of each test method of the test sources, keyed {@code Class#method}. */
  private static Map<String, String> testMethods() {
    Map<String, String> out = new TreeMap<>();
    testSources.forEach(
        (file, text) -> {
          String type = file.getFileName().toString().replaceFirst("\\.java$", "");
          Matcher m = TEST_METHOD.matcher(text);
          while (m.find()) {
            out.put(type + "#" + m.group(1), m.group(1));
          }
        });
    return out;
  }

  /** Returns the documented rules not marked "Not modelled yet". */
  private static Set<String> modelled() {
    return entries.entrySet().stream()
        .filter(e -> !e.getValue().contains(NOT_MODELLED))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Returns each rule tag of the test sources with the files that carry it. */
  private static Map<String, Set<String>> tags() {
    Map<String, Set<String>> tags = new TreeMap<>();
    testSources.forEach(
        (file, text) -> {
          Matcher m = TAG.matcher(text);
          while (m.find()) {
            tags.computeIfAbsent(m.group(1), k -> new TreeSet<>())
                .add(root.relativize(file).toString());
          }
        });
    return tags;
  }

  /** Returns each entry of the document (id → text up to the next heading). */
  private static Map<String, String> entries(String document) {
    Map<String, String> out = new TreeMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : document.split("\n", -1)) {
      Matcher m = ENTRY.matcher(line);
      if (m.matches() || line.startsWith("#")) {
        if (current != null) {
          out.merge(current, text.toString(), String::concat);
        }
        current = m.matches() ? m.group(1) : null;
        text.setLength(0);
      }
      text.append(line).append('\n');
    }
    if (current != null) {
      out.merge(current, text.toString(), String::concat);
    }
    return out;
  }

  /** Returns the Java files under {@code <module>/<dir>} of every module of the repository. */
  private static Map<Path, String> javaSources(String dir) {
    Map<Path, String> out = new TreeMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).collect(Collectors.toList())) {
        Path sources = module.resolve(dir);
        if (!Files.isDirectory(sources)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sources)) {
          files
              .filter(f -> f.toString().endsWith(".java"))
              .forEach(f -> out.put(f, read(f)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the sources of " + root, e);
    }
    assertThat(out).as("Java files under */%s of %s", dir, root).isNotEmpty();
    return out;
  }

  private static Path repositoryRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(DOCUMENT))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no ancestor of user.dir " + start + " holds " + DOCUMENT + " next to a pom.xml");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
