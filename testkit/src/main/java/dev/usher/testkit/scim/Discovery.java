package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The discovery endpoints of RFC 7644 section 4, describing what the switches allow. */
final class Discovery {
  private final Settings settings;
  private final ObjectMapper json;
  private final String baseUrl;
  private final String configSegment;

  Discovery(Settings settings, ObjectMapper json, String baseUrl) {
    this.settings = settings;
    this.json = json;
    this.baseUrl = baseUrl;
    this.configSegment = settings.serviceProviderConfigPath().replaceFirst("^/+", "");
  }

  boolean handles(List<String> segments) {
    String first = segments.get(0);
    return first.equals(configSegment) || first.equals("ResourceTypes") || first.equals("Schemas");
  }

  @Nullable ScimResponse answer(List<String> segments) {
    String first = segments.get(0);
    if (segments.size() == 1 && first.equals(configSegment)) {
      return ScimResponse.of(200, serviceProviderConfig());
    }
    if (first.equals("ResourceTypes")) {
      List<ObjectNode> types = List.of(resourceType(ResourceKind.USER), resourceType(ResourceKind.GROUP));
      return listOrOne(segments, types, "name", "ResourceType");
    }
    if (first.equals("Schemas")) {
      List<ObjectNode> schemas = List.of(userSchema(), groupSchema(), enterpriseSchema());
      return listOrOne(segments, schemas, "id", "Schema");
    }
    return null;
  }

  private @Nullable ScimResponse listOrOne(List<String> segments, List<ObjectNode> all, String key, String what) {
    if (segments.size() == 1) {
      ObjectNode list = json.createObjectNode();
      list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
      list.put("totalResults", all.size());
      list.put("itemsPerPage", all.size());
      list.put("startIndex", 1);
      list.putArray(settings.lowercaseResourcesKey() ? "resources" : "Resources").addAll(all);
      return ScimResponse.of(200, list);
    }
    if (segments.size() == 2) {
      for (ObjectNode item : all) {
        if (item.get(key).asText().equals(segments.get(1))) {
          return ScimResponse.of(200, item);
        }
      }
      throw ScimException.notFound(what + " '" + segments.get(1) + "' not found");
    }
    return null;
  }

  private ObjectNode serviceProviderConfig() {
    ObjectNode spc = json.createObjectNode();
    spc.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
    spc.putObject("patch").put("supported", settings.patchSupported());
    spc.putObject("bulk")
        .put("supported", settings.bulkSupported())
        .put("maxOperations", settings.bulkMaxOperations())
        .put("maxPayloadSize", settings.bulkMaxPayloadSize());
    spc.putObject("filter").put("supported", true).put("maxResults", settings.maxPageSize());
    spc.putObject("changePassword").put("supported", false);
    spc.putObject("sort").put("supported", true);
    spc.putObject("etag").put("supported", settings.etagSupported());
    spc.putObject("pagination")
        .put("cursor", true)
        .put("index", !settings.cursorPagingOnly())
        .put("defaultPaginationMethod", settings.cursorPagingOnly() ? "cursor" : "index")
        .put("defaultPageSize", settings.maxPageSize())
        .put("maxPageSize", settings.maxPageSize())
        .put("cursorTimeout", 3600);
    spc.putArray("authenticationSchemes").addObject()
        .put("type", "oauthbearertoken")
        .put("name", "OAuth Bearer Token")
        .put("description", "Authentication with a bearer token")
        .put("primary", true);
    spc.putObject("meta")
        .put("resourceType", "ServiceProviderConfig")
        .put("location", baseUrl + settings.serviceProviderConfigPath());
    return spc;
  }

