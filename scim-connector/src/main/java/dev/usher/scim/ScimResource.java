package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.scim.internal.ScimJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Any SCIM resource, kept as its JSON so that nothing a server sends is lost: attributes Usher
 * does not know, and extensions keyed by their schema URN, survive a read-modify-write.
 * Immutable: {@link #json()} returns a copy and {@link #edit} derives a changed resource.
 * Lookups ignore the case of attribute names, as SCIM requires.
 *
 * <pre>{@code
 * ScimResource device = ScimResource.of(json);
 * String model = device.get("urn:example:Device:model").map(JsonNode::asText).orElse("?");
 * ScimResource renamed = device.edit(n -> n.put("displayName", "printer-2"));
 * }</pre>
 */
public final class ScimResource {
  private final ObjectNode node;

  private ScimResource(ObjectNode node) {
    this.node = node;
  }

  /** A resource holding a copy of this JSON object. */
  public static ScimResource of(ObjectNode json) {
    return new ScimResource(Objects.requireNonNull(json, "json").deepCopy());
  }

  /** Wraps a node nobody else holds, without copying (the client's parser hands over fresh nodes). */
  static ScimResource owning(ObjectNode json) {
    return new ScimResource(json);
  }

  /** The resource's JSON, a copy the caller may change. */
  public ObjectNode json() {
    return node.deepCopy();
  }

  /** Read-only access for this package, without copying. */
  ObjectNode node() {
    return node;
  }

  /** A copy changed by {@code edit}. */
  public ScimResource edit(Consumer<ObjectNode> edit) {
    ObjectNode copy = node.deepCopy();
    edit.accept(copy);
    return new ScimResource(copy);
  }

  /** The server's id, if it has one. */
  public Optional<String> id() {
    return Optional.ofNullable(ScimJson.text(node, "id"));
  }

  public Optional<String> externalId() {
    return Optional.ofNullable(ScimJson.text(node, "externalId"));
  }

  /** The schema URNs the resource says it has. */
  public List<String> schemas() {
    JsonNode s = ScimJson.get(node, "schemas");
    List<String> out = new ArrayList<>();
    if (s != null && s.isArray()) {
      s.forEach(e -> out.add(e.asText()));
    }
    return List.copyOf(out);
  }

  /**
   * An attribute by path, ignoring case: {@code userName}, {@code name.givenName}, or a path
   * with a schema URN such as {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}.
   * The returned node is a copy.
   */
  public Optional<JsonNode> get(String path) {
    Objects.requireNonNull(path, "path");
    JsonNode n = ScimJson.at(node, path);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.deepCopy());
  }

  /** The extension object for a schema URN, a copy. */
  public Optional<ObjectNode> extension(String schemaUrn) {
    JsonNode n = ScimJson.get(node, schemaUrn);
    return n instanceof ObjectNode o ? Optional.of(o.deepCopy()) : Optional.empty();
  }

  /** The resource's {@code meta}. */
  public Meta meta() {
    JsonNode m = ScimJson.get(node, "meta");
    if (m == null || !m.isObject()) {
      return new Meta(null, null, null, null, null);
    }
    return new Meta(ScimJson.text(m, "resourceType"), instant(m, "created"), instant(m, "lastModified"),
        ScimJson.text(m, "location"), ScimJson.text(m, "version"));
  }

  private static @Nullable Instant instant(JsonNode meta, String name) {
    String t = ScimJson.text(meta, name);
    if (t == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("meta." + name + " is not an RFC 3339 date-time: '" + t + "'");
    }
  }

  /**
   * A resource's {@code meta} attribute.
   *
   * @param version the entity tag ({@code W/"3694e05e9dff590"}), used for {@code If-Match}
   */
  public record Meta(@Nullable String resourceType, @Nullable Instant created, @Nullable Instant lastModified,
      @Nullable String location, @Nullable String version) {
    public Optional<String> etag() {
      return Optional.ofNullable(version);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScimResource r && r.node.equals(node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  /** The JSON text. */
  @Override
  public String toString() {
    return node.toString();
  }
}
