package dev.usher.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Account;
import dev.usher.core.model.Email;
import dev.usher.core.model.User;
import org.junit.jupiter.api.Test;

class ModelValidatorTest {

  @Test
  void reportsEveryViolationSortedByPath() {
    User bad = User.builder(" ")
        .email(new Email("not-an-address", "work", true))
        .email(new Email("", "home", false))
        .role("")
        .build();
    assertThatThrownBy(() -> ModelValidator.shared().validate(bad, "user from hr.csv line 7"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("user from hr.csv line 7 is invalid (4 problems):")
        .satisfies(e -> assertThat(((ConfigurationException) e).problems())
            .extracting(ConfigurationException.Problem::toString)
            .containsExactly(
                "emails[0].value: must be a well-formed email address (was 'not-an-address')",
                "emails[1].value: must not be blank (was '')",
                "id: must not be blank (was ' ')",
                "roles[].<iterable element>: must not be blank (was '')"));
  }

  @Test
  void validValuesPassThrough() {
    Account a = Account.builder("github").userName("alice").build();
    assertThat(ModelValidator.shared().validate(a, "account")).isSameAs(a);
    assertThat(ModelValidator.shared().problems(a)).isEmpty();
  }
}
