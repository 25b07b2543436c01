package dev.usher.core.spi;

import org.jspecify.annotations.Nullable;

/**
 * Asks for one page of a listing.
 *
 * @param token the opaque token from the previous page's {@link Page#nextToken()}, null for the first page
 * @param size the preferred number of items; a connector may return fewer (its application's cap)
 */
public record PageRequest(@Nullable String token, int size) {
  /** The page size used when a caller does not choose one. */
  public static final int DEFAULT_SIZE = 100;

  public PageRequest {
    if (size < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + size);
    }
  }

  /** The first page, of this size. */
  public static PageRequest first(int size) {
    return new PageRequest(null, size);
  }

  /** The first page, of {@link #DEFAULT_SIZE}. */
  public static PageRequest first() {
    return new PageRequest(null, DEFAULT_SIZE);
  }

  /** The page after the one that gave this token, same size. */
  public PageRequest next(String nextToken) {
    return new PageRequest(nextToken, size);
  }
}
