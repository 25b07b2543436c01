package dev.usher.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs an example's {@code main} as a user would and returns what it printed. */
public final class MainRunner {
  private MainRunner() {}

  /** A main method. */
  @FunctionalInterface
  public interface Main {
    void run(String[] args) throws Exception;
  }

  /** Runs the main with these arguments, capturing standard output (tests run one at a time). */
  public static synchronized String run(Main main, String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      main.run(args);
    } finally {
      System.setOut(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text); // keep it visible in the build log
    return text;
  }
}
