package dev.usher.core.source;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link ChangeFeed} reported: the changes, oldest first, and where to continue.
 *
 * @param changes the changes since the token asked with
 * @param nextToken the token to ask with next time
 */
public record ChangeBatch(List<SourceChange> changes, String nextToken) {
  public ChangeBatch {
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    Objects.requireNonNull(nextToken, "nextToken");
  }
}
