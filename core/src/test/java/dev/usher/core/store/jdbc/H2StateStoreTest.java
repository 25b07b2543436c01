package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.store.Link;
import dev.usher.core.store.StateStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database. */
class H2StateStoreTest extends JdbcStateStoreContractTest {
  @TempDir Path dir;
  private JdbcConnectionPool shared;
  private int databases;
  private final java.util.List<JdbcConnectionPool> pools = new java.util.ArrayList<>();

  private JdbcConnectionPool pool(String name) {
    JdbcConnectionPool p = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0", "sa", "");
    pools.add(p);
    return p;
  }

  @Override
  protected DataSource database() {
    if (shared == null) {
      shared = pool("shared");
    }
    return shared;
  }

  @Override
  protected DataSource emptyDatabase() {
    return pool("empty" + (++databases));
  }

  @AfterEach
  void disposePools() {
    pools.forEach(JdbcConnectionPool::dispose);
  }

  @Test
  void theEmbeddedStoreKeepsItsStateInTheDirectoryAcrossRestarts() {
    Path stateDir = dir.resolve("usher-state");
    try (JdbcStateStore first = JdbcStateStore.builder().embedded(stateDir).clock(clock).build()) {
      first.saveLink(tenant, richLink("github", "E1", "a1"));
      assertThat(first.database()).startsWith("H2 file ").contains("usher-state");
    }
    assertThat(Files.exists(stateDir.resolve("usher-state.mv.db"))).isTrue();

    try (JdbcStateStore second = JdbcStateStore.embedded(stateDir)) {
      assertThat(second.link(tenant, "github", "E1")).contains(richLink("github", "E1", "a1"));
    }
  }

  @Test
  void aClosedEmbeddedStoreSaysSoInsteadOfFailingObscurely() {
    JdbcStateStore s = JdbcStateStore.embedded(dir.resolve("closed"));
    s.close();

    assertThatThrownBy(() -> s.saveLink(tenant, Link.of("github", "E1", "a1", T0)))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("save the link of user 'E1' in 'github'")
        .hasMessageContaining("H2 file");
  }

  @Test
  void anEmbeddedDirectoryThatCannotBeCreatedIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

    assertThatThrownBy(() -> JdbcStateStore.embedded(file.resolve("state")))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("could not create the state store directory")
        .hasMessageContaining("a-file");
  }
}
