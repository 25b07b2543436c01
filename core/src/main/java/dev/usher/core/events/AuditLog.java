package dev.usher.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.json.UsherJson;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link ProvisioningListener} that writes each event as one JSON object per line (JSON
 * lines): {@code {"event":"operation.succeeded","tenantId":"acme","at":"...","operation":{...}}}.
 * Events hold no attribute values and no credentials, so neither does the audit log. Lines
 * are written whole and flushed, from any number of threads.
 *
 * <pre>{@code
 * try (AuditLog audit = AuditLog.jsonLines(Path.of("audit.jsonl"))) {
 *   Usher usher = Usher.builder().listener(audit)...build();
 *   usher.reconcile();
 * }
 * }</pre>
 */
public final class AuditLog implements ProvisioningListener, Closeable {
  private final Writer out;
  private final ObjectMapper json = UsherJson.newMapper();

  private AuditLog(Writer out) {
    this.out = out;
  }

  /** Appends to this file, creating it when missing. */
  public static AuditLog jsonLines(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes to this writer (closed by {@link #close()}). */
  public static AuditLog jsonLines(Writer writer) {
    Objects.requireNonNull(writer, "writer");
    return new AuditLog(writer instanceof BufferedWriter ? writer : new BufferedWriter(writer));
  }

  /** The JSON line for one event, without the line break. */
  public String line(ProvisioningEvent event) {
    ObjectNode node = json.createObjectNode();
    node.put("event", event.name());
    node.setAll((ObjectNode) json.valueToTree(event));
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event could not be written: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void onEvent(ProvisioningEvent event) {
    String line = line(event);
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write audit log: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
