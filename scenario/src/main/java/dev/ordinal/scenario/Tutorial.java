package dev.ordinal.scenario;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled transcription of the Kubernetes "StatefulSet basics" tutorial, runnable whole or one
 * section at a time.
 *
 * <p>The script ({@code dev/ordinal/scenario/tutorial/statefulset-basics.sh}) marks each section
 * with a {@code # section: NAME} comment. A section continues the story of the ones before it, so
 * running one section replays the earlier ones silently first, with the same seed, and prints only
 * the chosen one.
 *
 * @since 0.1.0
 */
public final class Tutorial {

  /** The name of the whole tutorial for {@link #run}. */
  public static final String ALL = "all";

  /** The script's name in messages. */
  public static final String SCRIPT = "statefulset-basics.sh";

  private static final String DIR = "tutorial/";
  private static final String MARKER = "# section: ";
  private static final List<String> FILES = List.of(SCRIPT, "web.yaml", "web-parallel.yaml");

  private Tutorial() {}

  /** Returns the bundled script's text. */
  public static String script() {
    return resource(SCRIPT);
  }

  /** Returns the section names, in order. */
  public static List<String> sections() {
    List<String> out = new ArrayList<>();
    for (String line : script().lines().toList()) {
      if (line.startsWith(MARKER)) {
        out.add(line.substring(MARKER.length()).strip());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Runs the tutorial ({@link #ALL}) or one section of it, printing what kubectl prints.
   *
   * @throws IllegalArgumentException if there is no such section
   * @throws ScriptException if the bundled script fails, which is a bug
   * @throws NullPointerException if section or out is null
   */
  public static ScenarioRunner.Result run(String section, long seed, PrintStream out) {
    requireNonNull(section, "section");
    requireNonNull(out, "out");
    List<String> lines = script().lines().toList();
    int start = 0;
    int end = lines.size();
    if (!section.equals(ALL)) {
      start = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(MARKER)) {
          String name = lines.get(i).substring(MARKER.length()).strip();
          if (start >= 0) {
            end = i;
            break;
          }
          if (name.equals(section)) {
            start = i;
          }
        }
      }
      if (start < 0) {
        throw new IllegalArgumentException(
            "no such tutorial section: " + section + "; sections: " + sections());
      }
    }
    Path dir = extract();
    try {
      Gate gate = new Gate(out);
      PrintStream gated = new PrintStream(gate, true, StandardCharsets.UTF_8);
      String text = String.join("\n", lines.subList(0, end)) + "\n";
      return ScenarioRunner.run(text, SCRIPT, dir, seed, gated, start + 1, () -> gate.open = true);
    } finally {
      delete(dir);
    }
  }

  /** Passes bytes on only once opened. */
  private static final class Gate extends OutputStream {
    private final PrintStream target;
    boolean open;

    Gate(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      if (open) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (open) {
        target.write(b, off, len);
      }
    }

    @Override
    public void flush() {
      target.flush();
    }
  }

  private static String resource(String name) {
    try (InputStream in = Tutorial.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("bug: tutorial resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script names its manifests as files beside it; they are copied to a temporary folder. */
  private static Path extract() {
    try {
      Path dir = Files.createTempDirectory("ordinal-tutorial");
      for (String f : FILES) {
        Files.writeString(dir.resolve(f), resource(f), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind harms nothing; the run's result matters more.
    }
  }
}
