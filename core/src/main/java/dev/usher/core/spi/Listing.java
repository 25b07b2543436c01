package dev.usher.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a paged listing returned, and whether it is all there is.
 *
 * <p>A listing that could not finish (a page failed, or a page said it was truncated) is
 * {@linkplain #complete() incomplete}: it holds what was read, and the engine will never
 * conclude from it that an account is gone.
 *
 * @param items every item read, in order
 * @param complete true when every page was read and none was truncated
 * @param failure why the listing stopped early, when it did
 */
public record Listing<T>(List<T> items, boolean complete, @Nullable ConnectorException failure) {
  public Listing {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  public Optional<ConnectorException> failureCause() {
    return Optional.ofNullable(failure);
  }
}
