package dev.usher.benchmarks.policy;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.policy.AttributeMapping;
import dev.usher.core.policy.EvaluationContext;
import dev.usher.core.policy.Policy;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Evaluates a realistic 10-mapping policy (templates, diacritics folding, selectUnique against
 * a taken set, switch, formatDate, coalesce, join, plain attributes, a constant) for 1,000,000
 * users, cycling through 10,000 distinct generated users.
 *
 * <p>{@code evaluatePolicyFor1MUsers} reports nanoseconds per user (all 10 mappings; divide by
 * 10 for the mean per mapping); {@code evaluateUserNameMappingFor1MUsers} reports nanoseconds
 * for the costliest mapping alone (selectUnique over diacritics-folded names, 10% taken).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PolicyEvaluation -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluationBenchmark {
  static final int USERS = 1_000_000;
  static final int DISTINCT = 10_000;

  static final String POLICY = """
      mappings:
        - target: userName
          applies: onCreate
          expression: >-
            selectUnique(
              lower(stripNonAlphanumeric(normalizeDiacritics("{user.givenName}.{user.familyName}"))),
              lower(stripNonAlphanumeric(normalizeDiacritics("{user.givenName}.{user.familyName}{user.id}"))))
        - target: externalId
          attribute: id
        - target: email
          expression: lower(user.email)
        - target: displayName
          expression: coalesce(user.displayName, join(" ", user.givenName, user.familyName))
        - target: title
          expression: trim(user.title)
        - target: department
          expression: switch(user.department, "Other", "Engineering", "ENG", "Sales", "GTM", "Finance", "FIN")
        - target: startDate
          expression: formatDate(user.startDate, "dd.MM.yyyy")
        - target: costCenter
          expression: upper(user.custom.costCenter)
        - target: initials
          expression: upper("{substring(user.givenName, 0, 1)}{substring(user.familyName, 0, 1)}")
        - target: locale
          constant: en-GB
      """;

  private static final String[] GIVEN = {"Zoë", "Åsa", "José", "Mary", "Łukasz", "Chloé", "Jörg", "Aoife", "Siân", "Ngozi"};
  private static final String[] FAMILY = {"O'Brien-Núñez", "Müller", "García", "Smith", "Żółć", "Dupont", "Øster", "Nguyễn", "Kowalski", "Brown"};
  private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Finance", "Legal"};

  private User[] users;
  private List<AttributeMapping> mappings;
  private EvaluationContext context;

  @Setup
  public void setUp() {
    mappings = Policy.parse(POLICY, Policy.Format.YAML, "bench").mappings();
    if (mappings.size() != 10) {
      throw new IllegalStateException("expected 10 mappings, got " + mappings.size());
    }
    users = new User[DISTINCT];
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < DISTINCT; i++) {
      User u = User.builder("E" + (100000 + i))
          .givenName(GIVEN[i % GIVEN.length])
          .familyName(FAMILY[(i / GIVEN.length) % FAMILY.length])
          .email("user" + i + "@Example.com")
          .department(DEPARTMENTS[i % DEPARTMENTS.length])
          .title(i % 3 == 0 ? "  Senior Engineer " : "Analyst")
          .startDate(LocalDate.of(2020, 1, 1).plusDays(i % 1500))
          .attribute("costCenter", "cc-" + (i % 97))
          .build();
      users[i] = u;
      if (i % 10 == 0) {
        AttributeValue first = mappings.get(0).evaluate(u, EvaluationContext.NONE);
        if (first != null) {
          taken.add(first.toJava().toString());
        }
      }
    }
    context = (attribute, value) -> taken.contains(value.toJava().toString());
  }

  /** All 10 mappings for each of 1M users: the score is nanoseconds per user; divide by 10 for per mapping. */
  @Benchmark
  @OperationsPerInvocation(USERS)
  public void evaluatePolicyFor1MUsers(Blackhole bh) {
    User[] us = users;
    List<AttributeMapping> ms = mappings;
    int n = ms.size();
    for (int i = 0; i < USERS; i++) {
      User u = us[i % DISTINCT];
      for (int m = 0; m < n; m++) {
        bh.consume(ms.get(m).evaluate(u, context));
      }
    }
  }

  /** Only the costliest mapping (selectUnique over folded names) for 1M users: nanoseconds per evaluation. */
  @Benchmark
  @OperationsPerInvocation(USERS)
  public void evaluateUserNameMappingFor1MUsers(Blackhole bh) {
    User[] us = users;
    AttributeMapping userName = mappings.get(0);
    for (int i = 0; i < USERS; i++) {
      bh.consume(userName.evaluate(us[i % DISTINCT], context));
    }
  }
}
