package dev.usher.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Jackson mappers configured the way Usher reads and writes JSON.
 *
 * <pre>{@code
 * ObjectMapper json = UsherJson.newMapper();
 * String text = json.writeValueAsString(user);
 * User back = json.readValue(text, User.class);
 * }</pre>
 *
 * <p>Each call returns a new mapper: Usher keeps no shared mutable Jackson state, and callers
 * may configure their copy further. A mapper is thread-safe once configured; keep one.
 */
public final class UsherJson {
  private UsherJson() {}

  /**
   * A mapper for Usher's values: {@code java.time} as ISO-8601 text, unknown properties
   * rejected, absent values left out.
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }
}
