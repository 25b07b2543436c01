package dev.usher.testkit.scim;

import org.jspecify.annotations.Nullable;

/** The two resource types the fake server stores. */
enum ResourceKind {
  USER("Users", "User", ScimSchemas.USER),
  GROUP("Groups", "Group", ScimSchemas.GROUP);

  final String endpoint;
  final String typeName;
  final String schema;

  ResourceKind(String endpoint, String typeName, String schema) {
    this.endpoint = endpoint;
    this.typeName = typeName;
    this.schema = schema;
  }

  static @Nullable ResourceKind ofEndpoint(String segment) {
    for (ResourceKind kind : values()) {
      if (kind.endpoint.equals(segment)) {
        return kind;
      }
    }
    return null;
  }
}
