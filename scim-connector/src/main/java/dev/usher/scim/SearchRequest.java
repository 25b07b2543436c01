package dev.usher.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to list (RFC 7644 section 3.4.2): filter, attributes, sorting and one page, either by
 * index ({@code startIndex}, {@code count}) or by cursor (RFC 9865).
 *
 * <pre>{@code
 * SearchRequest page2 = SearchRequest.builder()
 *     .filter(Filter.sw("userName", "a"))
 *     .attributes("userName", "active")
 *     .startIndex(101).count(100)
 *     .build();
 * }</pre>
 */
public final class SearchRequest {
  /** Sort direction. */
  public enum SortOrder { ASCENDING, DESCENDING }

  private final @Nullable Filter filter;
  private final List<String> attributes;
  private final List<String> excludedAttributes;
  private final @Nullable String sortBy;
  private final @Nullable SortOrder sortOrder;
  private final @Nullable Integer startIndex;
  private final @Nullable Integer count;
  private final @Nullable String cursor;

  private SearchRequest(Builder b) {
    this.filter = b.filter;
    this.attributes = List.copyOf(b.attributes);
    this.excludedAttributes = List.copyOf(b.excludedAttributes);
    this.sortBy = b.sortBy;
    this.sortOrder = b.sortOrder;
    this.startIndex = b.startIndex;
    this.count = b.count;
    this.cursor = b.cursor;
    if (!attributes.isEmpty() && !excludedAttributes.isEmpty()) {
      throw new IllegalArgumentException("attributes and excludedAttributes cannot both be set (RFC 7644 section 3.4.2.5)");
    }
    if (cursor != null && startIndex != null) {
      throw new IllegalArgumentException("a request pages either by cursor or by startIndex, not both");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.filter = filter;
    b.attributes.addAll(attributes);
    b.excludedAttributes.addAll(excludedAttributes);
    b.sortBy = sortBy;
    b.sortOrder = sortOrder;
    b.startIndex = startIndex;
    b.count = count;
    b.cursor = cursor;
    return b;
  }

  public @Nullable Filter filter() {
    return filter;
  }

  public @Nullable Integer startIndex() {
    return startIndex;
  }

  public @Nullable Integer count() {
    return count;
  }

  public @Nullable String cursor() {
    return cursor;
  }

  /** The query parameters, in a fixed order, not yet encoded. */
  public Map<String, String> queryParameters() {
    Map<String, String> q = new LinkedHashMap<>();
    if (filter != null) {
      q.put("filter", filter.toString());
    }
    if (!attributes.isEmpty()) {
      q.put("attributes", String.join(",", attributes));
    }
    if (!excludedAttributes.isEmpty()) {
      q.put("excludedAttributes", String.join(",", excludedAttributes));
    }
    if (sortBy != null) {
      q.put("sortBy", sortBy);
    }
    if (sortOrder != null) {
      q.put("sortOrder", sortOrder == SortOrder.ASCENDING ? "ascending" : "descending");
    }
    if (startIndex != null) {
      q.put("startIndex", startIndex.toString());
    }
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    if (count != null) {
      q.put("count", count.toString());
    }
    return q;
  }

  /** The SearchRequest message for {@code POST .search}. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("schemas").add(ScimSchemas.SEARCH_REQUEST);
    if (!attributes.isEmpty()) {
      ArrayNode a = o.putArray("attributes");
      attributes.forEach(a::add);
    }
    if (!excludedAttributes.isEmpty()) {
      ArrayNode a = o.putArray("excludedAttributes");
      excludedAttributes.forEach(a::add);
    }
    if (filter != null) {
      o.put("filter", filter.toString());
    }
    if (sortBy != null) {
      o.put("sortBy", sortBy);
    }
    if (sortOrder != null) {
      o.put("sortOrder", sortOrder == SortOrder.ASCENDING ? "ascending" : "descending");
    }
    if (startIndex != null) {
      o.put("startIndex", startIndex);
    }
    if (cursor != null) {
      o.put("cursor", cursor);
    }
    if (count != null) {
      o.put("count", count);
    }
    return o;
  }

  @Override
  public String toString() {
    return "SearchRequest" + queryParameters();
  }

  /** Builds {@link SearchRequest}s. */
  public static final class Builder {
    private @Nullable Filter filter;
    private final List<String> attributes = new ArrayList<>();
    private final List<String> excludedAttributes = new ArrayList<>();
    private @Nullable String sortBy;
    private @Nullable SortOrder sortOrder;
    private @Nullable Integer startIndex;
    private @Nullable Integer count;
    private @Nullable String cursor;

    private Builder() {}

    public Builder filter(@Nullable Filter filter) {
      this.filter = filter;
      return this;
    }

    public Builder attributes(String... names) {
      for (String n : names) {
        attributes.add(Objects.requireNonNull(n, "attribute"));
      }
      return this;
    }

    public Builder excludedAttributes(String... names) {
      for (String n : names) {
        excludedAttributes.add(Objects.requireNonNull(n, "excludedAttribute"));
      }
      return this;
    }

    public Builder sortBy(@Nullable String attribute, @Nullable SortOrder order) {
      this.sortBy = attribute;
      this.sortOrder = order;
      return this;
    }

    /** 1-based index of the first result. */
    public Builder startIndex(@Nullable Integer startIndex) {
      if (startIndex != null && startIndex < 1) {
        throw new IllegalArgumentException("startIndex must be at least 1, was " + startIndex);
      }
      this.startIndex = startIndex;
      return this;
    }

    public Builder count(@Nullable Integer count) {
      if (count != null && count < 0) {
        throw new IllegalArgumentException("count must be at least 0, was " + count);
      }
      this.count = count;
      return this;
    }

    /** RFC 9865 cursor; the empty string asks for the first page. */
    public Builder cursor(@Nullable String cursor) {
      this.cursor = cursor;
      return this;
    }

    public SearchRequest build() {
      return new SearchRequest(this);
    }
  }
}
