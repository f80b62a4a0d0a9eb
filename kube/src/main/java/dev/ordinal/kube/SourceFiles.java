package dev.ordinal.kube;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Reads a source file within a byte limit, whatever the file is, and prepares its text. */
final class SourceFiles {

  private SourceFiles() {}

  /**
   * Returns the file's bytes. The limit is counted on the bytes as they are read, never taken from
   * the file's size, which is 0 for a device ({@code /dev/zero}), a FIFO or a process substitution
   * ({@code <(kubectl get pods -o yaml)}) however much they hold.
   *
   * @throws ManifestException if the file is missing, a directory, unreadable, or longer than the
   *     limit: reading stops at the first byte past it
   */
  static byte[] read(Path file, long maxBytes, String source) {
    if (Files.isDirectory(file)) {
      throw ManifestException.ofSource(source, "cannot read: is a directory", null);
    }
    int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // readNBytes grows its buffer as bytes arrive: an endless device costs the limit, no more.
      bytes = in.readNBytes(cap + 1);
    } catch (NoSuchFileException e) {
      throw ManifestException.ofSource(source, "cannot read: no such file", e);
    } catch (AccessDeniedException e) {
      throw ManifestException.ofSource(source, "cannot read: permission denied", e);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw ManifestException.ofSource(source, "cannot read: " + reason, e);
    }
    if (bytes.length > cap) {
      throw ManifestException.ofSource(
          source,
          "is longer than " + cap + " bytes, the limit (reading stopped there" + kind(file) + ")",
          null);
    }
    return bytes;
  }

  /** Returns ", it is a device" and the like for a file that is not a regular one. */
  private static String kind(Path file) {
    if (Files.isRegularFile(file)) {
      return "";
    }
    return "; it is not a regular file but a device, a FIFO or a socket";
  }

  /**
   * A byte order mark at the start of a document after the first, which kubectl skips: it splits
   * the stream at {@code ---} lines and its YAML parser skips a mark that starts its input.
   */
  private static final Pattern MARK_AFTER_SEPARATOR =
      Pattern.compile("(?m)^(---[ \\t]*(#[^\\n]*)?\\r?\\n)\\uFEFF");

  /**
   * Returns the text without the byte order marks kubectl skips: up to two at the start (one its
   * file reader drops, one its YAML parser drops) and one at the start of each later document. A
   * mark anywhere else is content to kubectl too, and stays.
   */
  static String withoutByteOrderMarks(String content) {
    String out = content;
    for (int i = 0; i < 2 && !out.isEmpty() && out.charAt(0) == '\uFEFF'; i++) {
      out = out.substring(1);
    }
    if (out.indexOf('\uFEFF') < 0) {
      return out;
    }
    return MARK_AFTER_SEPARATOR.matcher(out).replaceAll("$1");
  }
}
