package dev.usher.scim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What discovery read from a server: its ServiceProviderConfig, resource types and schemas.
 * Read once per client and cached.
 *
 * <pre>{@code
 * ScimDiscovery d = client.discovery();
 * boolean groups = d.resourceType("Group").isPresent();
 * }</pre>
 *
 * @param serviceProviderConfig what the server supports
 * @param resourceTypes the resource types (empty when the server has no /ResourceTypes)
 * @param schemas the schema definitions, as resources (empty when the server has no /Schemas)
 */
public record ScimDiscovery(ServiceProviderConfig serviceProviderConfig, List<ResourceType> resourceTypes,
    List<ScimResource> schemas) {
  public ScimDiscovery {
    Objects.requireNonNull(serviceProviderConfig, "serviceProviderConfig");
    resourceTypes = List.copyOf(resourceTypes);
    schemas = List.copyOf(schemas);
  }

  /** The resource type with this name, ignoring case. */
  public Optional<ResourceType> resourceType(String name) {
    return resourceTypes.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }
}
