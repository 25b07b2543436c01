package dev.usher.scim.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.model.User;
import dev.usher.core.source.RowProblem;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceException;
import dev.usher.scim.Filter;
import dev.usher.scim.ListResponse;
import dev.usher.scim.ScimClient;
import dev.usher.scim.ScimResource;
import dev.usher.scim.SearchRequest;
import dev.usher.scim.ServiceProviderConfig;
import dev.usher.scim.profile.ScimProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * People read from a SCIM server (an HR system or identity provider), page by page, mapped to
 * {@link User}s by a {@link ScimUserMapping}. A page that fails ends the read: the snapshot is
 * then incomplete and carries the failure, so nobody is taken for a leaver. A user whose values
 * cannot be mapped is a {@link RowProblem} (its line is its position in the listing, its column
 * the SCIM path) and is left out; two users with one id are both left out and reported.
 *
 * <pre>{@code
 * try (ScimUserSource hr = ScimUserSource.of(ScimUserSourceConfig.of("https://idp.example.com/scim/v2",
 *     ScimConfig.Auth.bearer(Secret.of(token))), UserSourceContext.of("idp"))) {
 *   UserSnapshot snapshot = hr.snapshot();
 * }
 * }</pre>
 */
public final class ScimUserSource implements UserSource, AutoCloseable {
  private final String name;
  private final ScimClient client;
  private final ScimProfile profile;
  private final @Nullable Filter filter;
  private final int pageSize;
  private final ScimUserMapping mapping;

  ScimUserSource(String name, ScimClient client, ScimProfile profile, @Nullable Filter filter, int pageSize,
      ScimUserMapping mapping) {
    this.name = name;
    this.client = client;
    this.profile = profile;
    this.filter = filter;
    this.pageSize = pageSize;
    this.mapping = mapping;
  }

  /**
   * A source for a configuration; does not contact the server.
   *
   * @throws dev.usher.core.ConfigurationException listing what is wrong
   */
  public static ScimUserSource of(ScimUserSourceConfig config, dev.usher.core.source.UserSourceContext context) {
    return new ScimUserSourceProvider().create(config, context);
  }

  @Override
  public String name() {
    return name;
  }

  /** The mapping in use. */
  public ScimUserMapping mapping() {
    return mapping;
  }

  @Override
  public UserSnapshot snapshot() {
    Map<String, User> users = new LinkedHashMap<>();
    Map<String, Long> firstSeen = new LinkedHashMap<>();
    List<String> duplicated = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    long index = 0;
    String cursor = null;
    int startIndex = 1;
    boolean useCursor;
    int count = pageSize;
    try {
      ServiceProviderConfig spc = client.discovery().serviceProviderConfig();
      useCursor = profile.cursorPagingOnly() || spc.cursorPaging() && !spc.indexPaging();
      if (spc.filter().maxResults() > 0) {
        count = Math.min(count, spc.filter().maxResults());
      }
    } catch (RuntimeException e) {
      return new UserSnapshot(name, List.of(), List.of(), false,
          new UserSourceException(name + ": the SCIM server's discovery could not be read: " + e.getMessage(), e), null);
    }
    for (int pageNo = 1; ; pageNo++) {
      SearchRequest.Builder sr = SearchRequest.builder().filter(filter).count(count);
      if (useCursor) {
        sr.cursor(cursor == null ? "" : cursor);
      } else {
        sr.startIndex(startIndex);
      }
      ListResponse<ObjectNode> page;
      try {
        page = client.search(ScimClient.USERS, sr.build(), false, ScimResource::json);
      } catch (RuntimeException e) {
        return finish(users, duplicated, problems, new UserSourceException(
            name + ": page " + pageNo + " could not be read: " + e.getMessage(), e));
      }
      for (ObjectNode resource : page.resources()) {
        index++;
        try {
          User u = mapping.map(resource);
          Long earlier = firstSeen.putIfAbsent(u.id(), index);
          if (earlier != null) {
            duplicated.add(u.id());
            problems.add(new RowProblem(name, index, mapping.paths().get("id"),
                "duplicate user id '" + u.id() + "' (also user " + earlier + " of the listing); no user with this id is loaded", u.id()));
          } else {
            users.put(u.id(), u);
          }
        } catch (ScimUserMapping.BadValue e) {
          String id = resource.path("id").asText(null);
          problems.add(new RowProblem(name, index, e.path, e.getMessage(), id));
        }
      }
      if (useCursor) {
        if (page.nextCursor() == null) {
          break;
        }
        cursor = page.nextCursor();
      } else {
        long next = (long) startIndex + page.resources().size();
        if (page.resources().isEmpty() || next > page.totalResults()) {
          if (page.resources().isEmpty() && startIndex <= page.totalResults()) {
            return finish(users, duplicated, problems, new UserSourceException(name + ": page " + pageNo
                + " was empty at startIndex " + startIndex + " although totalResults is " + page.totalResults()));
          }
          break;
        }
        startIndex = (int) next;
      }
      if (pageNo >= 100_000) {
        return finish(users, duplicated, problems, new UserSourceException(name + ": more than 100,000 pages; stopped"));
      }
    }
    return finish(users, duplicated, problems, null);
  }

  private UserSnapshot finish(Map<String, User> users, List<String> duplicated, List<RowProblem> problems,
      @Nullable UserSourceException failure) {
    duplicated.forEach(users::remove);
    return new UserSnapshot(name, new ArrayList<>(users.values()), problems, failure == null, failure, null);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "ScimUserSource[" + name + ", " + client + "]";
  }

  static ScimUserSource make(String name, ScimClient client, ScimProfile profile, @Nullable Filter filter, int pageSize,
      ScimUserMapping mapping) {
    return new ScimUserSource(Objects.requireNonNull(name), client, profile, filter, pageSize, mapping);
  }
}
