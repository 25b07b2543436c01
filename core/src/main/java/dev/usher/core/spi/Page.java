package dev.usher.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param items the items of this page
 * @param nextToken the opaque token for the next page; null on the last page
 * @param complete false when the connector knows this page is missing items (the application
 *     said the result was truncated): the engine then never infers deletes from the listing
 */
public record Page<T>(List<T> items, @Nullable String nextToken, boolean complete) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** A complete page with more after it (or the last one when {@code nextToken} is null). */
  public static <T> Page<T> of(List<T> items, @Nullable String nextToken) {
    return new Page<>(items, nextToken, true);
  }

  /** The complete last page. */
  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null, true);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextToken);
  }

  public boolean isLast() {
    return nextToken == null;
  }
}
