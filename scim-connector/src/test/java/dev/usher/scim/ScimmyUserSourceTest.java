package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceContext;
import dev.usher.core.source.UserSourceRegistry;
import dev.usher.scim.source.ScimUserSource;
import dev.usher.scim.source.ScimUserSourceConfig;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SCIM user source reading people from scimmy, a real third-party SCIM server. */
class ScimmyUserSourceTest {
  @RegisterExtension
  static final ScimmyServer SERVER = new ScimmyServer();

  @BeforeEach
  void people() throws Exception {
    SERVER.reset();
    try (ScimClient client = SERVER.client()) {
      for (int i = 0; i < 7; i++) {
        client.createUser(UserResource.builder().userName("person" + i).externalId("E" + i)
            .name("Given" + i, "Family" + i).active(i != 3)
            .email(MultiValue.of("person" + i + "@example.com").withType("work").withPrimary(true))
            .enterprise("department", i % 2 == 0 ? "Engineering" : "Sales")
            .attribute("title", TextNode.valueOf("Engineer " + i))
            .build());
      }
    }
  }

  @Test
  void readsEveryPersonAcrossPagesWithTheDefaultMappingAndAnOverride() {
    ScimUserSourceConfig config = new ScimUserSourceConfig(SERVER.baseUrl(), ScimConfig.Auth.bearer(SERVER.token()),
        null, null, 3, Map.of("id", "externalId", "attributes.login", "userName"), UserStatus.TERMINATED, null, null, "idp");
    try (ScimUserSource source = ScimUserSource.of(config, UserSourceContext.of("idp"))) {
      UserSnapshot snapshot = source.snapshot();
      assertThat(snapshot.complete()).isTrue();
      assertThat(snapshot.problems()).isEmpty();
      assertThat(snapshot.users()).extracting(User::id).containsExactlyInAnyOrder("E0", "E1", "E2", "E3", "E4", "E5", "E6");
      User e2 = snapshot.users().stream().filter(u -> u.id().equals("E2")).findFirst().orElseThrow();
      assertThat(e2.userName()).isEqualTo("person2");
      assertThat(e2.givenName()).isEqualTo("Given2");
      assertThat(e2.familyName()).isEqualTo("Family2");
      assertThat(e2.department()).isEqualTo("Engineering");
      assertThat(e2.title()).isEqualTo("Engineer 2");
      assertThat(e2.primaryEmail()).contains("person2@example.com");
      assertThat(e2.status()).isEqualTo(UserStatus.ACTIVE);
      assertThat(e2.attribute("login")).map(Object::toString).get().asString().contains("person2");
      User e3 = snapshot.users().stream().filter(u -> u.id().equals("E3")).findFirst().orElseThrow();
      assertThat(e3.status()).as("active false with inactiveStatus TERMINATED").isEqualTo(UserStatus.TERMINATED);
    }
  }

  @Test
  void aFilterLimitsWhoIsReadAndTheRegistryFindsTheSourceAsScim() {
    UserSource source = UserSourceRegistry.discover().open("scim", Map.of(
        "baseUrl", SERVER.baseUrl(),
        "auth", Map.of("type", "bearer", "token", SERVER.token()),
        "filter", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\"",
        "mapping", Map.of("id", "externalId")), UserSourceContext.of("idp"));
    UserSnapshot snapshot = source.snapshot();
    assertThat(snapshot.complete()).isTrue();
    assertThat(snapshot.users()).extracting(User::id).containsExactlyInAnyOrder("E1", "E3", "E5");
  }
}
