package dev.usher.connectors.github;

import dev.usher.core.model.Secret;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the {@code github} connector.
 *
 * <pre>{@code
 * GitHubConfig config = GitHubConfig.of("acme", Secret.of(System.getenv("GITHUB_TOKEN")));
 * // or, as a map: {organization: acme, token: ..., baseUrl: https://github.example.com/api/v3}
 * }</pre>
 *
 * @param organization the organization's login ({@code acme} in {@code github.com/acme})
 * @param token a token with {@code admin:org} scope (classic), or a fine-grained or GitHub App
 *     installation token with organization "Members: read and write"
 * @param baseUrl the REST API root; {@code https://api.github.com} unless GitHub Enterprise Server
 * @param apiVersion the {@code X-GitHub-Api-Version} header
 */
public record GitHubConfig(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", message = "must be an organization login (letters, digits, '-')")
    String organization,
    @NotNull Secret token,
    @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an absolute http(s) URL without query")
    String baseUrl,
    @NotBlank String apiVersion) {

  public static final String DEFAULT_BASE_URL = "https://api.github.com";
  public static final String DEFAULT_API_VERSION = "2022-11-28";

  public GitHubConfig(String organization, Secret token, @Nullable String baseUrl, @Nullable String apiVersion) {
    this.organization = organization;
    this.token = token;
    this.baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    this.apiVersion = apiVersion == null ? DEFAULT_API_VERSION : apiVersion;
  }

  /** The organization on github.com with the default API version. */
  public static GitHubConfig of(String organization, Secret token) {
    return new GitHubConfig(Objects.requireNonNull(organization, "organization"),
        Objects.requireNonNull(token, "token"), null, null);
  }

  /** A copy pointing at another API root (GitHub Enterprise Server, a test server). */
  public GitHubConfig withBaseUrl(String baseUrl) {
    return new GitHubConfig(organization, token, baseUrl, apiVersion);
  }

  @Override
  public String toString() {
    return "GitHubConfig[organization=" + organization + ", token=" + Secret.MASK + ", baseUrl=" + baseUrl
        + ", apiVersion=" + apiVersion + "]";
  }
}
