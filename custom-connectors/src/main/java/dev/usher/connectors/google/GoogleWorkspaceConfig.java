package dev.usher.connectors.google;

import dev.usher.core.model.Secret;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the {@code google-workspace} connector: a service account whose client id
 * is granted the {@link #DEFAULT_SCOPES} by domain-wide delegation, acting as an administrator.
 *
 * <pre>{@code
 * GoogleWorkspaceConfig config = GoogleWorkspaceConfig.of(
 *     "usher@acme-idm.iam.gserviceaccount.com",      // client_email of the key file
 *     Secret.of(privateKeyPem),                       // private_key of the key file
 *     "admin@acme.example");                          // the administrator to act as
 * }</pre>
 *
 * @param serviceAccountEmail the service account ({@code client_email} in its JSON key file)
 * @param privateKey the RSA private key in PEM form ({@code private_key} in the key file)
 * @param privateKeyId the key's id ({@code private_key_id}), sent as the JWT {@code kid}; null to omit
 * @param adminEmail the administrator the service account acts as (the JWT {@code sub})
 * @param customer the customer whose users and groups are managed; {@code my_customer} for the admin's own
 * @param baseUrl the Admin SDK root, {@code https://admin.googleapis.com}
 * @param tokenUrl Google's token endpoint, {@code https://oauth2.googleapis.com/token}
 * @param scopes the OAuth scopes requested; the Directory API user, group and member scopes by default
 */
public record GoogleWorkspaceConfig(
    @NotBlank @Email String serviceAccountEmail,
    @NotNull Secret privateKey,
    @Nullable String privateKeyId,
    @NotBlank @Email String adminEmail,
    @NotBlank String customer,
    @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an absolute http(s) URL without query")
    String baseUrl,
    @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an absolute http(s) URL without query")
    String tokenUrl,
    @NotEmpty List<@NotBlank String> scopes) {

  public static final String DEFAULT_BASE_URL = "https://admin.googleapis.com";
  public static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
  public static final List<String> DEFAULT_SCOPES = List.of(
      "https://www.googleapis.com/auth/admin.directory.user",
      "https://www.googleapis.com/auth/admin.directory.group",
      "https://www.googleapis.com/auth/admin.directory.group.member");

  public GoogleWorkspaceConfig(String serviceAccountEmail, Secret privateKey, @Nullable String privateKeyId,
      String adminEmail, @Nullable String customer, @Nullable String baseUrl, @Nullable String tokenUrl,
      @Nullable List<String> scopes) {
    this.serviceAccountEmail = serviceAccountEmail;
    this.privateKey = privateKey;
    this.privateKeyId = privateKeyId;
    this.adminEmail = adminEmail;
    this.customer = customer == null ? "my_customer" : customer;
    this.baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    this.tokenUrl = tokenUrl == null ? DEFAULT_TOKEN_URL : tokenUrl;
    this.scopes = scopes == null ? DEFAULT_SCOPES : List.copyOf(scopes);
  }

  public static GoogleWorkspaceConfig of(String serviceAccountEmail, Secret privateKey, String adminEmail) {
    return new GoogleWorkspaceConfig(Objects.requireNonNull(serviceAccountEmail, "serviceAccountEmail"),
        Objects.requireNonNull(privateKey, "privateKey"), null, Objects.requireNonNull(adminEmail, "adminEmail"),
        null, null, null, null);
  }

  /** A copy talking to other endpoints (a test server). */
  public GoogleWorkspaceConfig withEndpoints(String baseUrl, String tokenUrl) {
    return new GoogleWorkspaceConfig(serviceAccountEmail, privateKey, privateKeyId, adminEmail, customer, baseUrl,
        tokenUrl, scopes);
  }

  @Override
  public String toString() {
    return "GoogleWorkspaceConfig[serviceAccountEmail=" + serviceAccountEmail + ", privateKey=" + Secret.MASK
        + ", privateKeyId=" + privateKeyId + ", adminEmail=" + adminEmail + ", customer=" + customer
        + ", baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", scopes=" + scopes + "]";
  }
}
