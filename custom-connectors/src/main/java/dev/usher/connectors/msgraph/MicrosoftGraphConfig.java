package dev.usher.connectors.msgraph;

import dev.usher.core.model.Secret;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the {@code microsoft-graph} connector: an app registration with the
 * application permissions {@code User.ReadWrite.All}, {@code GroupMember.ReadWrite.All},
 * {@code Group.Read.All} and {@code Organization.Read.All}.
 *
 * <pre>{@code
 * MicrosoftGraphConfig config = MicrosoftGraphConfig.of(
 *     "contoso.onmicrosoft.com", "0d5e...client-id", Secret.of(System.getenv("GRAPH_SECRET")));
 * }</pre>
 *
 * @param tenantId the directory (tenant) id or a verified domain
 * @param clientId the application (client) id
 * @param clientSecret a client secret of the app registration
 * @param baseUrl the Graph root; {@code https://graph.microsoft.com/v1.0} unless a national cloud
 * @param tokenUrl the token endpoint; by default {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}
 * @param usageLocation the two-letter country set on new users that have none (licenses need it); null for none
 */
public record MicrosoftGraphConfig(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]+", message = "must be a tenant id (GUID) or domain name") String tenantId,
    @NotBlank String clientId,
    @NotNull Secret clientSecret,
    @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an absolute http(s) URL without query")
    String baseUrl,
    @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an absolute http(s) URL without query")
    String tokenUrl,
    @Nullable @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter ISO 3166 country code such as DE")
    String usageLocation) {

  public static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
  public static final String SCOPE = "https://graph.microsoft.com/.default";

  public MicrosoftGraphConfig(String tenantId, String clientId, Secret clientSecret, @Nullable String baseUrl,
      @Nullable String tokenUrl, @Nullable String usageLocation) {
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    this.tokenUrl = tokenUrl == null
        ? "https://login.microsoftonline.com/" + (tenantId == null ? "" : tenantId) + "/oauth2/v2.0/token" : tokenUrl;
    this.usageLocation = usageLocation;
  }

  public static MicrosoftGraphConfig of(String tenantId, String clientId, Secret clientSecret) {
    return new MicrosoftGraphConfig(Objects.requireNonNull(tenantId, "tenantId"),
        Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"),
        null, null, null);
  }

  /** A copy talking to other endpoints (a national cloud, a test server). */
  public MicrosoftGraphConfig withEndpoints(String baseUrl, String tokenUrl) {
    return new MicrosoftGraphConfig(tenantId, clientId, clientSecret, baseUrl, tokenUrl, usageLocation);
  }

  public MicrosoftGraphConfig withUsageLocation(@Nullable String usageLocation) {
    return new MicrosoftGraphConfig(tenantId, clientId, clientSecret, baseUrl, tokenUrl, usageLocation);
  }

  @Override
  public String toString() {
    return "MicrosoftGraphConfig[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=" + Secret.MASK
        + ", baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", usageLocation=" + usageLocation + "]";
  }
}
