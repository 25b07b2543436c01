package dev.usher.examples.connector;

import dev.usher.core.model.Secret;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Configuration of the {@code notes} connector; the registry binds and validates it from a map
 * or JSON, so a bad value is reported with its key before any request is made.
 *
 * <pre>{@code
 * registry.open("notes", Map.of("baseUrl", "https://notes.example.com", "apiKey", Secret.of(key)));
 * }</pre>
 *
 * @param baseUrl the API root, without {@code /api}
 * @param apiKey the API key, sent as a bearer token; prints as {@code ****}
 */
public record NotesConfig(
    @NotNull @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an absolute http(s) URL without query")
    String baseUrl,
    @NotNull Secret apiKey) {

  @Override
  public String toString() {
    return "NotesConfig[baseUrl=" + baseUrl + ", apiKey=" + Secret.MASK + "]";
  }
}
