package dev.ordinal.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Finds, builds and starts the oracle of each release. The oracle's sources live in {@code
 * conformance/oracle/} of the repository; its {@code build.sh <release>} builds the binary (Go
 * caches the build) and prints its path on the last line of stdout. Paths are cached per JVM.
 *
 * <p>The oracle directory is {@code -Dordinal.oracle.dir} when set, otherwise {@code
 * conformance/oracle} under {@code -Dordinal.repository} or the first parent of the working
 * directory that has one.
 */
public final class Oracles {

  /** How long one build may take: a cold build of k8s.io/kubernetes takes minutes. */
  private static final long BUILD_MINUTES = 20;

  private static final Map<Release, Path> BINARIES = new ConcurrentHashMap<>();

  private Oracles() {}

  /** Returns true if a {@code go} executable is on the PATH. */
  public static boolean goInstalled() {
    return onPath("go") != null;
  }

  /**
   * Returns the oracle binary of a release, building it on first use.
   *
   * @throws OracleException if Go is not installed, the oracle directory or its build script is
   *     missing, or the build fails; the message has the build's output
   */
  public static Path binary(Release release) {
    Path cached = BINARIES.get(release);
    if (cached != null) {
      return cached;
    }
    synchronized (Oracles.class) {
      return BINARIES.computeIfAbsent(release, Oracles::build);
    }
  }

  /**
   * Starts the oracle of a release, checking that it reports that release.
   *
   * @throws OracleException as {@link #binary}, or if the binary reports another release
   */
  public static OracleProcess start(Release release) {
    Path binary = binary(release);
    String version = version(binary);
    if (!version.startsWith(release.version() + ".")) {
      throw new OracleException(
          "oracle " + binary + " reports release " + version + ", not " + release.version());
    }
    return OracleProcess.start(binary);
  }

  /** Returns the oracle directory, or throws naming where it looked. */
  public static Path oracleDirectory() {
    String explicit = System.getProperty("ordinal.oracle.dir");
    if (explicit != null && !explicit.isBlank()) {
      return Paths.get(explicit).toAbsolutePath();
    }
    String repo = System.getProperty("ordinal.repository");
    if (repo != null && !repo.isBlank() && Files.isDirectory(Paths.get(repo, "conformance"))) {
      return Paths.get(repo, "conformance", "oracle").toAbsolutePath();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("conformance/oracle"))) {
        return p.resolve("conformance/oracle");
      }
      if (p.getFileName() != null
          && p.getFileName().toString().equals("conformance")
          && Files.isDirectory(p.resolve("oracle"))) {
        return p.resolve("oracle");
      }
    }
    Path fallback = Paths.get(repo == null ? "" : repo, "conformance", "oracle").toAbsolutePath();
    return fallback;
  }

  private static Path build(Release release) {
    if (!goInstalled()) {
      throw new OracleException(
          "Go is not installed (no go on the PATH): the oracle of "
              + release.version()
              + " cannot be built");
    }
    Path dir = oracleDirectory();
    Path script = dir.resolve("build.sh");
    if (!Files.isRegularFile(script)) {
      throw new OracleException(
          "the oracle's build script is missing: "
              + script
              + " (set -Dordinal.oracle.dir to the directory of build.sh)");
    }
    Path log;
    try {
      log = Files.createTempFile("oracle-build-" + release.version(), ".log");
    } catch (IOException e) {
      throw new OracleException("cannot create a build log: " + e.getMessage(), e);
    }
    try {
      Process p =
          new ProcessBuilder("bash", script.toString(), release.version())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new OracleException(
            "building the oracle of "
                + release.version()
                + " took over "
                + BUILD_MINUTES
                + " minutes; log: "
                + log);
      }
      List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new OracleException(
            "building the oracle of "
                + release.version()
                + " failed (exit "
                + p.exitValue()
                + "):\n"
                + tail(out));
      }
      String last = "";
      for (String l : out) {
        if (!l.isBlank()) {
          last = l.trim();
        }
      }
      Path binary = dir.resolve(last).normalize();
      if (last.isEmpty() || !Files.isExecutable(binary)) {
        throw new OracleException(
            script
                + " "
                + release.version()
                + " printed no executable path; output:\n"
                + tail(out));
      }
      Files.deleteIfExists(log);
      return binary;
    } catch (IOException e) {
      throw new OracleException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OracleException("interrupted while building the oracle of " + release.version());
    }
  }

  private static String version(Path binary) {
    try {
      Process p =
          new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new OracleException(binary + " --version failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new OracleException("cannot run " + binary + " --version: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OracleException("interrupted while asking " + binary + " its version");
    }
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static @Nullable Path onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Paths.get(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
