package dev.usher.scim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code scim} connector's configuration, bound from a map, JSON or YAML and validated
 * before a connector is made. Only {@code baseUrl} and {@code auth} are required.
 *
 * <pre>{@code
 * Connector slack = registry.open("scim", Map.of(
 *     "baseUrl", "https://api.slack.com/scim/v2",
 *     "auth", Map.of("type", "bearer", "token", Secret.of(token)),
 *     "pageSize", 500));
 * }</pre>
 *
 * @param baseUrl the SCIM base URL, that {@code /Users} is relative to
 * @param auth how to authenticate
 * @param connectTimeout how long to wait for a connection (default: the context's, 10 s)
 * @param requestTimeout how long to wait for an answer (default: the context's, 60 s)
 * @param pageSize how many resources to ask for per page when the caller does not say (1..10000, default 100)
 * @param bulk send creates in bulk requests when the server supports bulk (default false)
 * @param discovery read /ServiceProviderConfig and /ResourceTypes to learn what the server supports (default true);
 *     when false, PATCH and filters are assumed and bulk follows {@code bulk}
 * @param groups offer the server's groups as entitlements (default true)
 * @param searchViaPost list and find with {@code POST /.search} instead of GET (default false)
 * @param paging {@code auto} (cursor when the server offers it, default), {@code index} or {@code cursor}
 * @param usersEndpoint the users path (default: from /ResourceTypes, else /Users)
 * @param groupsEndpoint the groups path (default: from /ResourceTypes, else /Groups)
 * @param maxResponseBytes the largest response accepted (default: the context's, 64 MiB)
 * @param profile the vendor profile adapting the client to a server's quirks (default {@code generic});
 *     see {@link dev.usher.scim.profile.ScimProfiles}
 * @param accountFilter a SCIM filter limiting which users are accounts of this application
 *     (e.g. {@code userType eq "Employee"}); listing and find apply it
 */
public record ScimConfig(
    @NotBlank String baseUrl,
    @NotNull @Valid Auth auth,
    @Nullable Duration connectTimeout,
    @Nullable Duration requestTimeout,
    @Min(1) @Max(10_000) @Nullable Integer pageSize,
    @Nullable Boolean bulk,
    @Nullable Boolean discovery,
    @Nullable Boolean groups,
    @Nullable Boolean searchViaPost,
    @Pattern(regexp = "auto|index|cursor", message = "must be auto, index or cursor") @Nullable String paging,
    @Pattern(regexp = "/.*", message = "must start with /") @Nullable String usersEndpoint,
    @Pattern(regexp = "/.*", message = "must start with /") @Nullable String groupsEndpoint,
    @Min(1024) @Nullable Long maxResponseBytes,
    @Nullable String profile,
    @Nullable String accountFilter) {

  /** How the connector authenticates. */
  public enum AuthType {
    BEARER("bearer"), API_KEY("apiKey"), BASIC("basic"), NONE("none"),
    OAUTH2_CLIENT_CREDENTIALS("oauth2ClientCredentials"), OAUTH2_REFRESH_TOKEN("oauth2RefreshToken");

    private final String text;

    AuthType(String text) {
      this.text = text;
    }

    @JsonValue
    public String text() {
      return text;
    }

    @JsonCreator
    public static AuthType parse(String s) {
      String k = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
      switch (k) {
        case "bearer": case "token": return BEARER;
        case "apikey": case "header": return API_KEY;
        case "basic": return BASIC;
        case "none": return NONE;
        case "oauth2clientcredentials": case "clientcredentials": return OAUTH2_CLIENT_CREDENTIALS;
        case "oauth2refreshtoken": case "refreshtoken": return OAUTH2_REFRESH_TOKEN;
        default:
          throw new IllegalArgumentException("auth type '" + s + "' is not known; expected bearer, apiKey, basic, none, "
              + "oauth2ClientCredentials or oauth2RefreshToken");
      }
    }
  }

  /**
   * Credentials.
   *
   * @param type bearer, apiKey, basic or none
   * @param token the bearer token or API key
   * @param header the API key's header (default {@code X-API-Key})
   * @param prefix what precedes the API key in its header (default nothing)
   * @param username the basic-auth user
   * @param password the basic-auth password
   * @param oauth the OAuth 2.0 settings of the oauth2 types
   */
  public record Auth(@NotNull AuthType type, @Nullable Secret token, @Nullable String header,
      @Nullable String prefix, @Nullable String username, @Nullable Secret password, @Nullable @Valid OAuth oauth) {

    /** Credentials without OAuth. */
    public Auth(AuthType type, @Nullable Secret token, @Nullable String header, @Nullable String prefix,
        @Nullable String username, @Nullable Secret password) {
      this(type, token, header, prefix, username, password, null);
    }

    /** OAuth 2.0 credentials. */
    public static Auth oauth(AuthType type, OAuth oauth) {
      return new Auth(type, null, null, null, null, null, oauth);
    }

    public static Auth bearer(Secret token) {
      return new Auth(AuthType.BEARER, token, null, null, null, null);
    }

    /** The strategy, or the problems of this block (paths start with {@code auth.}). */
    ScimAuth strategy(List<Problem> problems) {
      switch (type) {
        case BEARER:
          if (token == null) {
            problems.add(new Problem("auth.token", "is required for auth type bearer"));
            return ScimAuth.none();
          }
          return ScimAuth.bearer(token);
        case API_KEY:
          if (token == null) {
            problems.add(new Problem("auth.token", "is required for auth type apiKey (the key)"));
            return ScimAuth.none();
          }
          try {
            return ScimAuth.apiKey(header != null ? header : "X-API-Key", prefix != null ? prefix : "", token);
          } catch (IllegalArgumentException e) {
            problems.add(new Problem("auth.header", e.getMessage()));
            return ScimAuth.none();
          }
        case BASIC:
          if (username == null || username.isBlank()) {
            problems.add(new Problem("auth.username", "is required for auth type basic"));
          }
          if (password == null) {
            problems.add(new Problem("auth.password", "is required for auth type basic"));
          }
          if (username == null || username.isBlank() || password == null) {
            return ScimAuth.none();
          }
          try {
            return ScimAuth.basic(username, password);
          } catch (IllegalArgumentException e) {
            problems.add(new Problem("auth.username", e.getMessage()));
            return ScimAuth.none();
          }
        case OAUTH2_CLIENT_CREDENTIALS:
        case OAUTH2_REFRESH_TOKEN:
          dev.usher.scim.internal.OAuthSettings.check(type == AuthType.OAUTH2_REFRESH_TOKEN, oauth, problems);
          return ScimAuth.none(); // made by the connector, which has the clock and the token store
        default:
          return ScimAuth.none();
      }
    }

    @Override
    public String toString() {
      return "Auth[" + type.text() + (username != null ? ", username=" + username : "")
          + (header != null ? ", header=" + header : "") + (oauth != null ? ", " + oauth : "") + "]";
    }
  }

  /**
   * OAuth 2.0 settings ({@code auth.oauth}).
   *
   * @param tokenUrl the token endpoint
   * @param clientId the client id
   * @param clientSecret the client secret (required for client credentials)
   * @param scopes the scopes to ask for (none by default)
   * @param clientAuthentication {@code basic} (default) or {@code body}
   * @param refreshToken the refresh token from the consent flow (refresh-token grant); the
   *     connector keeps it, and rotated ones, in the {@code TokenStore} of its options, or in memory
   * @param refreshMargin how long before expiry a token is replaced (default 60 s)
   */
  public record OAuth(@NotBlank String tokenUrl, @NotBlank String clientId, @Nullable Secret clientSecret,
      @Nullable List<String> scopes,
      @Pattern(regexp = "basic|body", message = "must be basic or body") @Nullable String clientAuthentication,
      @Nullable Secret refreshToken, @Nullable Duration refreshMargin) {
    @Override
    public String toString() {
      return "OAuth[" + tokenUrl + ", client " + clientId + (scopes != null ? ", scopes " + scopes : "") + "]";
    }
  }

  /** A configuration with defaults for everything but the URL and credentials. */
  public static ScimConfig of(String baseUrl, Auth auth) {
    return new ScimConfig(baseUrl, auth, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public int pageSizeOrDefault() {
    return pageSize != null ? pageSize : 100;
  }

  public boolean bulkEnabled() {
    return Boolean.TRUE.equals(bulk);
  }

  public boolean discoveryEnabled() {
    return !Boolean.FALSE.equals(discovery);
  }

  public boolean groupsEnabled() {
    return !Boolean.FALSE.equals(groups);
  }

  public boolean searchViaPostEnabled() {
    return Boolean.TRUE.equals(searchViaPost);
  }

  public String pagingOrDefault() {
    return paging != null ? paging : "auto";
  }

  /** The parsed {@code accountFilter}, or null. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public @Nullable Filter accountFilterParsed() {
    return accountFilter == null ? null : Filter.parse(accountFilter);
  }

  /** The profile name; {@code generic} when none is set. */
  public String profileOrDefault() {
    return profile != null ? profile : "generic";
  }

  /**
   * Checks what the annotations cannot (the URL's form, credentials for the auth type, the
   * profile name) and makes the auth strategy.
   *
   * @throws ConfigurationException listing every problem
   */
  ScimAuth check(String subject) {
    List<Problem> problems = new ArrayList<>();
    try {
      ScimClient.parseBaseUrl(baseUrl);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("baseUrl", e.getMessage()));
    }
    ScimAuth strategy = auth.strategy(problems);
    if (accountFilter != null) {
      try {
        Filter.parse(accountFilter);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem("accountFilter", e.getMessage()));
      }
    }
    ScimProfileRules.check(this, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(subject, problems);
    }
    return strategy;
  }
}
