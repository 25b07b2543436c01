package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.Listing;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.Pages;
import dev.usher.core.spi.UnauthorizedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector and client against scimmy, a real third-party SCIM server. */
class ScimmyIntegrationTest {
  @RegisterExtension
  static final ScimmyServer SERVER = new ScimmyServer();

  private ScimConnector scim;

  @BeforeEach
  void setUp() throws Exception {
    SERVER.reset();
    scim = SERVER.connector();
  }

  @AfterEach
  void tearDown() {
    scim.close();
  }

  private static Account account(String userName) {
    return Account.builder("scimmy").userName(userName).externalId("ext-" + userName)
        .attribute("displayName", "User " + userName)
        .attribute("emails", List.of(Map.of("value", userName + "@example.com", "type", "work")))
        .build();
  }

  @Test
  void capabilitiesComeFromDiscovery() {
    assertThat(scim.capabilities().supported()).contains(Capability.CREATE_ACCOUNT, Capability.FIND_ACCOUNT,
        Capability.GRANT, Capability.LIST_ENTITLEMENTS, Capability.LIST_MEMBERS, Capability.TEST_CONNECTION);
    assertThat(scim.capabilities().maxPageSize()).isEqualTo(200);
    assertThat(scim.client().discovery().resourceType("user")).get()
        .extracting(ResourceType::endpoint).isEqualTo("/Users");
    scim.test();
  }

  @Test
  void createsReadsAndDeletesAUser() {
    Account created = scim.create(account("alice"));

    assertThat(created.id()).isNotBlank();
    Account read = scim.get(created.id()).orElseThrow();
    assertThat(read.userName()).isEqualTo("alice");
    assertThat(read.externalId()).isEqualTo("ext-alice");
    assertThat(read.active()).isTrue();
    assertThat(read.attribute("displayName")).contains(AttributeValue.of("User alice"));

    scim.delete(created.id());
    assertThat(scim.get(created.id())).isEmpty();
    assertThatThrownBy(() -> scim.delete(created.id())).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("DELETE /Users/" + created.id());
  }

