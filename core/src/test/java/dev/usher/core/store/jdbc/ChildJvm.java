package dev.usher.core.store.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's main class run in a JVM of its own, with the test class path; its output is collected line by line. */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private int cursor;

  private ChildJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process died: its output ends here
      }
    }, "child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(String name, Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    return new ChildJvm(name, pb.start());
  }

  /**
   * Waits for the next line of output (after the line the previous call returned) matching the
   * predicate; fails with the output so far on timeout or death.
   */
  String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = cursor;
    while (System.nanoTime() < deadline) {
      List<String> snapshot = List.copyOf(lines);
      for (int i = seen; i < snapshot.size(); i++) {
        if (wanted.test(snapshot.get(i))) {
          cursor = i + 1;
          return snapshot.get(i);
        }
      }
      seen = snapshot.size();
      if (!process.isAlive() && !reader.isAlive() && lines.size() == seen) {
        throw new AssertionError(name + " exited (" + process.exitValue() + ") before the awaited line:\n" + output());
      }
      Thread.sleep(5);
    }
    throw new AssertionError(name + ": awaited line not seen within " + timeout + ":\n" + output());
  }

  /** SIGKILL: the JVM gets no chance to clean up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits for a normal exit and returns the exit code; fails with the output on timeout. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not finish within " + timeout + ":\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String output() {
    List<String> all = List.copyOf(lines);
    List<String> tail = all.size() > 60 ? all.subList(all.size() - 60, all.size()) : all;
    return String.join("\n", tail);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
