package dev.usher.examples.quickstart;

import dev.usher.core.ProvisioningException;
import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.events.AuditLog;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.Policy;
import dev.usher.core.source.CsvUserSource;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import dev.usher.core.store.jdbc.JdbcStateStore;
import dev.usher.testkit.fakes.FakeGitHub;
import dev.usher.scim.GroupResource;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimClient;
import dev.usher.testkit.scim.FakeScimServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The one-command tour: Usher onboards about fifty people from an HR export into three
 * applications, then follows a department move, a termination and a new joiner.
 *
 * <p>Everything runs in this process on loopback: two in-process SCIM servers (the testkit's
 * {@link FakeScimServer}) stand in for Slack and Jira, a stateful fake of GitHub's REST API
 * stands in for GitHub, the state lives in an embedded H2 database under the working folder,
 * and the audit log is a JSON Lines file next to it.
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am -DskipTests package exec:exec
 * }</pre>
 *
 * <p>Argument: the working folder (default {@code target/quickstart}); it is emptied first.
 * The application ids, groups and people are made up; nothing leaves this machine.
 */
public final class Quickstart {
  static final String TENANT = "acme";
  private static final String SCIM_TOKEN = "quickstart-scim-token";

  private final Path dir;
  private final PrintStream out;

  private Quickstart(Path dir, PrintStream out) {
    this.dir = dir;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    // Read once when the JDK's HTTP server loads: without it each small request waits ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // Hibernate Validator logs through jboss-logging; send it to SLF4J so the quiet log level holds.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    Path dir = Path.of(args.length > 0 && !args[0].isBlank() ? args[0] : "target/quickstart");
    new Quickstart(dir, System.out).run();
  }

  private void run() throws IOException {
    long started = System.nanoTime();
    prepare();
    out.println("Usher quickstart: working folder " + dir.toAbsolutePath());
    try (FakeScimServer slackServer = FakeScimServer.builder().bearerToken(SCIM_TOKEN).start();
        FakeScimServer jiraServer = FakeScimServer.builder().bearerToken(SCIM_TOKEN).start();
        FakeGitHub github = FakeGitHub.start().acceptingInvitations()) {
      seedGroups(slackServer, "All Staff", "Engineering", "Security", "Sales", "Finance", "People", "Support");
      seedGroups(jiraServer, "jira-software-users", "jira-servicedesk-agents", "jira-administrators");
      github.team("engineering", "Engineering").team("security", "Security").team("on-call", "On-call")
          .member("octocat-admin", "admin")    // a break-glass owner the policy excludes
          .member("mallory", "member")         // someone HR does not know: an orphan, reported
          .member("aliceliddell", "admin");    // Alice already has an account: Usher links it
      out.println("Applications: slack (SCIM) at " + slackServer.baseUrl() + ", jira (SCIM) at "
          + jiraServer.baseUrl() + ", github (GitHub REST API fake) at " + github.url());

      ConnectorRegistry registry = ConnectorRegistry.discover();
      Map<String, Policy> policies = Policy.loadAll(dir.resolve("applications.yaml"));
      try (Connector slack = registry.open("scim", scimConfig(slackServer), ConnectorContext.of("slack"));
          Connector jira = registry.open("scim", scimConfig(jiraServer), ConnectorContext.of("jira"));
          Connector gh = registry.open("github", Map.of("organization", FakeGitHub.ORG,
              "token", Secret.of(FakeGitHub.TOKEN), "baseUrl", github.url()),
              ConnectorContext.of("github"));
          JdbcStateStore store = JdbcStateStore.embedded(dir.resolve("state"));
          AuditLog audit = AuditLog.jsonLines(dir.resolve("audit.jsonl"));
          Workers workers = new Workers(12)) {
        out.println("State store: " + store.database());
        Usher usher = Usher.builder()
            .tenantId(TENANT)
            .application("slack", slack, policies.get("slack"))
            .application("jira", jira, policies.get("jira"))
            .application("github", gh, policies.get("github"))
            .users(this::readHrExport)                  // re-read at every plan
            .stateStore(store)
            .listener(audit)
            .executor(workers.executor())               // connector calls block on I/O: give them threads
            .concurrencyPerApplication(4)
            .build();

        step("1. First run: " + readHrExport().size() + " people in " + dir.resolve("hr.csv").getFileName());
        Plan first = usher.plan();
        printOverview(first);
        printOperations(first, 15);
        Files.writeString(dir.resolve("plan-1.md"), first.toMarkdown());
        out.println("  (the whole plan: " + dir.resolve("plan-1.md") + ")");
        ApplyResult applied = usher.apply(first);
        printOutcome(applied);
        printApplications(slackServer, jiraServer, github);

        step("2. Nothing changed in HR: the next plan is empty");
        Plan again = usher.plan();
        out.println("  " + (again.isEmpty() ? "nothing to do" : again.operations().size() + " operations"));

        step("3. HR changes: a department move, a termination, a new joiner");
        HrChanges.apply(dir.resolve("hr.csv"), out);
        long auditMark = lines(dir.resolve("audit.jsonl")).size();
        Plan changes = usher.plan();
        out.print(indent(changes.summary()));
        ApplyResult changed = usher.apply(changes);
        printOutcome(changed);
        printApplications(slackServer, jiraServer, github);

        step("4. Audit log of step 3, without the operation.started lines (" + dir.resolve("audit.jsonl") + ")");
        lines(dir.resolve("audit.jsonl")).stream().skip(auditMark)
            .filter(l -> !l.startsWith("{\"event\":\"operation.started\""))
            .forEach(l -> out.println("  " + l));

        boolean ok = applied.isSuccess() && changed.isSuccess() && again.isEmpty();
        step("Done in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + (ok ? "all applied" : "SOME OPERATIONS FAILED"));
        if (!ok) {
          throw new IllegalStateException("the quickstart did not apply cleanly; see the outcomes above");
        }
      }
    }
  }

  private void prepare() throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    copyResource("hr.csv");
    copyResource("applications.yaml");
  }

