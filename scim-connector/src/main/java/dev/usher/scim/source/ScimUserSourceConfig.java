package dev.usher.scim.source;

import dev.usher.core.model.UserStatus;
import dev.usher.scim.ScimConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code scim} user source's configuration.
 *
 * <pre>{@code
 * UserSource hr = UserSourceRegistry.discover().open("scim", Map.of(
 *     "baseUrl", "https://idp.example.com/scim/v2",
 *     "auth", Map.of("type", "bearer", "token", Secret.of(token)),
 *     "filter", "userType eq \"Employee\"",
 *     "mapping", Map.of("id", "externalId", "attributes.costCenter",
 *         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter")));
 * }</pre>
 *
 * @param baseUrl the SCIM base URL
 * @param auth how to authenticate (as for the {@code scim} connector; OAuth client credentials too)
 * @param profile the vendor profile (default {@code generic})
 * @param filter a SCIM filter limiting who is read (default: everyone)
 * @param pageSize users per page (1..10000, default 500)
 * @param mapping user field to SCIM attribute path, merged over the defaults (see {@link ScimUserMapping#DEFAULTS});
 *     an empty path removes a default
 * @param inactiveStatus the status of a user whose {@code active} is false (default SUSPENDED)
 * @param connectTimeout connection timeout (default the context's)
 * @param requestTimeout request timeout (default the context's)
 * @param name the source's name (default: the context's)
 */
public record ScimUserSourceConfig(
    @NotBlank String baseUrl,
    @NotNull @Valid ScimConfig.Auth auth,
    @Nullable String profile,
    @Nullable String filter,
    @Min(1) @Max(10_000) @Nullable Integer pageSize,
    @Nullable Map<String, String> mapping,
    @Nullable UserStatus inactiveStatus,
    @Nullable Duration connectTimeout,
    @Nullable Duration requestTimeout,
    @Nullable String name) {

  public ScimUserSourceConfig {
    mapping = mapping == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
  }

  /** A configuration with defaults for everything but the URL and credentials. */
  public static ScimUserSourceConfig of(String baseUrl, ScimConfig.Auth auth) {
    return new ScimUserSourceConfig(baseUrl, auth, null, null, null, null, null, null, null, null);
  }

  public int pageSizeOrDefault() {
    return pageSize != null ? pageSize : 500;
  }
}
