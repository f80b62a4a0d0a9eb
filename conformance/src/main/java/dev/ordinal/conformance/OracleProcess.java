package dev.ordinal.conformance;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running oracle: a child process that answers each request line on its stdin with one response
 * line on its stdout, in order (the oracle line protocol, v1). Stderr is kept, last lines only, for
 * error messages. Not thread-safe: one caller at a time.
 */
public final class OracleProcess implements AutoCloseable {

  /** The default time one answer may take: generous, a sync takes well under a millisecond. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final String EOF = new String("end of stream");
  private static final int STDERR_LINES = 20;

  private final Path binary;
  private final Process process;
  private final BufferedWriter stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Deque<String> stderr = new ArrayDeque<>();
  private final Duration timeout;
  private final Thread errThread;

  private OracleProcess(Path binary, Process process, Duration timeout) {
    this.binary = binary;
    this.process = process;
    this.timeout = timeout;
    this.stdin =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread out = new Thread(() -> pump(process, lines), "oracle-stdout-" + binary.getFileName());
    out.setDaemon(true);
    out.start();
    errThread = new Thread(this::drainStderr, "oracle-stderr-" + binary.getFileName());
    errThread.setDaemon(true);
    errThread.start();
  }

  /**
   * Starts the oracle binary with the given arguments.
   *
   * @throws OracleException if the binary does not exist, is not executable or does not start
   */
  public static OracleProcess start(Path binary, Duration timeout, String... args) {
    requireNonNull(binary, "binary");
    requireNonNull(timeout, "timeout");
    if (!Files.isRegularFile(binary)) {
      throw new OracleException("oracle binary not found: " + binary);
    }
    if (!Files.isExecutable(binary)) {
      throw new OracleException("oracle binary is not executable: " + binary);
    }
    List<String> command = new java.util.ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      return new OracleProcess(binary, new ProcessBuilder(command).start(), timeout);
    } catch (IOException e) {
      throw new OracleException("cannot start oracle " + binary + ": " + e.getMessage(), e);
    }
  }

  /** Starts the oracle binary with {@link #DEFAULT_TIMEOUT}. */
  public static OracleProcess start(Path binary) {
    return start(binary, DEFAULT_TIMEOUT);
  }

  /**
   * Sends one request line and returns the response line.
   *
   * @throws IllegalArgumentException if the line contains a line break
   * @throws OracleException if the oracle has exited, does not answer within the timeout, or the
   *     pipe breaks; the message has the end of the oracle's stderr
   */
  public String exchange(String line) {
    requireNonNull(line, "line");
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a request must be one line");
    }
    try {
      stdin.write(line);
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw failure("cannot write to the oracle (" + e.getMessage() + ")");
    }
    String answer;
    try {
      answer = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OracleException("interrupted while waiting for the oracle " + binary);
    }
    if (answer == null) {
      throw failure("the oracle did not answer within " + timeout.toMillis() + " ms");
    }
    if (answer == EOF) {
      lines.add(EOF);
      throw failure("the oracle closed its output");
    }
    return answer;
  }

  /** Returns true while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The binary this process runs. */
  public Path binary() {
    return binary;
  }

  /** Closes stdin and waits briefly for the oracle to exit; kills it if it does not. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The process may have exited already: nothing left to close.
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private OracleException failure(String what) {
    try {
      // A dying oracle's last words are what explains the failure: give it a moment to finish.
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        errThread.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String status = process.isAlive() ? "running" : "exited with " + process.exitValue();
    String err;
    synchronized (stderr) {
      err = String.join("\n", stderr);
    }
    return new OracleException(
        what + ": " + binary + " (" + status + ")" + (err.isEmpty() ? "" : "; stderr:\n" + err));
  }

  private static void pump(Process process, BlockingQueue<String> lines) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        lines.add(l);
      }
    } catch (IOException ignored) {
      // A closed pipe ends the stream like an exit does.
    }
    lines.add(EOF);
  }

  private void drainStderr() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        synchronized (stderr) {
          stderr.addLast(l);
          if (stderr.size() > STDERR_LINES) {
            stderr.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // Stderr is only for messages.
    }
  }
}
