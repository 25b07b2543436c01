package dev.usher.scim.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.source.RowProblem;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSourceContext;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimClient;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.UserResource;
import dev.usher.scim.source.ScimUserSource;
import dev.usher.scim.source.ScimUserSourceConfig;
import dev.usher.testkit.scim.FakeScimServer;
import dev.usher.testkit.scim.ScimFault;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SCIM user source's failure handling and profiles, against the fake server. */
class ScimUserSourceFakeServerTest {

  private static ScimUserSourceConfig config(FakeScimServer server, String profile, Map<String, String> mapping) {
    return new ScimUserSourceConfig(server.baseUrl(), ScimConfig.Auth.bearer(Secret.of(ProfileFixture.TOKEN)), profile,
        null, 2, mapping, null, null, null, "hr");
  }

  private static void people(FakeScimServer server, int n) {
    try (ScimClient client = ScimClient.builder(server.baseUrl()).auth(ScimAuth.bearer(Secret.of(ProfileFixture.TOKEN))).build()) {
      for (int i = 0; i < n; i++) {
        client.createUser(UserResource.builder().userName("p" + i).externalId("E" + i)
            .attribute("nickName", TextNode.valueOf(i == 2 ? "not-a-date" : "2026-0" + (i + 1) + "-01")).build());
      }
    }
  }

  @Test
  void aFailingPageMakesTheSnapshotIncompleteInsteadOfShort() {
    try (FakeScimServer server = ProfileFixture.enforcing("generic").start();
         ScimUserSource source = ScimUserSource.of(config(server, "generic", Map.of()), UserSourceContext.of("hr"))) {
      people(server, 5);
      server.inject(ScimFault.status(503).matching("GET", "/Users"));
      UserSnapshot broken = source.snapshot();
      assertThat(broken.complete()).isFalse();
      assertThat(broken.failure()).isNotNull();
      assertThat(broken.failure().getMessage()).contains("hr: page 1 could not be read").contains("503");
      assertThat(source.snapshot().users()).hasSize(5);
    }
  }

  @Test
  void aValueThatCannotBeMappedIsARowProblemNamingThePath() {
    try (FakeScimServer server = ProfileFixture.enforcing("generic").start();
         ScimUserSource source = ScimUserSource.of(config(server, "generic", Map.of("id", "externalId", "startDate", "nickName")),
             UserSourceContext.of("hr"))) {
      people(server, 4);
      UserSnapshot snapshot = source.snapshot();
      assertThat(snapshot.complete()).isTrue();
      assertThat(snapshot.users()).extracting(User::id).containsExactlyInAnyOrder("E0", "E1", "E3");
      assertThat(snapshot.problems()).singleElement().satisfies(p -> {
        assertThat(p.column()).isEqualTo("nickName");
        assertThat(p.reason()).contains("startDate").contains("not-a-date");
        assertThat(p.line()).isEqualTo(3);
      });
      assertThat(snapshot.problems()).extracting(RowProblem::file).containsExactly("hr");
    }
  }

  @Test
  void awsProfilePagesByCursor() {
    try (FakeScimServer server = ProfileFixture.enforcing("aws-identity-center").start();
         ScimUserSource source = ScimUserSource.of(config(server, "aws-identity-center", Map.of()), UserSourceContext.of("hr"))) {
      people(server, 5);
      UserSnapshot snapshot = source.snapshot();
      assertThat(snapshot.complete()).isTrue();
      assertThat(snapshot.users()).hasSize(5);
      assertThat(server.requests()).filteredOn(r -> r.method().equals("GET") && r.path().endsWith("/Users"))
          .hasSize(3).allSatisfy(r -> assertThat(r.queryParameter("startIndex")).isNull());
    }
  }

  @Test
  void anUnknownMappingTargetIsAConfigurationError() {
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      assertThatThrownBy(() -> ScimUserSource.of(config(server, "generic", Map.of("shoeSize", "x")), UserSourceContext.of("hr")))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("mapping.shoeSize");
    }
  }
}
