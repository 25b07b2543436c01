package dev.usher.connectors.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.Pages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The licensed user type and the pending state against the stateful Zoom fake. */
class ZoomFakeLifecycleTest {
  static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("zoom", "zoom", "test");
  final FakeZoom fake = new FakeZoom().group("grpA1", "Engineering");
  final Connector zoom = new ZoomConnectorProvider().create(fake.config(), ConnectorContext.of("zoom"));

  @AfterEach
  void close() {
    zoom.close();
    fake.close();
  }

  @Test
  void licensingMakesTheUserLicensedAndRevokingMakesItBasicAgain() {
    Account jill = zoom.create(Account.builder("zoom").userName("jill@example.com").attribute("title", "SRE").build());
    assertThat(jill.attribute("status")).contains(AttributeValue.of("pending"));
    assertThat(jill.attribute("title")).contains(AttributeValue.of("SRE"));

    zoom.grant(jill.id(), "type:licensed");
    zoom.grant(jill.id(), "group:grpA1");

    assertThat(fake.user(jill.id()).path("type").asInt()).isEqualTo(2);
    assertThat(zoom.grantsOf(jill.id())).containsExactly("group:grpA1", "type:licensed");
    assertThat(Pages.readAll(r -> zoom.members("type:licensed", r), 1, ORIGIN).items()).containsExactly(jill.id());

    fake.accept(jill.id());
    zoom.revoke(jill.id(), "type:licensed");
    zoom.revoke(jill.id(), "type:licensed");

    assertThat(fake.user(jill.id()).path("type").asInt()).isEqualTo(1);
    assertThat(zoom.get(jill.id())).hasValueSatisfying(a -> {
      assertThat(a.attribute("status")).contains(AttributeValue.of("active"));
      assertThat(a.attribute("type")).contains(AttributeValue.of("1"));
    });
  }
}
