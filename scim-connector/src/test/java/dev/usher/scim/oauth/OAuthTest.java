package dev.usher.scim.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.UnauthorizedException;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.ScimConnector;
import dev.usher.scim.ScimConnectorOptions;
import dev.usher.testkit.TestClock;
import dev.usher.testkit.scim.FakeScimServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthTest {
  private static final String SECRET = "s3cr3t-client-secret";
  private static final String REFRESH = "rt-original-refresh-token";
  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicInteger issued = new AtomicInteger();
  private final TokenServer tokens = new TokenServer(form -> TokenServer.token("at-" + issued.incrementAndGet(), 3600));

  @AfterEach
  void stop() {
    tokens.close();
  }

  private OAuthClientCredentials clientCredentials(ClientAuthentication how) {
    return OAuthClientCredentials.builder(tokens.url(), "usher", Secret.of(SECRET))
        .scopes("scim.read", "scim.write").clientAuthentication(how).clock(clock).build();
  }

  private static String bearer(ScimAuth auth) {
    List<String> out = new ArrayList<>();
    auth.apply((name, value) -> out.add(name + ": " + value));
    return out.get(0);
  }

  @Test
  void clientCredentialsAreSentWithBasicAuthAndTheTokenIsCachedUntilShortlyBeforeExpiry() {
    OAuthClientCredentials auth = clientCredentials(ClientAuthentication.BASIC);
    assertThat(bearer(auth)).isEqualTo("Authorization: Bearer at-1");
    clock.advance(Duration.ofMinutes(58));
    assertThat(bearer(auth)).as("58 min into a 60 min token").isEqualTo("Authorization: Bearer at-1");
    clock.advance(Duration.ofSeconds(61));
    assertThat(bearer(auth)).as("less than the 60 s margin before expiry").isEqualTo("Authorization: Bearer at-2");
    TokenServer.Received first = tokens.received().get(0);
    assertThat(first.form()).containsEntry("grant_type", "client_credentials").containsEntry("scope", "scim.read scim.write")
        .doesNotContainKeys("client_id", "client_secret");
    assertThat(first.authorization()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString(("usher:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(auth.tokensFetched()).isEqualTo(2);
  }

  @Test
  void clientCredentialsCanGoInTheBody() {
    bearer(clientCredentials(ClientAuthentication.BODY));
    TokenServer.Received first = tokens.received().get(0);
    assertThat(first.form()).containsEntry("client_id", "usher").containsEntry("client_secret", SECRET);
    assertThat(first.authorization()).isEmpty();
  }

  @Test
  void concurrentCallersShareOneFetchAndOneRefresh() throws Exception {
    OAuthClientCredentials auth = clientCredentials(ClientAuthentication.BASIC);
    tokens.delay(100);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CyclicBarrier start = new CyclicBarrier(8);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit((Callable<String>) () -> {
          start.await();
          String first = bearer(auth);
          start.await();           // everyone has sent at-1 and now "gets a 401"
          auth.refresh();
          return first + " then " + bearer(auth);
        }));
      }
      for (Future<String> f : results) {
        assertThat(f.get()).isEqualTo("Authorization: Bearer at-1 then Authorization: Bearer at-2");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokens.received()).hasSize(2);
  }

  @Test
  void theConnectorRefreshesOnceAfterA401AndThenUsesTheNewToken() {
    tokens.answers(form -> TokenServer.token(issued.incrementAndGet() == 1 ? "stale" : "fake-token", 3600));
    try (FakeScimServer server = FakeScimServer.builder().bearerToken("fake-token").start();
         ScimConnector scim = ScimConnector.open(oauthConfig(server, ScimConfig.AuthType.OAUTH2_CLIENT_CREDENTIALS, SECRET, null),
             ConnectorContext.of("oauth").withClock(clock))) {
      scim.create(Account.builder("oauth").userName("alice").build());
      assertThat(server.users()).hasSize(1);
      assertThat(tokens.received()).hasSize(2);
      assertThat(server.requests()).extracting(r -> r.header("Authorization"))
          .startsWith("Bearer stale").endsWith("Bearer fake-token");
    }
  }

  @Test
  void aWrongTokenAfterRefreshIsUnauthorizedWithoutALoop() {
    tokens.answers(form -> TokenServer.token("never-right", 3600));
    try (FakeScimServer server = FakeScimServer.builder().bearerToken("fake-token").start();
         ScimConnector scim = ScimConnector.open(oauthConfig(server, ScimConfig.AuthType.OAUTH2_CLIENT_CREDENTIALS, SECRET, null),
             ConnectorContext.of("oauth").withClock(clock))) {
      assertThatThrownBy(scim::capabilities).isInstanceOf(UnauthorizedException.class);
      assertThat(tokens.received()).hasSize(2);
    }
  }

  @Test
  void refreshTokenGrantKeepsTheRotatedTokenInTheStore() {
    AtomicInteger n = new AtomicInteger();
    tokens.answers(form -> {
      int i = n.incrementAndGet();
      return new TokenServer.Answer(200, "{\"access_token\":\"at-" + i + "\",\"expires_in\":3600,\"refresh_token\":\"rt-" + i + "\"}");
    });
    TokenStore store = TokenStore.inMemory(Secret.of(REFRESH));
    OAuthRefreshToken auth = OAuthRefreshToken.builder(tokens.url(), "usher", store)
        .clientSecret(Secret.of(SECRET)).clock(clock).build();
    assertThat(bearer(auth)).isEqualTo("Authorization: Bearer at-1");
    assertThat(store.refreshToken()).contains(Secret.of("rt-1"));
    auth.refresh();
    assertThat(bearer(auth)).isEqualTo("Authorization: Bearer at-2");
    assertThat(tokens.received()).extracting(r -> r.form().get("refresh_token")).containsExactly(REFRESH, "rt-1");
    assertThat(tokens.received()).allSatisfy(r -> assertThat(r.form()).containsEntry("grant_type", "refresh_token"));
    assertThat(store.refreshToken()).contains(Secret.of("rt-2"));
  }

  @Test
  void aRevokedRefreshTokenSaysReConsentIsNeededWithoutRevealingSecrets() {
    tokens.answers(form -> new TokenServer.Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token "
        + form.get("refresh_token") + " has been revoked\"}"));
    OAuthRefreshToken auth = OAuthRefreshToken.builder(tokens.url(), "usher", TokenStore.inMemory(Secret.of(REFRESH)))
        .clientSecret(Secret.of(SECRET)).clock(clock).build();
    assertThatThrownBy(() -> bearer(auth)).isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("re-consent is needed").hasMessageContaining("invalid_grant")
        .hasMessageNotContaining(REFRESH).hasMessageNotContaining(SECRET);
  }

  @Test
  void theConnectorUsesTheTokenStoreFromItsOptions() {
    tokens.answers(form -> new TokenServer.Answer(200, "{\"access_token\":\"fake-token\",\"expires_in\":3600,\"refresh_token\":\"rt-next\"}"));
    TokenStore store = TokenStore.inMemory(Secret.of(REFRESH));
    try (FakeScimServer server = FakeScimServer.builder().bearerToken("fake-token").start();
         ScimConnector scim = ScimConnector.open(oauthConfig(server, ScimConfig.AuthType.OAUTH2_REFRESH_TOKEN, null, null),
             ConnectorContext.of("oauth").withClock(clock), ScimConnectorOptions.builder().tokenStore(store).build())) {
      scim.test();
      assertThat(store.refreshToken()).contains(Secret.of("rt-next"));
    }
  }

  @Test
  void secretsNeverAppearInToStringOrConfigurationErrors() {
    OAuthClientCredentials cc = clientCredentials(ClientAuthentication.BASIC);
    bearer(cc);
    OAuthRefreshToken rt = OAuthRefreshToken.builder(tokens.url(), "usher", TokenStore.inMemory(Secret.of(REFRESH)))
        .clientSecret(Secret.of(SECRET)).build();
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      ScimConfig config = oauthConfig(server, ScimConfig.AuthType.OAUTH2_REFRESH_TOKEN, SECRET, REFRESH);
      for (Object o : List.of(cc, rt, config, config.auth(), TokenStore.inMemory(Secret.of(REFRESH)))) {
        assertThat(o.toString()).doesNotContain(SECRET).doesNotContain(REFRESH).doesNotContain("at-1");
      }
      ScimConfig noSecret = oauthConfig(server, ScimConfig.AuthType.OAUTH2_CLIENT_CREDENTIALS, null, REFRESH);
      assertThatThrownBy(() -> ScimConnector.open(noSecret, ConnectorContext.of("x")))
          .hasMessageContaining("auth.oauth.clientSecret").hasMessageNotContaining(REFRESH);
    }
  }

  @Test
  void aRejectedClientIsUnauthorizedNamingTheEndpointButNotTheSecret() {
    tokens.answers(form -> new TokenServer.Answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret "
        + SECRET + "\"}"));
    assertThatThrownBy(() -> bearer(clientCredentials(ClientAuthentication.BODY)))
        .isInstanceOf(UnauthorizedException.class).hasMessageContaining("invalid_client")
        .hasMessageContaining(tokens.url()).hasMessageNotContaining(SECRET);
  }

  private ScimConfig oauthConfig(FakeScimServer server, ScimConfig.AuthType type, String secret, String refresh) {
    ScimConfig.OAuth oauth = new ScimConfig.OAuth(tokens.url(), "usher", secret == null ? null : Secret.of(secret),
        List.of("scim"), null, refresh == null ? null : Secret.of(refresh), null);
    return new ScimConfig(server.baseUrl(), ScimConfig.Auth.oauth(type, oauth), null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }


  @Test
  void bothGrantsRejectScopesThatAreNotOneWord() {
    for (String bad : List.of("", " ", "scim read", "scim\tread")) {
      assertThatThrownBy(() -> OAuthClientCredentials.builder("https://idp.example/token", "usher", Secret.of(SECRET))
              .scopes(List.of(bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("a scope is one non-blank word, not '" + bad + "'");
      assertThatThrownBy(() -> OAuthRefreshToken.builder("https://idp.example/token", "usher", TokenStore.inMemory(Secret.of(REFRESH)))
              .scopes(List.of(bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("a scope is one non-blank word, not '" + bad + "'");
    }
  }
}
