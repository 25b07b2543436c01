package dev.usher.core.source;

import dev.usher.core.ProvisioningException;
import java.util.List;

/**
 * A user source could not be read: the file is missing or malformed, the HR system is down,
 * or (for a source configured strict) some rows are bad. Every bad row is listed, not only
 * the first.
 *
 * <pre>
 * hr.csv has 2 bad rows:
 *   hr.csv line 3, column 'StartDate': expected a date as yyyy-MM-dd, was '2026-13-01'
 *   hr.csv line 9, column 'EmployeeId': missing user id
 * </pre>
 */
public class UserSourceException extends ProvisioningException {
  private static final long serialVersionUID = 1L;

  private final transient List<RowProblem> problems;

  public UserSourceException(String message) {
    super(message);
    this.problems = List.of();
  }

  public UserSourceException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of();
  }

  /** Bad rows of {@code source}, all of them in the message. */
  public UserSourceException(String source, List<RowProblem> problems) {
    super(format(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The bad rows, in file order; empty when the failure was not about rows. */
  public List<RowProblem> problems() {
    return problems;
  }

  private static String format(String source, List<RowProblem> problems) {
    StringBuilder sb = new StringBuilder(source).append(" has ").append(problems.size())
        .append(problems.size() == 1 ? " bad row:" : " bad rows:");
    for (RowProblem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
