package dev.usher.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.json.UsherJson;
import dev.usher.core.validation.ModelValidator;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {
  private static final String VALUE = "ghp_very-secret-token";

  record Config(@Size(min = 30) String apiToken, Secret password) {}

  @Test
  void neverPrints() {
    Secret s = Secret.of(VALUE);
    assertThat(s.toString()).isEqualTo("****");
    assertThat(String.valueOf(Map.of("token", s))).doesNotContain(VALUE);
    assertThat(new Config("x", s).toString()).doesNotContain(VALUE);
    assertThat(s.reveal()).isEqualTo(VALUE);
  }

  @Test
  void equalByValue() {
    assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).hasSameHashCodeAs(Secret.of(VALUE));
    assertThat(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
  }

  @Test
  void jacksonWritesTheMaskAndReadsRealValues() throws Exception {
    ObjectMapper json = UsherJson.newMapper();
    assertThat(json.writeValueAsString(Map.of("password", Secret.of(VALUE)))).isEqualTo("{\"password\":\"****\"}");
    Config c = json.readValue("{\"apiToken\":\"a\",\"password\":\"" + VALUE + "\"}", Config.class);
    assertThat(c.password().reveal()).isEqualTo(VALUE);
    assertThatThrownBy(() -> json.readValue("{\"password\":\"****\"}", Config.class))
        .hasMessageContaining("secret is the mask '****'");
  }

  @Test
  void validationMessagesMaskCredentialValues() {
    assertThatThrownBy(() -> ModelValidator.shared().validate(new Config(VALUE, Secret.of(VALUE)), "config"))
        .hasMessageContaining("apiToken: size must be between 30 and")
        .hasMessageContaining("(was ****)")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void emptySecretIsRefused() {
    assertThatThrownBy(() -> Secret.of("")).hasMessage("secret is empty");
  }
}