  @Test
  void duplicateUserNameIsAlreadyExistsWithTheExistingId() {
    Account first = scim.create(account("bob"));

    assertThatThrownBy(() -> scim.create(Account.builder("scimmy").userName("BOB").build()))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
          assertThat(e.existingId()).contains(first.id());
          assertThat(e.getMessage()).contains("POST /Users", "uniqueness");
        });
  }

  @Test
  void findsByUserNameExternalIdEmailAndExtensionAttribute() {
    Account carol = scim.create(account("carol").toBuilder()
        .attribute("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Eng").build());
    scim.create(account("dave"));

    assertThat(scim.find("userName", AttributeValue.of("CAROL"))).extracting(Account::id).containsExactly(carol.id());
    assertThat(scim.find("externalId", AttributeValue.of("ext-carol"))).extracting(Account::id).containsExactly(carol.id());
    assertThat(scim.find("emails", AttributeValue.of("carol@example.com"))).extracting(Account::id).containsExactly(carol.id());
    assertThat(scim.find("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", AttributeValue.of("eng")))
        .extracting(Account::id).containsExactly(carol.id());
    assertThat(scim.find("userName", AttributeValue.of("nobody"))).isEmpty();
  }

  @Test
  void filterValuesWithQuotesSpacesAndPlusSignsArriveIntact() {
    String odd = "o'brien \"the+great\" 100%";
    Account created = scim.create(Account.builder("scimmy").userName(odd).build());

    assertThat(scim.find("userName", AttributeValue.of(odd))).extracting(Account::id).containsExactly(created.id());
    assertThat(scim.find("userName", AttributeValue.of("o'brien \"the great\" 100%"))).isEmpty();
  }

  @Test
  void listsEveryAccountPageByPageWithoutRepeats() {
    for (int i = 0; i < 23; i++) {
      scim.create(Account.builder("scimmy").userName("user" + i).build());
    }

    Listing<Account> all = Pages.readAll(scim::listAccounts, 5, scim.client().origin("listAccounts"));

    assertThat(all.complete()).isTrue();
    assertThat(all.items()).hasSize(23);
    assertThat(all.items().stream().map(Account::userName).distinct()).hasSize(23);
    assertThat(scim.listAccounts(new PageRequest("i100", 5)).items()).isEmpty();
  }

  @Test
  void updatesReplaceAddAndRemoveAttributes() {
    Account eve = scim.create(account("eve"));

    Account after = scim.update(eve.id(), List.of(
        AttributeChange.replace("title", AttributeValue.of("SRE")),
        AttributeChange.add("emails", AttributeValue.of("eve@home.example")),
        AttributeChange.replace("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", AttributeValue.of("Ops")),
        AttributeChange.remove("displayName")));

    assertThat(after.attribute("title")).contains(AttributeValue.of("SRE"));
    assertThat(after.attribute("displayName")).isEmpty();
    assertThat(after.attribute("emails").orElseThrow().toString()).contains("eve@example.com", "eve@home.example");
    Account read = scim.get(eve.id()).orElseThrow();
    assertThat(read.attribute("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").orElseThrow().toString())
        .contains("Ops");

    Account removed = scim.update(eve.id(), List.of(AttributeChange.remove("emails", AttributeValue.of("eve@home.example"))));
    assertThat(removed.attribute("emails").orElseThrow().toString()).doesNotContain("eve@home.example").contains("eve@example.com");
  }

  @Test
  void disablesAndEnables() {
    Account frank = scim.create(account("frank"));

    scim.disable(frank.id());
    assertThat(scim.get(frank.id()).orElseThrow().active()).isFalse();
    scim.disable(frank.id());
    scim.enable(frank.id());
    assertThat(scim.get(frank.id()).orElseThrow().active()).isTrue();
    assertThatThrownBy(() -> scim.disable("no-such-id")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void groupsAreEntitlementsAndMembershipIsGrant() {
    Account gina = scim.create(account("gina"));
    Account hank = scim.create(account("hank"));
    GroupResource eng = scim.client().createGroup(GroupResource.builder().displayName("Engineering").build());
    scim.client().createGroup(GroupResource.builder().displayName("Sales").build());
    String engId = eng.id().orElseThrow();

    List<Entitlement> all = Pages.readAll(scim::listEntitlements, 1, scim.client().origin("x")).items();
    assertThat(all).extracting(Entitlement::displayName).containsExactlyInAnyOrder("Engineering", "Sales");
    assertThat(scim.getEntitlement(engId)).get().extracting(Entitlement::displayName).isEqualTo("Engineering");

    scim.grant(gina.id(), engId);
    scim.grantAll(engId, List.of(gina.id(), hank.id()));
    assertThat(scim.grantsOf(gina.id())).containsExactly(engId);
    assertThat(Pages.readAll(r -> scim.members(engId, r), 1, scim.client().origin("x")).items())
        .containsExactlyInAnyOrder(gina.id(), hank.id());
    assertThat(scim.get(gina.id()).orElseThrow().entitlementIds()).containsExactly(engId);

    scim.revoke(gina.id(), engId);
    scim.revoke(gina.id(), engId);
    assertThat(scim.grantsOf(gina.id())).isEmpty();
    assertThat(scim.members(engId, PageRequest.first()).items()).containsExactly(hank.id());

    assertThatThrownBy(() -> scim.grant("no-such-account", engId)).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-account");
    assertThatThrownBy(() -> scim.grant(gina.id(), "no-such-group")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void createAllUsesBulkWhenEnabled() {
    try (ScimConnector bulk = SERVER.connector(Map.of("bulk", true))) {
      bulk.create(Account.builder("scimmy").userName("taken").build());
      List<Account> wanted = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        wanted.add(Account.builder("scimmy").userName("bulk" + i).build());
      }
      wanted.add(Account.builder("scimmy").userName("taken").build());

      List<ScimConnector.CreateResult> results = bulk.createAll(wanted);

      assertThat(results).hasSize(6);
      assertThat(results.subList(0, 5)).allSatisfy(r -> assertThat(r.created()).isNotNull());
      assertThat(results.get(5).failure()).isInstanceOf(AlreadyExistsException.class);
      Set<String> names = new HashSet<>();
      Pages.readAll(bulk::listAccounts, 50, bulk.client().origin("x")).items().forEach(a -> names.add(a.userName()));
      assertThat(names).contains("bulk0", "bulk4", "taken");
    }
  }

  @Test
  void searchViaPostGivesTheSameResults() {
    scim.create(account("ivan"));
    try (ScimConnector post = SERVER.connector(Map.of("searchViaPost", true))) {
      assertThat(post.find("userName", AttributeValue.of("ivan"))).hasSize(1);
    }
  }

  @Test
  void wrongTokenIsUnauthorized() {
    ScimConfig wrong = ScimConfig.of(SERVER.baseUrl(), ScimConfig.Auth.bearer(Secret.of("wrong")));
    try (ScimConnector c = ScimConnector.open(wrong, ConnectorContext.of("scimmy"))) {
      assertThatThrownBy(c::test).isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("GET /ServiceProviderConfig").hasMessageNotContaining("wrong");
    }
  }

  @Test
  void typedClientRoundTripsEnterpriseUser() {
    try (ScimClient client = SERVER.client()) {
      UserResource created = client.createUser(UserResource.builder().userName("judy").name("Judy", "Hopps")
          .email(MultiValue.of("judy@example.com").withType("work").withPrimary(true))
          .enterprise("employeeNumber", "701984").build());

      UserResource read = client.getUser(created.id().orElseThrow()).orElseThrow();
      assertThat(read.givenName()).contains("Judy");
      assertThat(read.enterprise("employeenumber")).contains("701984");
      assertThat(read.emails()).containsExactly(MultiValue.of("judy@example.com").withType("work").withPrimary(true));
      assertThat(read.meta().created()).isNotNull();

      ListResponse<UserResource> page = client.searchUsers(SearchRequest.builder()
          .filter(Filter.eq("name.givenName", "judy")).attributes("userName").build());
      assertThat(page.totalResults()).isEqualTo(1);
      assertThat(page.resources().get(0).userName()).contains("judy");
    }
  }

  @Test
  void malformedFilterFromTheServerIsInvalidRequest() {
    try (ScimClient client = SERVER.client()) {
      // Sent as raw text through the query so the server's parser rejects it.
      assertThatThrownBy(() -> client.getJson("search", "/Users", Map.of("filter", "userName eq")))
          .isInstanceOfSatisfying(InvalidRequestException.class,
              e -> assertThat(e.targetCode()).contains("invalidFilter"));
    }
  }
}
