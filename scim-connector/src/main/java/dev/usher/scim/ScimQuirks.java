package dev.usher.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hook through which a vendor profile adapts the client to a server that departs from the
 * RFCs: it may correct what discovery reported, and rewrite bodies on their way out and in.
 * {@link #STANDARD} changes nothing. Implementations are stateless and thread-safe.
 *
 * <pre>{@code
 * ScimQuirks noBulk = new ScimQuirks() {
 *   public String name() { return "acme"; }
 *   public ServiceProviderConfig adjust(ServiceProviderConfig spc) {
 *     return new ServiceProviderConfig(spc.patch(), new ServiceProviderConfig.Bulk(false, 0, 0),
 *         spc.filter(), spc.changePassword(), spc.sort(), spc.etag(), false, true);
 *   }
 * };
 * }</pre>
 */
public interface ScimQuirks {
  /** RFC behaviour, unchanged. */
  ScimQuirks STANDARD = () -> "standard";

  /** Where RFC 7644 puts the ServiceProviderConfig. */
  String DEFAULT_SERVICE_PROVIDER_CONFIG_PATH = "/ServiceProviderConfig";

  /** The profile's name, for messages and configuration. */
  String name();

  /** Where discovery reads the ServiceProviderConfig. */
  default String serviceProviderConfigPath() {
    return DEFAULT_SERVICE_PROVIDER_CONFIG_PATH;
  }

  /**
   * Headers every request must carry. A non-empty value replaces the client's own header of that
   * name; an empty value only says the header is required (the client sends its own).
   */
  default java.util.Map<String, String> headers() {
    return java.util.Map.of();
  }

  /** Corrects what the server's ServiceProviderConfig claims. */
  default ServiceProviderConfig adjust(ServiceProviderConfig discovered) {
    return discovered;
  }

  /** Rewrites a resource body (POST, PUT) before it is sent to {@code endpoint}. */
  default ObjectNode beforeWrite(String endpoint, ObjectNode body) {
    return body;
  }

  /** Rewrites a PATCH before it is sent to {@code endpoint}. */
  default PatchRequest beforePatch(String endpoint, PatchRequest patch) {
    return patch;
  }

  /** Rewrites a resource read from {@code endpoint} before it is parsed further. */
  default ObjectNode afterRead(String endpoint, ObjectNode resource) {
    return resource;
  }
}
