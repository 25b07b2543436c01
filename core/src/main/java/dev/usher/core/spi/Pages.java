package dev.usher.core.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads every page of a pull-style listing.
 *
 * <pre>{@code
 * Listing<Account> all = Pages.readAll(connector::listAccounts, 500, origin);
 * if (!all.complete()) { ... do not infer deletes ... }
 * }</pre>
 */
public final class Pages {
  private Pages() {}

  /**
   * Fetches pages until one has no next token.
   *
   * <p>A retryable failure after the first page ends the listing as incomplete with the
   * failure kept; a failure on the first page, or a permanent one, is thrown. A token that
   * repeats would loop forever, so it is an error.
   *
   * @param fetch gets one page
   * @param pageSize the page size to ask for
   * @param origin names the listing in errors
   * @throws ConnectorException when the first page fails, a failure is permanent, or a token repeats
   */
  public static <T> Listing<T> readAll(
      Function<PageRequest, Page<T>> fetch, int pageSize, ConnectorException.Origin origin) {
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(origin, "origin");
    List<T> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    PageRequest request = PageRequest.first(pageSize);
    boolean complete = true;
    int pages = 0;
    while (true) {
      Page<T> page;
      try {
        page = Objects.requireNonNull(fetch.apply(request), "connector returned a null page");
      } catch (ConnectorException e) {
        if (pages == 0 || !e.isRetryable()) {
          throw e;
        }
        return new Listing<>(items, false, e);
      }
      pages++;
      items.addAll(page.items());
      complete &= page.complete();
      String next = page.nextToken();
      if (next == null) {
        return new Listing<>(items, complete, null);
      }
      if (!seen.add(next)) {
        throw new ConnectorException(
            origin,
            "paging token '" + abbreviate(next) + "' came back again after " + pages
                + " pages: the listing would loop forever");
      }
      request = request.next(next);
    }
  }

  private static String abbreviate(String token) {
    return token.length() <= 40 ? token : token.substring(0, 40) + "...";
  }
}
