package dev.usher.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Configuration or input that Usher cannot use: a policy file, a connector configuration, a
 * model value. Lists every problem found, each with the path of the offending key, so one run
 * shows everything to fix.
 *
 * <pre>
 * slack connector configuration is invalid (2 problems):
 *   baseUrl: must be an absolute http(s) URL (was 'slack.example')
 *   token: must not be null
 * </pre>
 */
public class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One thing wrong: where (a key path such as {@code mappings[2].expression}) and what. */
  public record Problem(String path, String message) implements Comparable<Problem> {
    public Problem {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(Problem o) {
      int c = path.compareTo(o.path);
      return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
      return path.isEmpty() ? message : path + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  /** A single problem described by the message alone. */
  public ConfigurationException(String message) {
    super(message);
    this.problems = List.of(new Problem("", message));
  }

  /** A single problem with its cause. */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(new Problem("", message));
  }

  /**
   * Several problems, listed under a heading: what was being read ({@code "policy github.yaml"}).
   */
  public ConfigurationException(String subject, List<Problem> problems) {
    super(format(subject, problems));
    this.problems = problems.stream().sorted().collect(Collectors.toUnmodifiableList());
  }

  /** Every problem found, sorted by path. */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(String subject, List<Problem> problems) {
    StringBuilder sb = new StringBuilder(subject).append(" is invalid (")
        .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    problems.stream().sorted().forEach(p -> sb.append("\n  ").append(p));
    return sb.toString();
  }
}
