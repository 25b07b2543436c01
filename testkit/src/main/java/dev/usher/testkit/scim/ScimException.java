package dev.usher.testkit.scim;

import org.jspecify.annotations.Nullable;

/** A request the fake server refuses; rendered as a SCIM Error body (RFC 7644 section 3.12). */
final class ScimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String scimType;

  ScimException(int status, @Nullable String scimType, String detail) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }

  static ScimException badRequest(String scimType, String detail) {
    return new ScimException(400, scimType, detail);
  }

  static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  int status() {
    return status;
  }

  @Nullable String scimType() {
    return scimType;
  }
}
