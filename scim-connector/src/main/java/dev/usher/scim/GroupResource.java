package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.scim.internal.ScimJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM Group (RFC 7643 section 4.2): a display name and members, backed by the full JSON.
 *
 * <pre>{@code
 * GroupResource eng = GroupResource.builder().displayName("Engineering")
 *     .member(MultiValue.of(aliceId).withType("User")).build();
 * }</pre>
 */
public final class GroupResource {
  private final ScimResource resource;

  private GroupResource(ScimResource resource) {
    this.resource = resource;
    ScimJson.text(resource.node(), "id");
    ScimJson.text(resource.node(), "displayName");
    UserResource.checkMulti(resource.node(), "members");
  }

  /**
   * Reads a resource as a Group.
   *
   * @throws IllegalArgumentException naming the attribute when a core attribute has the wrong type
   */
  public static GroupResource of(ScimResource resource) {
    return new GroupResource(Objects.requireNonNull(resource, "resource"));
  }

  public static Builder builder() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.putArray("schemas").add(ScimSchemas.GROUP);
    return new Builder(n);
  }

  public Builder toBuilder() {
    return new Builder(resource.json());
  }

  public ScimResource resource() {
    return resource;
  }

  public Optional<String> id() {
    return resource.id();
  }

  public Optional<String> displayName() {
    return Optional.ofNullable(ScimJson.text(resource.node(), "displayName"));
  }

  /** The members listed in this representation (servers may leave them out). */
  public List<MultiValue> members() {
    return UserResource.multi(resource.node(), "members");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupResource g && g.resource.equals(resource);
  }

  @Override
  public int hashCode() {
    return resource.hashCode();
  }

  @Override
  public String toString() {
    return resource.toString();
  }

  /** Builds {@link GroupResource}s; not thread-safe. */
  public static final class Builder {
    private final ObjectNode n;

    private Builder(ObjectNode n) {
      this.n = n;
    }

    public Builder displayName(String displayName) {
      ScimJson.set(n, "displayName", JsonNodeFactory.instance.textNode(displayName));
      return this;
    }

    public Builder externalId(@Nullable String externalId) {
      if (externalId == null) {
        ScimJson.remove(n, "externalId");
      } else {
        ScimJson.set(n, "externalId", JsonNodeFactory.instance.textNode(externalId));
      }
      return this;
    }

    public Builder member(MultiValue member) {
      String k = ScimJson.key(n, "members");
      JsonNode a = k == null ? null : n.get(k);
      ArrayNode arr = a instanceof ArrayNode x ? x : n.putArray(k == null ? "members" : k);
      arr.add(member.toJson());
      return this;
    }

    public GroupResource build() {
      return new GroupResource(ScimResource.of(n));
    }
  }
}
