package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usher.scim.internal.ScimJson;

/**
 * What a SCIM service provider says it supports ({@code /ServiceProviderConfig}, RFC 7643
 * section 5, with the RFC 9865 {@code pagination} block). The connector derives its
 * capabilities from it.
 *
 * <pre>{@code
 * ServiceProviderConfig spc = client.discovery().serviceProviderConfig();
 * if (spc.bulk().supported()) { ... spc.bulk().maxOperations() ... }
 * }</pre>
 *
 * @param patch PATCH is supported
 * @param bulk bulk support and its limits
 * @param filter filter support and the most results one response holds (0: unknown)
 * @param changePassword password changes are supported
 * @param sort sorting is supported
 * @param etag ETags ({@code meta.version}, {@code If-Match}) are supported
 * @param cursorPaging RFC 9865 cursor paging is supported
 * @param indexPaging index paging is supported (assumed unless the server says otherwise)
 */
public record ServiceProviderConfig(boolean patch, Bulk bulk, FilterSupport filter, boolean changePassword,
    boolean sort, boolean etag, boolean cursorPaging, boolean indexPaging) {

  /** Bulk support: limits are 0 when the server gave none. */
  public record Bulk(boolean supported, int maxOperations, long maxPayloadSize) {}

  /** Filter support: {@code maxResults} is 0 when the server gave none. */
  public record FilterSupport(boolean supported, int maxResults) {}

  /** Assumes the common subset: PATCH and filters, nothing else; for servers without discovery. */
  public static ServiceProviderConfig assumed(boolean bulk) {
    return new ServiceProviderConfig(true, new Bulk(bulk, bulk ? 100 : 0, bulk ? 1_048_576 : 0),
        new FilterSupport(true, 0), false, false, false, false, true);
  }

  /**
   * Reads the JSON; attribute names in any case, absent blocks mean unsupported.
   *
   * @throws IllegalArgumentException naming the attribute when a value has the wrong type
   */
  public static ServiceProviderConfig fromJson(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("ServiceProviderConfig must be a JSON object, was " + ScimJson.describe(json));
    }
    JsonNode bulk = ScimJson.get(json, "bulk");
    JsonNode filter = ScimJson.get(json, "filter");
    JsonNode pagination = ScimJson.get(json, "pagination");
    return new ServiceProviderConfig(
        supported(json, "patch"),
        new Bulk(supported(json, "bulk"), (int) number(bulk, "bulk", "maxOperations"),
            number(bulk, "bulk", "maxPayloadSize")),
        new FilterSupport(supported(json, "filter"), (int) number(filter, "filter", "maxResults")),
        supported(json, "changePassword"),
        supported(json, "sort"),
        supported(json, "etag"),
        flag(pagination, "pagination", "cursor", false),
        flag(pagination, "pagination", "index", true));
  }

  private static boolean supported(JsonNode json, String block) {
    return flag(ScimJson.get(json, block), block, "supported", false);
  }

  private static boolean flag(JsonNode block, String blockName, String name, boolean absent) {
    JsonNode v = ScimJson.get(block, name);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(blockName + "." + name + " must be a boolean, was " + ScimJson.describe(v));
    }
    return v.booleanValue();
  }

  private static long number(JsonNode block, String blockName, String name) {
    JsonNode v = ScimJson.get(block, name);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException(blockName + "." + name + " must be a non-negative integer, was " + ScimJson.describe(v));
    }
    return v.asLong();
  }
}
