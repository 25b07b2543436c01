package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A status, optional JSON body and extra headers. */
record ScimResponse(int status, @Nullable JsonNode body, Map<String, String> headers) {

  static ScimResponse of(int status, @Nullable JsonNode body) {
    return new ScimResponse(status, body, new LinkedHashMap<>());
  }

  ScimResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  static ScimResponse error(int status, @Nullable String scimType, String detail) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("schemas").add(ScimSchemas.ERROR);
    body.put("status", Integer.toString(status));
    if (scimType != null) {
      body.put("scimType", scimType);
    }
    body.put("detail", detail);
    return of(status, body);
  }

  static ScimResponse error(ScimException e) {
    return error(e.status(), e.scimType(), String.valueOf(e.getMessage()));
  }
}
