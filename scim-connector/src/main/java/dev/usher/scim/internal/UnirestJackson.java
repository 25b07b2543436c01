package dev.usher.scim.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import kong.unirest.core.GenericType;

/** Unirest's object mapping over Usher's Jackson 2 mapper (unirest-modules-jackson is Jackson 3). */
final class UnirestJackson implements kong.unirest.core.ObjectMapper {
  private final ObjectMapper mapper;

  UnirestJackson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public <T> T readValue(String value, Class<T> valueType) {
    try {
      return mapper.readValue(value, valueType);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON for " + valueType.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T readValue(String value, GenericType<T> genericType) {
    try {
      return mapper.readValue(value, mapper.constructType(genericType.getType()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public String writeValue(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
