package dev.ordinal.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@code ordinal} in process and finds test manifests. */
final class Cli {

  private Cli() {}

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {}

  /** Runs {@code ordinal args...} in process. */
  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Returns the path of a test resource, such as {@code web/web.yaml}, as a string. */
  static String file(String resource) {
    return path(resource).toString();
  }

  /** Returns the path of a test resource. */
  static Path path(String resource) {
    URL url = Cli.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + resource);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the text of a test resource. */
  static String text(String resource) {
    try {
      return Files.readString(path(resource), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes text to a file and returns its path as a string. */
  static String write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a path of the repository, from the module directory Surefire runs tests in. */
  static Path repository(String relative) {
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    return module.getParent().resolve(relative).normalize();
  }
}
