package dev.usher.core.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.usher.core.ConfigurationException;
import dev.usher.core.json.UsherJson;
import dev.usher.core.model.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * People from a JSON file (one array of objects) or a JSON Lines file (one object per line),
 * read with Jackson.
 *
 * <p>The column mapping names top-level fields. JSON arrays fill multi-valued targets; a
 * string with the separator works too. Without a mapping, fields named like user fields fill
 * them and every other field becomes a custom attribute of its JSON type. In JSON Lines a line
 * that is not valid JSON is a bad row and the lines after it still load; in a JSON array a
 * syntax error ends the read (the snapshot is then incomplete).
 *
 * <pre>{@code
 * UserSource idp = JsonUserSource.lines(FileSourceConfig.builder(Path.of("people.jsonl"))
 *     .column("employeeNumber", "id")
 *     .column("mail", "email")
 *     .column("groups", "roles")
 *     .build());
 * }</pre>
 */
public final class JsonUserSource implements UserSource {

  /** How the file holds its objects. */
  public enum Format {
    /** One JSON array of objects. */
    ARRAY,
    /** JSON Lines: one object per line. */
    LINES
  }

  private final FileSourceConfig config;
  private final Format format;
  private final ObjectMapper json;
  private final ObjectReader lineReader;
  private final UserMapping mapping;

  private JsonUserSource(FileSourceConfig config, Format format) {
    this.config = Objects.requireNonNull(config, "config");
    this.format = Objects.requireNonNull(format, "format");
    if (config.delimiter() != null) {
      throw new ConfigurationException(config.sourceName() + " user source configuration", List.of(
          new ConfigurationException.Problem("delimiter", "applies to CSV sources only")));
    }
    this.json = UsherJson.newMapper();
    // A line holds exactly one value; in an array the parser moves on to the next element.
    this.lineReader = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.mapping = UserMapping.compile(config, json);
  }

  /** A source reading a file holding one JSON array of objects. */
  public static JsonUserSource array(FileSourceConfig config) {
    return new JsonUserSource(config, Format.ARRAY);
  }

  /** A source reading a JSON Lines file: one object per line. */
  public static JsonUserSource lines(FileSourceConfig config) {
    return new JsonUserSource(config, Format.LINES);
  }

  public FileSourceConfig config() {
    return config;
  }

  public Format format() {
    return format;
  }

  @Override
  public String name() {
    return mapping.file();
  }

  @Override
  public UserSnapshot snapshot() {
    String file = mapping.file();
    RowCollector rows = new RowCollector(file);
    Map<String, UserMapping.Binding> byField = new HashMap<>();
    try {
      if (format == Format.LINES) {
        readLines(rows, byField);
      } else {
        UserSourceException stop = readArray(rows, byField);
        if (stop != null) {
          return rows.finish(config.strict(), stop);
        }
      }
    } catch (NoSuchFileException e) {
      return UserSnapshot.failed(file, new UserSourceException(file + ": file not found: " + config.path(), e));
    } catch (IOException e) {
      return rows.finish(false, new UserSourceException(file + " could not be read: " + e.getMessage(), e));
    }
    return rows.finish(config.strict(), null);
  }

  private void readLines(RowCollector rows, Map<String, UserMapping.Binding> byField) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(config.path(), StandardCharsets.UTF_8)) {
      String text;
      long line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = lineReader.readValue(text);
        } catch (JsonProcessingException e) {
          JsonLocation at = e.getLocation();
          rows.problem(line, null, "not valid JSON: " + e.getOriginalMessage()
              + (at == null ? "" : " at column " + at.getColumnNr()), null);
          continue;
        }
        record(node, line, rows, byField);
      }
    }
  }

  private @Nullable UserSourceException readArray(RowCollector rows, Map<String, UserMapping.Binding> byField)
      throws IOException {
    String file = mapping.file();
    try (InputStream in = Files.newInputStream(config.path());
        JsonParser p = json.getFactory().createParser(in)) {
      long line = 1;
      boolean inRecord = false;
      try {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY) {
          String found = t == null ? "an empty file" : describe(t);
          rows.problem(1, null, "expected a JSON array of objects, found " + found, null);
          return new UserSourceException(file + ": expected a JSON array of objects, found " + found);
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new UserSourceException(file + ": the array is not closed");
          }
          line = p.currentTokenLocation().getLineNr();
          inRecord = true;
          JsonNode node = json.readTree(p);
          inRecord = false;
          record(node, line, rows, byField);
        }
        if (p.nextToken() != null) {
          rows.problem(p.currentTokenLocation().getLineNr(), null, "unexpected content after the array", null);
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        // An error inside a record (one cut short runs to the end of the file) belongs to the record's first line.
        long errLine = inRecord || at == null ? line : at.getLineNr();
        rows.problem(errLine, null, "not valid JSON: " + e.getOriginalMessage()
            + (at == null ? "" : " at column " + at.getColumnNr()), null);
        return new UserSourceException(file + " line " + errLine + ": not valid JSON, reading stopped: "
            + e.getOriginalMessage(), e);
      } catch (UserSourceException e) {
        rows.problem(line, null, e.getMessage(), null);
        return e;
      }
    }
    return null;
  }

  private void record(JsonNode node, long line, RowCollector rows, Map<String, UserMapping.Binding> byField) {
    if (!node.isObject()) {
      rows.problem(line, null, "expected a JSON object, found " + node.getNodeType().toString().toLowerCase(Locale.ROOT), null);
      return;
    }
    List<UserMapping.Binding> bindings;
    Object[] raw;
    if (mapping.byHeader()) {
      bindings = new ArrayList<>(node.size());
      List<Object> values = new ArrayList<>(node.size());
      boolean hasId = false;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        UserMapping.Binding b = byField.computeIfAbsent(e.getKey(), mapping::bindingForHeader);
        hasId |= b.field() == UserMapping.Field.ID;
        bindings.add(b);
        values.add(e.getValue());
      }
      if (!hasId) {
        bindings.add(mapping.bindingForHeader("id"));
        values.add(null);
      }
      raw = values.toArray();
    } else {
      bindings = mapping.bindings();
      raw = new Object[bindings.size()];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = node.get(bindings.get(i).column());
      }
    }
    User u = mapping.map(line, bindings, raw, rows.problems());
    if (u != null) {
      rows.user(u, line);
    }
  }

  private static String describe(JsonToken t) {
    switch (t) {
      case START_OBJECT: return "an object";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "a number";
      case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
      case VALUE_NULL: return "null";
      default: return t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }
  }

  @Override
  public String toString() {
    return "JsonUserSource[" + format + " " + config.path() + "]";
  }
}
