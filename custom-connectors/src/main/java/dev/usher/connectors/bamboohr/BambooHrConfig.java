package dev.usher.connectors.bamboohr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.usher.core.model.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a BambooHR account.
 *
 * <pre>{@code
 * UserSource hr = UserSourceRegistry.discover().open("bamboohr", Map.of(
 *     "companyDomain", "acme",
 *     "apiKey", Secret.of(System.getenv("BAMBOOHR_API_KEY")),
 *     "customFields", List.of("costCenter", "employmentHistoryStatus")));
 * }</pre>
 *
 * @param companyDomain the company's subdomain ({@code acme} for acme.bamboohr.com)
 * @param apiKey the API key (sent as the Basic auth user name); never printed
 * @param baseUrl the API root; default {@code https://api.bamboohr.com}
 * @param customFields more BambooHR fields to read, each becoming a string custom attribute of
 *     the same name
 */
public record BambooHrConfig(String companyDomain, Secret apiKey, URI baseUrl, List<String> customFields) {

  /** The API root of BambooHR. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.bamboohr.com");

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public BambooHrConfig(
      @JsonProperty(value = "companyDomain", required = true) String companyDomain,
      @JsonProperty(value = "apiKey", required = true) Secret apiKey,
      @JsonProperty("baseUrl") @Nullable URI baseUrl,
      @JsonProperty("customFields") @Nullable List<String> customFields) {
    Objects.requireNonNull(companyDomain, "companyDomain");
    if (!companyDomain.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
      throw new IllegalArgumentException("companyDomain must be the subdomain alone (letters, digits, '-'), was '"
          + companyDomain + "'");
    }
    this.companyDomain = companyDomain;
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    URI base = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    if (!base.isAbsolute() || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + base + "'");
    }
    this.baseUrl = base;
    this.customFields = customFields == null ? List.of() : List.copyOf(customFields);
  }

  /** A configuration for this company with the default API root and no custom fields. */
  public static BambooHrConfig of(String companyDomain, Secret apiKey) {
    return new BambooHrConfig(companyDomain, apiKey, null, null);
  }

  public BambooHrConfig withBaseUrl(URI baseUrl) {
    return new BambooHrConfig(companyDomain, apiKey, baseUrl, customFields);
  }

  public BambooHrConfig withCustomFields(List<String> fields) {
    return new BambooHrConfig(companyDomain, apiKey, baseUrl, fields);
  }

  @Override
  public String toString() {
    return "BambooHrConfig[companyDomain=" + companyDomain + ", apiKey=" + Secret.MASK + ", baseUrl=" + baseUrl
        + ", customFields=" + customFields + "]";
  }
}