  private void copyResource(String name) throws IOException {
    try (InputStream in = Quickstart.class.getResourceAsStream("/quickstart/" + name)) {
      Files.copy(Objects.requireNonNull(in, "missing resource /quickstart/" + name), dir.resolve(name));
    }
  }

  private List<User> readHrExport() {
    UserSnapshot snapshot = CsvUserSource.of(dir.resolve("hr.csv")).snapshot();
    if (!snapshot.complete()) {
      // Never plan from half a file: everyone missing would look like a leaver.
      throw new ProvisioningException("the HR export could not be read completely", snapshot.failure());
    }
    snapshot.problems().forEach(p -> out.println("  skipped bad row: " + p));
    return snapshot.users();
  }

  private static Map<String, Object> scimConfig(FakeScimServer server) {
    return Map.of("baseUrl", server.baseUrl(), "auth", Map.of("type", "bearer", "token", Secret.of(SCIM_TOKEN)));
  }

  private static void seedGroups(FakeScimServer server, String... names) {
    try (ScimClient client = ScimClient.builder(server.baseUrl()).auth(ScimAuth.bearer(Secret.of(SCIM_TOKEN))).build()) {
      for (String name : names) {
        client.createGroup(GroupResource.builder().displayName(name).build());
      }
    }
  }

  private void step(String title) {
    out.println();
    out.println("== " + title);
  }

  /** Operations per application and type, as a small matrix. */
  private void printOverview(Plan plan) {
    List<String> apps = plan.operations().stream().map(o -> o.applicationId()).distinct().sorted().toList();
    List<OperationType> types = plan.operations().stream().map(o -> o.type()).distinct().sorted().toList();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("APPLICATION"));
    types.forEach(t -> header.add(t.label().toUpperCase(Locale.ROOT)));
    for (String app : apps) {
      List<String> row = new ArrayList<>(List.of(app));
      for (OperationType t : types) {
        row.add(String.valueOf(plan.operations(app).stream().filter(o -> o.type() == t).count()));
      }
      rows.add(row);
    }
    out.println("  Plan: " + plan.operations().size() + " operations, " + plan.staged().size() + " staged, "
        + plan.warnings().size() + " warnings");
    Table.print(out, header, rows);
    plan.warnings().forEach(w -> out.println("  warning: " + w));
  }

  private void printOperations(Plan plan, int limit) {
    List<List<String>> rows = new ArrayList<>();
    plan.operations().stream().limit(limit).forEach(o -> rows.add(List.of(o.applicationId(),
        o.userId() == null ? "-" : o.userId(), o.type().label(), o.describe(), o.reason().toString())));
    out.println("  First " + Math.min(limit, plan.operations().size()) + " operations:");
    Table.print(out, List.of("APPLICATION", "USER", "OPERATION", "DETAIL", "REASON"), rows);
  }

  private void printOutcome(ApplyResult result) {
    out.println("  Applied in " + result.duration().toMillis() + " ms: " + result.counts());
    result.failed().forEach(f -> out.println("  FAILED: " + f));
  }

  private void printApplications(FakeScimServer slack, FakeScimServer jira, FakeGitHub github) {
    long slackActive = slack.users().stream().filter(u -> u.path("active").asBoolean(true)).count();
    long jiraActive = jira.users().stream().filter(u -> u.path("active").asBoolean(true)).count();
    out.println("  Now: slack " + slack.users().size() + " accounts (" + slackActive + " active), jira "
        + jira.users().size() + " accounts (" + jiraActive + " active), github " + github.members().size()
        + " members (team engineering " + github.teamMembers("engineering").size() + ", security "
        + github.teamMembers("security").size() + ", on-call " + github.teamMembers("on-call").size() + ")");
  }

  /** A fixed pool for the applies, shut down with the run. */
  private record Workers(ExecutorService executor) implements AutoCloseable {
    Workers(int threads) {
      this(Executors.newFixedThreadPool(threads));
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l).reduce(new StringBuilder(), (sb, l) -> sb.append(l).append('\n'),
        StringBuilder::append).toString();
  }
}
