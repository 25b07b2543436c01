package dev.usher.connectors.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.ChangeBatch;
import dev.usher.core.source.ChangeDetector;
import dev.usher.core.source.ChangeSet;
import dev.usher.core.source.InMemorySnapshotStore;
import dev.usher.core.source.LifecycleEvent;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceContext;
import dev.usher.core.source.UserSourceRegistry;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.UnauthorizedException;
import dev.usher.testkit.TestClock;
import dev.usher.testkit.http.FakeHttpServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BambooHrUserSourceTest {
  private static final String KEY = "bhr-secret-key-123";

  private final TestClock clock = TestClock.at(Instant.parse("2026-12-03T09:00:00Z"));
  private FakeBambooHr fake;
  private BambooHrUserSource source;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeBambooHr("acme", KEY, clock);
    fake.put("101", Map.of("firstName", "Alice", "lastName", "Liddell", "workEmail", "alice@acme.example",
        "department", "Engineering", "jobTitle", "SRE", "status", "Active", "hireDate", "2022-01-03",
        "terminationDate", "0000-00-00", "costCenter", "CC-7", "workPhone", "+4930123"));
    fake.put("102", Map.of("firstName", "Bob", "lastName", "Builder", "workEmail", "bob@acme.example",
        "department", "Finance", "status", "Inactive", "hireDate", "2019-06-15", "terminationDate", "2026-11-30",
        "supervisorEId", "101"));
    source = new BambooHrUserSource(BambooHrConfig.of("acme", Secret.of(KEY)).withBaseUrl(fake.baseUrl())
        .withCustomFields(List.of("costCenter")), UserSourceContext.of("bamboohr").withClock(clock));
  }

  @AfterEach
  void stop() {
    source.close();
    fake.close();
  }

  @Test
  void snapshotReadsEveryEmployeeFromOneCustomReportWithBasicAuth() throws Exception {
    UserSnapshot s = source.snapshot();

    assertThat(s.complete()).isTrue();
    assertThat(s.problems()).isEmpty();
    assertThat(s.changeToken()).isEqualTo("2026-12-03T09:00:00Z");
    User alice = s.users().get(0);
    assertThat(alice.id()).isEqualTo("101");
    assertThat(alice.userName()).isEqualTo("alice@acme.example");
    assertThat(alice.primaryEmail()).contains("alice@acme.example");
    assertThat(alice.department()).isEqualTo("Engineering");
    assertThat(alice.title()).isEqualTo("SRE");
    assertThat(alice.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(alice.startDate()).isEqualTo(LocalDate.of(2022, 1, 3));
    assertThat(alice.endDate()).as("0000-00-00 means none").isNull();
    assertThat(alice.phoneNumbers()).extracting(p -> p.value()).containsExactly("+4930123");
    assertThat(alice.attributes()).containsExactly(Map.entry("costCenter", AttributeValue.of("CC-7")));
    User bob = s.users().get(1);
    assertThat(bob.status()).isEqualTo(UserStatus.TERMINATED);
    assertThat(bob.endDate()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(bob.managerId()).isEqualTo("101");

    FakeHttpServer.Call r = fake.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/gateway.php/acme/v1/reports/custom");
    assertThat(r.query()).containsExactly(Map.entry("format", "JSON"), Map.entry("onlyCurrent", "false"));
    assertThat(r.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString((KEY + ":x").getBytes()));
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("fields").toString())
        .contains("\"hireDate\"", "\"terminationDate\"", "\"status\"", "\"costCenter\"");
  }

  @Test
  void badEmployeeRecordIsReportedWithItsIdAndTheOthersLoad() {
    fake.put("103", Map.of("firstName", "Cat", "status", "Contractor", "hireDate", "2024-99-01"));

    UserSnapshot s = source.snapshot();

    assertThat(s.users()).extracting(User::id).containsExactly("101", "102");
    assertThat(s.problems()).extracting(Object::toString).containsExactly(
        "bamboohr line 3, column 'status': unknown status 'Contractor'; expected Active or Inactive",
        "bamboohr line 3, column 'hireDate': expected a date as yyyy-MM-dd, was '2024-99-01'");
    assertThat(s.heldIds()).containsExactly("103");
  }

  @Test
  void wrongApiKeyGivesAnIncompleteSnapshotThatNeverShowsTheKey() {
    try (BambooHrUserSource wrong = new BambooHrUserSource(BambooHrConfig.of("acme", Secret.of("nope"))
        .withBaseUrl(fake.baseUrl()), UserSourceContext.of("bamboohr").withClock(clock))) {
      UserSnapshot s = wrong.snapshot();

      assertThat(s.complete()).isFalse();
      assertThat(s.failure()).hasCauseInstanceOf(UnauthorizedException.class).hasMessageContaining("Invalid API key");
      assertThat(s.failure().getMessage()).doesNotContain("nope");
      assertThat(wrong.toString()).doesNotContain("nope");
    }
  }

  @Test
  void rateLimitedReportIsAnIncompleteSnapshotCarryingRetryAfter() {
    fake.failNext(503, 1, "30");

    UserSnapshot s = source.snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.failure().getCause()).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    assertThat(source.snapshot().complete()).as("the next read works").isTrue();
  }

  @Test
  void changeFeedTurnsChangedEmployeesIntoJoinerMoverAndLeaverEvents() {
    ChangeDetector detector = ChangeDetector.builder(new InMemorySnapshotStore()).clock(clock).build();
    fake.put("104", Map.of("firstName", "Dan", "status", "Active", "department", "Sales"));
    detector.detect(source.snapshot());

    clock.advance(Duration.ofMinutes(5));
    fake.put("101", Map.of("firstName", "Alice", "lastName", "Liddell", "workEmail", "alice@acme.example",
        "department", "Finance", "jobTitle", "SRE", "status", "Active", "hireDate", "2022-01-03",
        "terminationDate", "0000-00-00", "costCenter", "CC-7", "workPhone", "+4930123"));
    fake.put("105", Map.of("firstName", "Eve", "status", "Active"));
    fake.delete("104");
    clock.advance(Duration.ofMinutes(5));

    ChangeBatch batch = source.changesSince(detector.changeToken("bamboohr").orElseThrow());
    ChangeSet changes = detector.apply("bamboohr", batch);

    assertThat(changes.events()).extracting(LifecycleEvent::type, LifecycleEvent::userId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(LifecycleEvent.Type.MOVER, "101"),
        org.assertj.core.groups.Tuple.tuple(LifecycleEvent.Type.JOINER, "105"),
        org.assertj.core.groups.Tuple.tuple(LifecycleEvent.Type.LEAVER, "104"));
    assertThat(changes.events().get(0).changes()).extracting(c -> c.name()).containsExactly("department");
    assertThat(batch.nextToken()).isEqualTo("2026-12-03T09:10:00Z");
    assertThat(source.changesSince(batch.nextToken()).changes()).isEmpty();
    assertThat(fake.requests()).extracting(FakeHttpServer.Call::path)
        .contains("/api/gateway.php/acme/v1/employees/changed", "/api/gateway.php/acme/v1/employees/101");
  }

  @Test
  void registryOpensTheSourceByTypeNameAndHidesTheKeyInErrors() throws Exception {
    UserSource opened = UserSourceRegistry.discover().open("bamboohr", Map.of(
        "companyDomain", "acme", "apiKey", Secret.of(KEY), "baseUrl", fake.baseUrl().toString()),
        UserSourceContext.of("bamboohr").withClock(clock));
    assertThat(opened).isInstanceOf(BambooHrUserSource.class);
    assertThat(opened.snapshot().users()).hasSize(2);
    ((AutoCloseable) opened).close();

    assertThatThrownBy(() -> UserSourceRegistry.discover().open("bamboohr", Map.of(
        "companyDomain", "acme.bamboohr.com", "apiKey", Secret.of(KEY))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("companyDomain must be the subdomain alone")
        .hasMessageNotContaining(KEY);
    assertThat(BambooHrConfig.of("acme", Secret.of(KEY)).toString()).doesNotContain(KEY).contains("****");
  }

}
