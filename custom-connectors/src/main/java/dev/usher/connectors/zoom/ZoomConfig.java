package dev.usher.connectors.zoom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.usher.core.model.Secret;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the {@code zoom} connector: a Server-to-Server OAuth app with the scopes
 * {@code user:read:admin}, {@code user:write:admin}, {@code group:read:admin} and
 * {@code group:write:admin} (or their granular equivalents).
 *
 * <pre>{@code
 * ZoomConfig config = ZoomConfig.of("AbCdEfGh", "client-id", Secret.of(System.getenv("ZOOM_SECRET")));
 * }</pre>
 *
 * @param accountId the Zoom account id of the app
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 * @param baseUrl the API root, {@code https://api.zoom.us/v2}
 * @param tokenUrl the token endpoint, {@code https://zoom.us/oauth/token}
 * @param createAction how users are created: {@code create} (Zoom emails an invitation, the default),
 *     {@code autoCreate}, {@code custCreate} or {@code ssoCreate}
 * @param deleteAction what delete does: {@code disassociate} (the user leaves the account and keeps a
 *     free Zoom account, the default) or {@code delete} (permanently)
 */
public record ZoomConfig(
    @NotBlank String accountId,
    @NotBlank String clientId,
    @NotNull Secret clientSecret,
    @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an absolute http(s) URL without query")
    String baseUrl,
    @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an absolute http(s) URL without query")
    String tokenUrl,
    CreateAction createAction,
    DeleteAction deleteAction) {

  public static final String DEFAULT_BASE_URL = "https://api.zoom.us/v2";
  public static final String DEFAULT_TOKEN_URL = "https://zoom.us/oauth/token";

  /** Zoom's {@code action} of {@code POST /users}. */
  public enum CreateAction {
    CREATE("create"), AUTO_CREATE("autoCreate"), CUST_CREATE("custCreate"), SSO_CREATE("ssoCreate");

    private final String wire;

    CreateAction(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static CreateAction of(String wire) {
      return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("createAction must be one of " + Arrays.stream(values())
              .map(CreateAction::wire).collect(Collectors.joining(", ")) + ", was '" + wire + "'"));
    }
  }

  /** Zoom's {@code action} of {@code DELETE /users/{id}}. */
  public enum DeleteAction {
    DISASSOCIATE("disassociate"), DELETE("delete");

    private final String wire;

    DeleteAction(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static DeleteAction of(String wire) {
      return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("deleteAction must be one of disassociate, delete, was '" + wire + "'"));
    }
  }

  public ZoomConfig(String accountId, String clientId, Secret clientSecret, @Nullable String baseUrl,
      @Nullable String tokenUrl, @Nullable CreateAction createAction, @Nullable DeleteAction deleteAction) {
    this.accountId = accountId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    this.tokenUrl = tokenUrl == null ? DEFAULT_TOKEN_URL : tokenUrl;
    this.createAction = createAction == null ? CreateAction.CREATE : createAction;
    this.deleteAction = deleteAction == null ? DeleteAction.DISASSOCIATE : deleteAction;
  }

  public static ZoomConfig of(String accountId, String clientId, Secret clientSecret) {
    return new ZoomConfig(Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(clientId, "clientId"),
        Objects.requireNonNull(clientSecret, "clientSecret"), null, null, null, null);
  }

  /** A copy talking to other endpoints (a test server). */
  public ZoomConfig withEndpoints(String baseUrl, String tokenUrl) {
    return new ZoomConfig(accountId, clientId, clientSecret, baseUrl, tokenUrl, createAction, deleteAction);
  }

  @Override
  public String toString() {
    return "ZoomConfig[accountId=" + accountId + ", clientId=" + clientId + ", clientSecret=" + Secret.MASK
        + ", baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", createAction=" + createAction.wire()
        + ", deleteAction=" + deleteAction.wire() + "]";
  }
}
