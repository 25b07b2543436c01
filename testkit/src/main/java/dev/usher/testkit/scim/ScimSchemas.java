package dev.usher.testkit.scim;

/** Schema and message URNs from RFC 7643 / 7644. */
final class ScimSchemas {
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE_USER =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  static final String SERVICE_PROVIDER_CONFIG =
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
  static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
  static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

  private ScimSchemas() {}

  static boolean isCore(String urn) {
    return urn.equalsIgnoreCase(USER) || urn.equalsIgnoreCase(GROUP);
  }
}
