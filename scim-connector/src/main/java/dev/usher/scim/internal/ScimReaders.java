package dev.usher.scim.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Streaming readers for SCIM response bodies: no whole-body String is ever made. */
public final class ScimReaders {
  private ScimReaders() {}

  /** The fields of a ListResponse, with each resource already converted. */
  public record ListPage<T>(long totalResults, int startIndex, int itemsPerPage, List<T> resources,
      @Nullable String nextCursor, boolean sawResources) {}

  /**
   * Reads one JSON object, refusing duplicate member names (which value would count is
   * ambiguous). Listings skip that check: it costs a tenth of the parse.
   *
   * @throws IllegalArgumentException when the body is not a JSON object
   */
  public static ObjectNode readObject(ObjectMapper mapper, InputStream in) throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(in)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonNode n = mapper.readTree(p);
      if (n == null || n.isMissingNode()) {
        throw new IllegalArgumentException("the body is empty");
      }
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalArgumentException("expected a JSON object, found " + ScimJson.describe(n));
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON object");
      }
      return o;
    }
  }

  /**
   * Reads a ListResponse token by token; each element of {@code Resources} is read as a tree and
   * converted at once, so a page never exists as text. Member names are matched without regard to case.
   */
  public static <T> ListPage<T> readList(ObjectMapper mapper, InputStream in, Function<ObjectNode, T> convert)
      throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a ListResponse object, found " + describe(p.currentToken()));
      }
      long total = -1;
      int startIndex = 1;
      int itemsPerPage = -1;
      String nextCursor = null;
      List<T> resources = new ArrayList<>();
      boolean sawResources = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName().toLowerCase(Locale.ROOT);
        JsonToken t = p.nextToken();
        switch (name) {
          case "resources":
            sawResources = true;
            if (t == JsonToken.VALUE_NULL) {
              break;
            }
            if (t != JsonToken.START_ARRAY) {
              throw new IllegalArgumentException("'Resources' must be an array, found " + describe(t));
            }
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Resources[" + i + "] must be an object, found " + describe(p.currentToken()));
              }
              ObjectNode node = mapper.readTree(p);
              try {
                resources.add(convert.apply(node));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Resources[" + i + "]: " + e.getMessage(), e);
              }
              i++;
            }
            break;
          case "totalresults":
            total = integer(p, "totalResults");
            break;
          case "startindex":
            startIndex = (int) integer(p, "startIndex");
            break;
          case "itemsperpage":
            itemsPerPage = (int) integer(p, "itemsPerPage");
            break;
          case "nextcursor":
            nextCursor = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
            if (t.isStructStart()) {
              throw new IllegalArgumentException("'nextCursor' must be a string");
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IllegalArgumentException("the ListResponse ends early");
      }
      if (total < 0) {
        if (!sawResources) {
          throw new IllegalArgumentException("not a ListResponse: neither 'totalResults' nor 'Resources'");
        }
        total = resources.size();
      }
      return new ListPage<>(total, startIndex, itemsPerPage < 0 ? resources.size() : itemsPerPage,
          resources, nextCursor, sawResources);
    }
  }

  private static long integer(JsonParser p, String name) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      if (v < 0) {
        throw new IllegalArgumentException("'" + name + "' must not be negative, was " + v);
      }
      return v;
    }
    if (t == JsonToken.VALUE_STRING && p.getText().trim().matches("\\d{1,18}")) {
      return Long.parseLong(p.getText().trim());
    }
    p.skipChildren();
    throw new IllegalArgumentException("'" + name + "' must be an integer, found " + describe(t));
  }

  private static String describe(@Nullable JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    switch (t) {
      case START_ARRAY: return "an array";
      case START_OBJECT: return "an object";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "a number";
      case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
      case VALUE_NULL: return "null";
      default: return t.toString();
    }
  }
}
