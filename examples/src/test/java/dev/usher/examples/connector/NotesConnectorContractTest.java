package dev.usher.examples.connector;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.testkit.ConnectorContractTest;
import org.junit.jupiter.api.AfterAll;

/** The whole connector contract (create, find, list in pages, update, disable, delete, grants, errors) in one class. */
class NotesConnectorContractTest extends ConnectorContractTest {
  static final FakeNotesApi notes = FakeNotesApi.start();
  static final String[] groups = {notes.group("Writers"), notes.group("Editors")};

  @Override
  protected Connector connector() {
    return new NotesConnectorProvider().create(new NotesConfig(notes.baseUrl(), Secret.of(FakeNotesApi.API_KEY)),
        ConnectorContext.of("notes"));
  }

  @AfterAll
  static void stop() {
    notes.close();
  }
}
