package dev.usher.connectors.rest;

import static dev.usher.connectors.fake.Mock.body;
import static dev.usher.connectors.fake.Mock.json;
import static dev.usher.connectors.fake.Mock.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.connectors.fake.Mock;
import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnauthorizedException;
import dev.usher.testkit.TestClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenProvidersTest {
  static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("test", "app", "authenticate");
  static final ObjectMapper JSON = new ObjectMapper();
  MockWebServer server;
  TestClock clock = TestClock.at(T0);
  RestClient http;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    http = RestClient.open(HttpSettings.defaults(), clock);
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  private ClientCredentialsTokenProvider clientCredentials() {
    return ClientCredentialsTokenProvider.builder().tokenUrl(Mock.base(server) + "/token")
        .clientId("app-1").clientSecret(Secret.of("very-secret-value")).scope("api://x/.default").build(http, ORIGIN);
  }

  @Test
  void clientCredentialsTokenIsCachedUntilAMinuteBeforeItExpires() {
    server.enqueue(json(200, "{\"access_token\":\"t1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
    server.enqueue(json(200, "{\"access_token\":\"t2\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
    ClientCredentialsTokenProvider tokens = clientCredentials();

    assertThat(tokens.accessToken().reveal()).isEqualTo("t1");
    clock.advance(Duration.ofSeconds(3539));
    assertThat(tokens.accessToken().reveal()).isEqualTo("t1");
    assertThat(server.getRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.accessToken().reveal()).isEqualTo("t2");
    assertThat(tokens.fetches()).isEqualTo(2);
    assertThat(body(take(server))).isEqualTo(
        "grant_type=client_credentials&client_id=app-1&client_secret=very-secret-value&scope=api%3A%2F%2Fx%2F.default");
  }

  @Test
  void invalidateForcesTheNextCallToFetch() {
    server.enqueue(json(200, "{\"access_token\":\"t1\",\"expires_in\":3600}"));
    server.enqueue(json(200, "{\"access_token\":\"t2\",\"expires_in\":3600}"));
    ClientCredentialsTokenProvider tokens = clientCredentials();

    tokens.accessToken();
    tokens.invalidate();

    assertThat(tokens.accessToken().reveal()).isEqualTo("t2");
  }

  @Test
  void aShortLivedTokenIsRenewedAtHalfItsLife() {
    server.enqueue(json(200, "{\"access_token\":\"t1\",\"expires_in\":60}"));
    server.enqueue(json(200, "{\"access_token\":\"t2\",\"expires_in\":60}"));
    ClientCredentialsTokenProvider tokens = clientCredentials();

    tokens.accessToken();
    clock.advance(Duration.ofSeconds(29));
    assertThat(tokens.accessToken().reveal()).isEqualTo("t1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.accessToken().reveal()).isEqualTo("t2");
  }

  @Test
  void a401FromTheTokenEndpointIsUnauthorizedNamingTheEndpointButNeverTheSecret() {
    server.enqueue(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
        + " secret provided: very-secret-value\",\"error_codes\":[7000215]}"));
    ClientCredentialsTokenProvider tokens = clientCredentials();

    assertThatThrownBy(tokens::accessToken)
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining(Mock.base(server) + "/token")
        .hasMessageContaining("invalid_client")
        .hasMessageContaining("AADSTS7000215")
        .hasMessageNotContaining("very-secret-value");
  }

  @Test
  void a400InvalidGrantIsUnauthorizedToo() {
    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));

    assertThatThrownBy(clientCredentials()::accessToken)
        .isInstanceOf(UnauthorizedException.class).hasMessageContaining("invalid_grant: Invalid JWT Signature.");
  }

  @Test
  void aTokenEndpointOutageIsTransient() {
    server.enqueue(json(503, "{\"error\":\"temporarily_unavailable\"}"));

    assertThatThrownBy(clientCredentials()::accessToken).isInstanceOf(TransientException.class);
  }

  @Test
  void anAnswerWithoutAccessTokenIsAnError() {
    server.enqueue(json(200, "{\"token_type\":\"Bearer\"}"));

    assertThatThrownBy(clientCredentials()::accessToken)
        .isInstanceOf(ConnectorException.class).hasMessageContaining("without an access_token");
  }

  @Test
  void zoomAccountCredentialsUseBasicAuthAndTheAccountInTheQuery() {
    server.enqueue(json(200, "{\"access_token\":\"z1\",\"token_type\":\"bearer\",\"expires_in\":3599,"
        + "\"scope\":\"user:write:admin\",\"api_url\":\"https://api.zoom.us\"}"));
    ZoomAccountCredentialsTokenProvider tokens = ZoomAccountCredentialsTokenProvider.builder()
        .tokenUrl(Mock.base(server) + "/oauth/token").accountId("acc 1").clientId("zid").clientSecret(Secret.of("zsecret"))
        .build(http, ORIGIN);

    assertThat(tokens.accessToken().reveal()).isEqualTo("z1");
    assertThat(tokens.accessToken().reveal()).isEqualTo("z1");

    RecordedRequest r = take(server);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/oauth/token?grant_type=account_credentials&account_id=acc%201");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(
        "Basic " + Base64.getEncoder().encodeToString("zid:zsecret".getBytes(StandardCharsets.UTF_8)));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(tokens.toString()).doesNotContain("zsecret");
  }

  @Test
  void jwtBearerSignsAnRs256AssertionTheKeyVerifies() throws Exception {
    KeyPair keys = rsa();
    server.enqueue(json(200, "{\"access_token\":\"g1\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"));
    JwtBearerTokenProvider tokens = jwt(Secret.of(pkcs8Pem(keys)));

    assertThat(tokens.accessToken().reveal()).isEqualTo("g1");

    String form = body(take(server));
    assertThat(form).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=");
    String jwt = URLDecoder.decode(form.substring(form.indexOf("assertion=") + 10), StandardCharsets.UTF_8);
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo("key-1");
    assertThat(claims.path("iss").asText()).isEqualTo("usher@idm.iam.gserviceaccount.com");
    assertThat(claims.path("sub").asText()).isEqualTo("admin@acme.example");
    assertThat(claims.path("scope").asText()).isEqualTo("scope.a scope.b");
    assertThat(claims.path("aud").asText()).isEqualTo(Mock.base(server) + "/token");
    assertThat(claims.path("iat").asLong()).isEqualTo(T0.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(T0.getEpochSecond() + 3600);
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(keys.getPublic());
    verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void jwtBearerReadsPkcs1KeysAndEscapedLineBreaks() throws Exception {
    KeyPair keys = rsa();
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length); // the RSAPrivateKey inside PrivateKeyInfo
    String pem = "-----BEGIN RSA PRIVATE KEY-----\\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1).replace("\n", "\\n")
        + "\\n-----END RSA PRIVATE KEY-----\\n";
    server.enqueue(json(200, "{\"access_token\":\"g1\",\"expires_in\":3599}"));

    assertThat(jwt(Secret.of(pem)).accessToken().reveal()).isEqualTo("g1");
  }

  @Test
  void aBadPemKeyIsAConfigurationErrorNamingTheField() {
    for (String bad : List.of("not a key at all",
        "-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nMIIE")) {
      assertThatThrownBy(() -> jwt(Secret.of(bad)))
          .as(bad)
          .isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
              assertThat(p.path()).isEqualTo("privateKey");
              assertThat(p.message()).contains("expected an unencrypted RSA private key in PEM form");
            });
            assertThat(e.getMessage()).startsWith("google connector configuration is invalid");
          })
          .hasMessageNotContaining("AAAA").hasMessageNotContaining("not*base64");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  private JwtBearerTokenProvider jwt(Secret pem) {
    return JwtBearerTokenProvider.builder().tokenUrl(Mock.base(server) + "/token")
        .issuer("usher@idm.iam.gserviceaccount.com").subject("admin@acme.example").keyId("key-1")
        .scopes(List.of("scope.a", "scope.b")).privateKey(pem, "privateKey")
        .describedAs("google connector configuration").build(http, ORIGIN);
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static String pkcs8Pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
