package dev.usher.scim.oauth;

/** How the client authenticates at the token endpoint (RFC 6749 section 2.3.1). */
public enum ClientAuthentication {
  /** {@code Authorization: Basic base64(client_id:client_secret)} (RFC 6749's preferred way). */
  BASIC,
  /** {@code client_id} and {@code client_secret} in the form body. */
  BODY
}
