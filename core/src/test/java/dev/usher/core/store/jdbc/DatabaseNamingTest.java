package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseNamingTest {

  @Test
  void aDatabaseUrlInMessagesNeverCarriesItsSettingsOrCredentials() {
    assertThat(JdbcStateStore.withoutSettings("jdbc:postgresql://db:5432/usher?user=u&password=sekret"))
        .isEqualTo("jdbc:postgresql://db:5432/usher");
    assertThat(JdbcStateStore.withoutSettings("jdbc:postgresql://u:sekret@db:5432/usher"))
        .isEqualTo("jdbc:postgresql://db:5432/usher");
    assertThat(JdbcStateStore.withoutSettings("jdbc:h2:file:/var/usher/state;PASSWORD=sekret;WRITE_DELAY=0"))
        .isEqualTo("jdbc:h2:file:/var/usher/state");
  }

  @Test
  void theBuilderNeedsExactlyOneDatabase() {
    assertThatThrownBy(() -> JdbcStateStore.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one of dataSource(...) and embedded(...)");
    assertThatThrownBy(() -> JdbcStateStore.builder().journalRetention(java.time.Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journalRetention");
  }

  @Test
  void schemaScriptsSplitIntoStatementsWithoutComments() {
    assertThat(Migrations.statements("-- a comment\nCREATE TABLE a (\n  x INT\n);\n\nCREATE INDEX i ON a (x);\n"))
        .containsExactly("CREATE TABLE a (\nx INT\n)", "CREATE INDEX i ON a (x)");
  }
}
