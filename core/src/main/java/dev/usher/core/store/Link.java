package dev.usher.core.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.usher.core.model.AttributeValue;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The remembered pairing of a user with an account in an application, with what Usher last
 * wrote to it.
 *
 * <pre>{@code
 * Link link = Link.of("github", "E1001", "42", clock.instant());
 * store.saveLink("acme", link.withDisabledAt(clock.instant()));
 * }</pre>
 *
 * @param applicationId the application
 * @param userId the user
 * @param accountId the application's id of the account
 * @param linkedAt when the link was made
 * @param disabledAt when Usher disabled the account (start of a deprovisioning grace period);
 *     null while it is enabled
 * @param lastApplied the attribute values Usher last wrote; a mapping that no longer yields a
 *     value removes only what Usher itself wrote
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Link(
    String applicationId,
    String userId,
    String accountId,
    Instant linkedAt,
    @Nullable Instant disabledAt,
    Map<String, AttributeValue> lastApplied) {

  public Link {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(linkedAt, "linkedAt");
    lastApplied = lastApplied == null || lastApplied.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(lastApplied));
  }

  /** A fresh link with nothing applied yet. */
  public static Link of(String applicationId, String userId, String accountId, Instant linkedAt) {
    return new Link(applicationId, userId, accountId, linkedAt, null, Map.of());
  }

  public Link withDisabledAt(@Nullable Instant when) {
    return new Link(applicationId, userId, accountId, linkedAt, when, lastApplied);
  }

  public Link withLastApplied(Map<String, AttributeValue> values) {
    return new Link(applicationId, userId, accountId, linkedAt, disabledAt, values);
  }
}
