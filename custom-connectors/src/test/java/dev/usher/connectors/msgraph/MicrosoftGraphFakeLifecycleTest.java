package dev.usher.connectors.msgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.Pages;
import dev.usher.core.spi.UnauthorizedException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Licenses and token reuse against the stateful Graph fake. */
class MicrosoftGraphFakeLifecycleTest {
  static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("microsoft-graph", "entra", "test");
  final FakeGraph fake = new FakeGraph().group("g-eng", "Engineering");
  final Connector graph = new MicrosoftGraphConnectorProvider().create(fake.config(), ConnectorContext.of("entra"));

  @AfterEach
  void close() {
    graph.close();
    fake.close();
  }

  @Test
  void listsGroupsThenLicensesAndAssignsAndRemovesALicense() {
    List<Entitlement> all = Pages.readAll(graph::listEntitlements, 10, ORIGIN).items();
    assertThat(all).extracting(Entitlement::id)
        .containsExactly("group:g-eng", "license:" + FakeGraph.E3, "license:" + FakeGraph.EMS);
    assertThat(all.get(1).type()).isEqualTo(EntitlementType.LICENSE);
    assertThat(all.get(1).displayName()).isEqualTo("ENTERPRISEPACK");

    Account adele = graph.create(Account.builder("entra").userName("adele@contoso.example").externalId("E1").build());
    String e3 = "license:" + FakeGraph.E3;
    graph.grant(adele.id(), e3);
    graph.grant(adele.id(), e3);
    graph.grant(adele.id(), "group:g-eng");

    assertThat(graph.grantsOf(adele.id())).containsExactly("group:g-eng", e3);
    assertThat(Pages.readAll(r -> graph.members(e3, r), 10, ORIGIN).items()).containsExactly(adele.id());
    assertThat(graph.find(Account.EXTERNAL_ID, dev.usher.core.model.AttributeValue.of("E1")))
        .extracting(Account::id).containsExactly(adele.id());

    graph.revoke(adele.id(), e3);
    graph.revoke(adele.id(), e3);
    assertThat(graph.grantsOf(adele.id())).containsExactly("group:g-eng");
    assertThat(fake.tokensIssued()).as("one token serves every call").isEqualTo(1);
  }

  @Test
  void aWrongClientSecretIsUnauthorizedNamingTheTokenEndpointWithoutTheSecret() {
    MicrosoftGraphConfig good = fake.config();
    MicrosoftGraphConfig bad = new MicrosoftGraphConfig(good.tenantId(), good.clientId(), Secret.of("wrong-secret-1"),
        good.baseUrl(), good.tokenUrl(), null);
    try (Connector wrong = new MicrosoftGraphConnectorProvider().create(bad, ConnectorContext.of("entra"))) {
      assertThatThrownBy(wrong::test).isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("[microsoft-graph/entra authenticate]")
          .hasMessageContaining("invalid_client: AADSTS7000215")
          .hasMessageContaining(good.tokenUrl())
          .hasMessageNotContaining("wrong-secret-1");
    }
  }
}
