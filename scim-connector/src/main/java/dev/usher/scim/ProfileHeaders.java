package dev.usher.scim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Adds a profile's fixed headers to every request, ahead of the authentication headers. */
final class ProfileHeaders implements ScimAuth {
  private final ScimAuth auth;
  private final Map<String, String> headers;

  private ProfileHeaders(ScimAuth auth, Map<String, String> headers) {
    this.auth = auth;
    this.headers = headers;
  }

  static ScimAuth wrap(ScimAuth auth, ScimQuirks quirks) {
    Map<String, String> fixed = new LinkedHashMap<>();
    quirks.headers().forEach((k, v) -> {
      if (!v.isEmpty()) {
        fixed.put(k, v);
      }
    });
    return fixed.isEmpty() ? auth : new ProfileHeaders(auth, Map.copyOf(fixed));
  }

  @Override
  public void apply(BiConsumer<String, String> header) {
    headers.forEach(header);
    auth.apply(header);
  }

  @Override
  public boolean refresh() {
    return auth.refresh();
  }

  @Override
  public String toString() {
    return auth.toString();
  }
}
