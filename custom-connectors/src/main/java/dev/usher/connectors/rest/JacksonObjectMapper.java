package dev.usher.connectors.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * Unirest's object mapper over a Jackson 2 {@link ObjectMapper}, so a connector's
 * {@code UnirestInstance} reads and writes JSON the way the rest of Usher does.
 *
 * <pre>{@code
 * unirest.config().setObjectMapper(new JacksonObjectMapper(UsherJson.newMapper()));
 * }</pre>
 */
public final class JacksonObjectMapper implements kong.unirest.core.ObjectMapper {
  private final ObjectMapper mapper;

  public JacksonObjectMapper(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public <T> T readValue(String value, Class<T> valueType) {
    try {
      return mapper.readValue(value, valueType);
    } catch (JsonProcessingException e) {
      throw new kong.unirest.core.UnirestException(
          "response is not valid JSON for " + valueType.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  @Override
  public String writeValue(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new kong.unirest.core.UnirestException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage());
    }
  }
}