  private ObjectNode resourceType(ResourceKind kind) {
    ObjectNode type = json.createObjectNode();
    type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
    type.put("id", kind.typeName);
    type.put("name", kind.typeName);
    type.put("endpoint", "/" + kind.endpoint);
    type.put("schema", kind.schema);
    if (kind == ResourceKind.USER) {
      type.putArray("schemaExtensions").addObject()
          .put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
    }
    type.putObject("meta").put("resourceType", "ResourceType")
        .put("location", baseUrl + "/ResourceTypes/" + kind.typeName);
    return type;
  }

  private ObjectNode schema(String id, String name, String description) {
    ObjectNode schema = json.createObjectNode();
    schema.putArray("schemas").add(ScimSchemas.SCHEMA);
    schema.put("id", id);
    schema.put("name", name);
    schema.put("description", description);
    schema.putArray("attributes");
    schema.putObject("meta").put("resourceType", "Schema").put("location", baseUrl + "/Schemas/" + id);
    return schema;
  }

  /** Adds an attribute definition; {@code subs} are names of string sub-attributes. */
  private static ObjectNode attr(ArrayNode into, String name, String type, boolean multi,
      boolean required, String mutability, String returned, String uniqueness, String... subs) {
    ObjectNode a = into.addObject();
    a.put("name", name);
    a.put("type", type);
    a.put("multiValued", multi);
    a.put("required", required);
    a.put("caseExact", name.equals("id") || name.equals("externalId"));
    a.put("mutability", mutability);
    a.put("returned", returned);
    a.put("uniqueness", uniqueness);
    if (subs.length > 0) {
      ArrayNode subAttributes = a.putArray("subAttributes");
      for (String sub : subs) {
        String subType = sub.equals("primary") ? "boolean" : sub.equals("$ref") ? "reference" : "string";
        attr(subAttributes, sub, subType, false, false, mutability, "default", "none");
      }
    }
    return a;
  }

  private ObjectNode userSchema() {
    ObjectNode schema = schema(ScimSchemas.USER, "User", "User Account");
    ArrayNode a = (ArrayNode) schema.get("attributes");
    attr(a, "userName", "string", false, true, "readWrite", "default", "server");
    attr(a, "name", "complex", false, false, "readWrite", "default", "none",
        "formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix");
    for (String s : List.of("displayName", "nickName", "profileUrl", "title", "userType",
        "preferredLanguage", "locale", "timezone", "externalId")) {
      attr(a, s, s.equals("profileUrl") ? "reference" : "string", false, false, "readWrite", "default", "none");
    }
    attr(a, "active", "boolean", false, false, "readWrite", "default", "none");
    attr(a, "password", "string", false, false, "writeOnly", "never", "none");
    for (String s : List.of("emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates")) {
      attr(a, s, "complex", true, false, "readWrite", "default", "none", "value", "display", "type", "primary");
    }
    attr(a, "addresses", "complex", true, false, "readWrite", "default", "none", "formatted",
        "streetAddress", "locality", "region", "postalCode", "country", "type", "primary");
    attr(a, "groups", "complex", true, false, "readOnly", "default", "none", "value", "$ref", "display", "type");
    return schema;
  }

  private ObjectNode groupSchema() {
    ObjectNode schema = schema(ScimSchemas.GROUP, "Group", "Group");
    ArrayNode a = (ArrayNode) schema.get("attributes");
    attr(a, "displayName", "string", false, true, "readWrite", "default", "none");
    attr(a, "externalId", "string", false, false, "readWrite", "default", "none");
    attr(a, "members", "complex", true, false, "readWrite",
        settings.omitGroupMembers() ? "request" : "default", "none", "value", "$ref", "display", "type");
    return schema;
  }

  private ObjectNode enterpriseSchema() {
    ObjectNode schema = schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User");
    ArrayNode a = (ArrayNode) schema.get("attributes");
    for (String s : List.of("employeeNumber", "costCenter", "organization", "division", "department")) {
      attr(a, s, "string", false, false, "readWrite", "default", "none");
    }
    attr(a, "manager", "complex", false, false, "readWrite", "default", "none", "value", "$ref", "displayName");
    return schema;
  }
}
