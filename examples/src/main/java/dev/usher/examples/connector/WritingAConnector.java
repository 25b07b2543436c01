package dev.usher.examples.connector;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import java.util.List;
import java.util.Map;

/**
 * Uses the {@code notes} connector written in this package: the registry finds its provider
 * through {@code META-INF/services}, binds and validates its configuration, and Usher drives it
 * like any other connector.
 *
 * <pre>{@code
 * Connector notes = ConnectorRegistry.discover().open("notes",
 *     Map.of("baseUrl", "https://notes.example.com", "apiKey", Secret.of(key)), ConnectorContext.of("notes"));
 * }</pre>
 */
public final class WritingAConnector {
  private WritingAConnector() {}

  public static void main(String[] args) {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (FakeNotesApi notes = FakeNotesApi.start()) {
      String writers = notes.group("Writers");
      ConnectorRegistry registry = ConnectorRegistry.discover();
      System.out.println("registry knows: " + registry.types());

      try (Connector connector = registry.open("notes",
          Map.of("baseUrl", notes.baseUrl(), "apiKey", Secret.of(FakeNotesApi.API_KEY)), ConnectorContext.of("notes"))) {
        connector.test();
        System.out.println("connected: " + connector + " " + connector.capabilities());

        Policy policy = Policy.builder("notes")
            .map("userName", "user.email")
            .map("externalId", "user.id")
            .map("title", "user.title")
            .entitlementRule(EntitlementRule.builder("writers")
                .when("user.department == \"Editorial\"")
                .grant(EntitlementRef.byName(EntitlementType.GROUP, "Writers"))
                .build())
            .build();
        Usher usher = Usher.builder()
            .application("notes", connector, policy)
            .users(List.of(
                User.builder("E1").email("ada@example.com").department("Editorial").title("Editor").build(),
                User.builder("E2").email("alan@example.com").department("Research").title("Researcher").build()))
            .build();

        Plan plan = usher.plan();
        System.out.print(plan.summary());
        ApplyResult result = usher.apply(plan);
        System.out.println(result.summary());
        System.out.println("Notes now holds " + notes.users().size() + " users; Writers has " + notes.members(writers).size()
            + " member(s)");
      }

      try {
        registry.open("notes", Map.of("baseUrl", "ftp://notes", "apiKey", Secret.of("k")), ConnectorContext.of("notes"));
      } catch (RuntimeException e) {
        System.out.println("a bad configuration is refused: " + e.getMessage());
      }
    }
  }
}
