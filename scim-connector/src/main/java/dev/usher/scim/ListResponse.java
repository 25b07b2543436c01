package dev.usher.scim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a SCIM listing (RFC 7644 section 3.4.2, RFC 9865 cursors).
 *
 * <pre>{@code
 * ListResponse<UserResource> page = client.searchUsers(SearchRequest.builder().count(100).build());
 * page.resources().forEach(u -> System.out.println(u.userName().orElse("?")));
 * }</pre>
 *
 * @param totalResults how many resources match in all
 * @param startIndex the 1-based index of the first resource of this page (1 when absent)
 * @param itemsPerPage what the server says it put in the page (some echo the requested count)
 * @param resources the resources of this page
 * @param nextCursor the RFC 9865 cursor of the next page, null on the last page or without cursors
 */
public record ListResponse<T>(long totalResults, int startIndex, int itemsPerPage, List<T> resources,
    @Nullable String nextCursor) {
  public ListResponse {
    resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /** The same page with each resource converted. */
  public <R> ListResponse<R> map(Function<? super T, ? extends R> f) {
    return new ListResponse<>(totalResults, startIndex, itemsPerPage,
        resources.stream().<R>map(f).toList(), nextCursor);
  }
}
