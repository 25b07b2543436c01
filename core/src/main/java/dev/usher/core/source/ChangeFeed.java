package dev.usher.core.source;

import org.jspecify.annotations.Nullable;

/**
 * Changes a source can report since a point in its history, for polling between full
 * snapshots.
 *
 * <pre>{@code
 * String token = snapshot.changeToken();          // where the snapshot left off
 * ChangeBatch batch = feed.changesSince(token);
 * batch.changes().forEach(change -> ...);
 * token = batch.nextToken();                       // remember it for the next poll
 * }</pre>
 */
public interface ChangeFeed {

  /**
   * Changes after {@code token}, oldest first, and the token to ask with next time.
   *
   * @param token a token from an earlier batch or snapshot; null starts from now (no changes)
   * @throws UserSourceException when the token is unknown or expired (take a snapshot instead)
   *     or the source cannot be reached
   */
  ChangeBatch changesSince(@Nullable String token);
}
