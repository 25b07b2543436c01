package dev.usher.scim.internal;

import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.HttpSettings;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.oauth.ClientAuthentication;
import dev.usher.scim.oauth.OAuthClientCredentials;
import dev.usher.scim.oauth.OAuthRefreshToken;
import dev.usher.scim.oauth.TokenStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks {@code auth.oauth} and makes the OAuth strategy the connector uses. */
public final class OAuthSettings {
  private OAuthSettings() {}

  /** Adds the problems of an OAuth block (paths start with {@code auth.oauth}). */
  public static void check(boolean refreshGrant, ScimConfig.@Nullable OAuth oauth, List<Problem> problems) {
    String type = refreshGrant ? "oauth2RefreshToken" : "oauth2ClientCredentials";
    if (oauth == null) {
      problems.add(new Problem("auth.oauth", "is required for auth type " + type
          + " (tokenUrl, clientId, " + (refreshGrant ? "refreshToken" : "clientSecret") + ")"));
      return;
    }
    try {
      OAuthClientCredentials.builder(oauth.tokenUrl(), oauth.clientId(), Secret.of("x"));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("auth.oauth.tokenUrl", e.getMessage()));
    }
    if (!refreshGrant && oauth.clientSecret() == null) {
      problems.add(new Problem("auth.oauth.clientSecret", "is required for auth type oauth2ClientCredentials"));
    }
    if (oauth.scopes() != null) {
      for (int i = 0; i < oauth.scopes().size(); i++) {
        String s = oauth.scopes().get(i);
        if (s == null || s.isBlank() || s.contains(" ")) {
          problems.add(new Problem("auth.oauth.scopes[" + i + "]", "must be one non-blank word"));
        }
      }
    }
    if (oauth.refreshMargin() != null && oauth.refreshMargin().isNegative()) {
      problems.add(new Problem("auth.oauth.refreshMargin", "must not be negative"));
    }
  }

  /**
   * The strategy for a checked OAuth block.
   *
   * @param store where the refresh token lives; null: in memory, starting with {@code oauth.refreshToken}
   * @throws dev.usher.core.ConfigurationException when the refresh-token grant has neither a store nor a token
   */
  public static ScimAuth strategy(boolean refreshGrant, ScimConfig.OAuth oauth, @Nullable TokenStore store,
      Clock clock, HttpSettings http, String connectorType, String applicationId) {
    ClientAuthentication how = "body".equals(oauth.clientAuthentication())
        ? ClientAuthentication.BODY : ClientAuthentication.BASIC;
    List<String> scopes = oauth.scopes() == null ? List.of() : oauth.scopes();
    if (!refreshGrant) {
      OAuthClientCredentials.Builder b = OAuthClientCredentials.builder(oauth.tokenUrl(), oauth.clientId(),
              java.util.Objects.requireNonNull(oauth.clientSecret(), "clientSecret"))
          .scopes(scopes).clientAuthentication(how).clock(clock).http(http).origin(connectorType, applicationId);
      if (oauth.refreshMargin() != null) {
        b.refreshMargin(oauth.refreshMargin());
      }
      return b.build();
    }
    TokenStore tokens = store;
    if (tokens == null) {
      if (oauth.refreshToken() == null) {
        throw new dev.usher.core.ConfigurationException(connectorType + " connector configuration for application '"
            + applicationId + "'", List.of(new Problem("auth.oauth.refreshToken",
                "is required for auth type oauth2RefreshToken unless a TokenStore is given in ScimConnectorOptions")));
      }
      tokens = TokenStore.inMemory(oauth.refreshToken());
    }
    OAuthRefreshToken.Builder b = OAuthRefreshToken.builder(oauth.tokenUrl(), oauth.clientId(), tokens)
        .scopes(scopes).clientAuthentication(how).clock(clock).http(http).origin(connectorType, applicationId);
    if (oauth.clientSecret() != null) {
      b.clientSecret(oauth.clientSecret());
    }
    if (oauth.refreshMargin() != null) {
      b.refreshMargin(oauth.refreshMargin());
    }
    return b.build();
  }
}
