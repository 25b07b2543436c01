package dev.usher.core.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.usher.core.json.UsherJson;
import dev.usher.core.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * People from a CSV file with a header row, read with Jackson's CSV parser.
 *
 * <p>Quoted cells may hold the delimiter, quotes ({@code ""}) and line breaks; blank lines
 * are skipped; cells are trimmed. Each row is checked against the header and the column
 * mapping, and every bad row is reported with its line and column (see {@link RowProblem}).
 * The file is read anew on every {@link #snapshot()}.
 *
 * <pre>{@code
 * UserSource hr = CsvUserSource.of(FileSourceConfig.builder(Path.of("hr.csv"))
 *     .column("EmployeeId", "id")
 *     .column("Mail", "email")
 *     .column("Department", "department")
 *     .column("Status", "status")
 *     .column("Leaving", ColumnSpec.to("endDate").dateFormat("dd.MM.yyyy"))
 *     .build());
 * }</pre>
 */
public final class CsvUserSource implements UserSource {
  private final FileSourceConfig config;
  private final UserMapping mapping;
  private final CsvFactory csv = CsvFactory.builder()
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();
  private final CsvSchema schema;

  private CsvUserSource(FileSourceConfig config) {
    this.config = config;
    this.mapping = UserMapping.compile(config, UsherJson.newMapper());
    char delimiter = config.delimiter() == null ? ',' : config.delimiter().charAt(0);
    this.schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"').withoutHeader();
  }

  /**
   * A source reading the configured file.
   *
   * @throws dev.usher.core.ConfigurationException listing every problem of the column mapping
   */
  public static CsvUserSource of(FileSourceConfig config) {
    return new CsvUserSource(Objects.requireNonNull(config, "config"));
  }

  /** A source reading a file whose headers are user field names ({@code id}, {@code email}, ...). */
  public static CsvUserSource of(java.nio.file.Path file) {
    return of(FileSourceConfig.builder(file).build());
  }

  public FileSourceConfig config() {
    return config;
  }

  @Override
  public String name() {
    return mapping.file();
  }

  @Override
  public UserSnapshot snapshot() {
    String file = mapping.file();
    RowCollector rows = new RowCollector(file);
    try (InputStream in = Files.newInputStream(config.path());
        CsvParser p = csv.createParser(in)) {
      p.setSchema(schema);
      List<String> header = new ArrayList<>();
      if (p.nextToken() != JsonToken.START_ARRAY || !readRow(p, header)) {
        return UserSnapshot.failed(file, new UserSourceException(file + " is empty: expected a header row"));
      }
      Columns columns = columns(header);
      if (columns.problem != null) {
        UserSourceException failure = new UserSourceException(file, List.of(
            new RowProblem(file, 1, null, columns.problem, null)));
        if (config.strict()) {
          throw failure;
        }
        return UserSnapshot.failed(file, failure);
      }
      List<UserMapping.Binding> bindings = columns.bindings;
      int[] index = columns.index;
      int idIndex = columns.idIndex;
      List<String> cells = new ArrayList<>(header.size());
      @Nullable Object[] raw = new Object[bindings.size()];
      while (true) {
        long line = 0;
        try {
          JsonToken t = p.nextToken();
          if (t == null) {
            break;
          }
          // Jackson's CSV parser counts physical lines from 0.
          line = p.currentTokenLocation().getLineNr() + 1L;
          cells.clear();
          readRow(p, cells);
        } catch (JsonProcessingException e) {
          JsonLocation at = e.getLocation();
          // An error inside a row (an unclosed quote runs to the end of the file) belongs to the row's first line.
          long errLine = line > 0 ? line : at == null ? 0 : at.getLineNr() + 1L;
          rows.problem(errLine, null, "not valid CSV: " + e.getOriginalMessage(), null);
          return rows.finish(config.strict(), new UserSourceException(
              file + " line " + errLine + ": not valid CSV, reading stopped: " + e.getOriginalMessage(), e));
        }
        if (cells.size() != header.size()) {
          String id = idIndex < cells.size() && !cells.get(idIndex).isBlank() ? cells.get(idIndex).trim() : null;
          rows.problem(line, null, "expected " + header.size() + " columns as in the header, found " + cells.size(), id);
          continue;
        }
        for (int i = 0; i < raw.length; i++) {
          raw[i] = cells.get(index[i]);
        }
        User u = mapping.map(line, bindings, raw, rows.problems());
        if (u != null) {
          rows.user(u, line);
        }
      }
    } catch (NoSuchFileException e) {
      return UserSnapshot.failed(file, new UserSourceException(file + ": file not found: " + config.path(), e));
    } catch (IOException e) {
      return rows.finish(false, new UserSourceException(file + " could not be read: " + e.getMessage(), e));
    }
    return rows.finish(config.strict(), null);
  }

  /** Reads the cells of one row after its START_ARRAY; false when the row has none. */
  private static boolean readRow(CsvParser p, List<String> cells) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      cells.add(p.getText());
    }
    return !cells.isEmpty();
  }

  /** The bindings of the header's columns, each with its index in a row. */
  private static final class Columns {
    List<UserMapping.Binding> bindings = new ArrayList<>();
    int[] index = new int[0];
    int idIndex = -1;
    @Nullable String problem;
  }

  private Columns columns(List<String> header) {
    Columns c = new Columns();
    Set<String> seen = new HashSet<>();
    List<String> duplicated = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim();
      if (i == 0 && !h.isEmpty() && h.charAt(0) == '\uFEFF') {
        h = h.substring(1);
      }
      header.set(i, h);
      if (!seen.add(h)) {
        duplicated.add(h);
      }
    }
    if (!duplicated.isEmpty()) {
      c.problem = "the header names these columns more than once: " + duplicated;
      return c;
    }
    List<Integer> idx = new ArrayList<>();
    if (mapping.byHeader()) {
      for (int i = 0; i < header.size(); i++) {
        c.bindings.add(mapping.bindingForHeader(header.get(i)));
        idx.add(i);
      }
    } else {
      List<String> missing = new ArrayList<>();
      for (UserMapping.Binding b : mapping.bindings()) {
        int i = header.indexOf(b.column());
        if (i < 0) {
          missing.add(b.column());
        } else {
          c.bindings.add(b);
          idx.add(i);
        }
      }
      if (!missing.isEmpty()) {
        c.problem = "configured columns missing from the header: " + missing + "; the header has " + header;
        return c;
      }
    }
    c.index = idx.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < c.bindings.size(); i++) {
      if (c.bindings.get(i).field() == UserMapping.Field.ID) {
        c.idIndex = c.index[i];
      }
    }
    if (c.idIndex < 0) {
      c.problem = "no 'id' column: name the column holding each person's stable id 'id', or map it to id; the header has " + header;
    }
    return c;
  }

  @Override
  public String toString() {
    return "CsvUserSource[" + config.path() + "]";
  }
}
