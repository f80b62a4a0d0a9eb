package dev.ordinal.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 {@link PrintStream} over the command's {@link PrintWriter}: the scenario runner prints to
 * streams, picocli gives writers. Text is passed on at each flush, so a replay shows as it runs.
 */
final class ScriptOutput extends OutputStream {

  private final PrintWriter target;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private ScriptOutput(PrintWriter target) {
    this.target = target;
  }

  /** Returns an auto-flushing UTF-8 stream that writes to {@code target}. */
  static PrintStream over(PrintWriter target) {
    return new PrintStream(new ScriptOutput(target), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    pending.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    pending.write(b, off, len);
  }

  @Override
  public void flush() {
    byte[] bytes = pending.toByteArray();
    // Keep an incomplete UTF-8 sequence at the end for the next flush.
    int end = bytes.length;
    int i = end - 1;
    while (i >= 0 && i > end - 4 && (bytes[i] & 0xC0) == 0x80) {
      i--;
    }
    if (i >= 0 && (bytes[i] & 0x80) != 0) {
      int lead = bytes[i] & 0xFF;
      int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (end - i < need) {
        end = i;
      }
    }
    target.write(new String(bytes, 0, end, StandardCharsets.UTF_8));
    target.flush();
    pending.reset();
    pending.write(bytes, end, bytes.length - end);
  }

  @Override
  public void close() {
    flush();
  }
}
