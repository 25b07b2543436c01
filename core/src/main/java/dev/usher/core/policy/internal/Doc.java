package dev.usher.core.policy.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.usher.core.ConfigurationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON or YAML document as a tree that remembers where each value stands in the text, so a
 * problem can name its line and column. Read with Jackson's streaming parser.
 */
sealed interface Doc {
  /** 1-based line and column of a value's first character. */
  record Loc(int line, int column) {
    @Override
    public String toString() {
      return "line " + line + ", column " + column;
    }
  }

  Loc loc();

  /** What this value is, for messages: "a map", "a list", "text 'x'", "the number 3". */
  String describe();

  record MapDoc(Map<String, Doc> fields, Map<String, Loc> keyLocs, Loc loc) implements Doc {
    @Override
    public String describe() {
      return "a map";
    }
  }

  record ListDoc(List<Doc> items, Loc loc) implements Doc {
    @Override
    public String describe() {
      return items.isEmpty() ? "an empty list" : "a list";
    }
  }

  record Scalar(@Nullable Object value, Loc loc) implements Doc {
    @Override
    public String describe() {
      if (value == null) {
        return "nothing (null)";
      }
      if (value instanceof String s) {
        return "text '" + s + "'";
      }
      if (value instanceof Boolean b) {
        return b.toString();
      }
      return "the number " + value;
    }
  }

  /**
   * Reads a whole document.
   *
   * @param problems receives duplicate keys
   * @throws ConfigurationException for text that is not well-formed JSON or YAML
   */
  static Doc read(String text, boolean yaml, String subject, List<ConfigurationException.Problem> problems) {
    JsonFactory factory = yaml ? new YAMLFactory() : new JsonFactory();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new ConfigurationException(subject + " is empty");
      }
      Doc doc = value(p, "", problems);
      if (!yaml && p.nextToken() != null) {
        Loc loc = loc(p.currentTokenLocation());
        throw new ConfigurationException(subject + ": unexpected content after the document at " + loc);
      }
      return doc;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String where = l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
      throw new ConfigurationException(subject + " is not well-formed " + (yaml ? "YAML" : "JSON") + where
          + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigurationException(subject + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Loc loc(JsonLocation l) {
    return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static Doc value(JsonParser p, String path, List<ConfigurationException.Problem> problems) throws IOException {
    Loc loc = loc(p.currentTokenLocation());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Doc> fields = new LinkedHashMap<>();
        Map<String, Loc> keyLocs = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Loc keyLoc = loc(p.currentTokenLocation());
          p.nextToken();
          String childPath = PolicyReader.child(path, key);
          Doc v = value(p, childPath, problems);
          if (fields.containsKey(key)) {
            problems.add(new ConfigurationException.Problem(childPath,
                "duplicate key '" + key + "' at " + keyLoc + " (first at " + keyLocs.get(key) + ")"));
          } else {
            fields.put(key, v);
            keyLocs.put(key, keyLoc);
          }
        }
        return new MapDoc(Collections.unmodifiableMap(fields), Collections.unmodifiableMap(keyLocs), loc);
      }
      case START_ARRAY: {
        List<Doc> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p, path + "[" + items.size() + "]", problems));
        }
        return new ListDoc(Collections.unmodifiableList(items), loc);
      }
      case VALUE_STRING:
        return new Scalar(p.getText(), loc);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        try {
          return new Scalar(p.getDecimalValue(), loc);
        } catch (NumberFormatException | JsonProcessingException e) {
          return new Scalar(p.getText(), loc);
        }
      case VALUE_TRUE:
        return new Scalar(Boolean.TRUE, loc);
      case VALUE_FALSE:
        return new Scalar(Boolean.FALSE, loc);
      case VALUE_NULL:
        return new Scalar(null, loc);
      default:
        return new Scalar(p.getText(), loc);
    }
  }
}
