package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.AttributeChange;
import dev.usher.scim.internal.AccountMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Account to User JSON and back, and changes applied locally for servers without PATCH. */
class AccountMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pathsInAttributeNamesBecomeNestedObjectsAndExtensions() throws Exception {
    Account a = Account.builder("app").userName("alice").externalId("E1").active(false)
        .attribute("name.givenName", "Alice")
        .attribute("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Eng")
        .attribute("emails", "alice@example.com")
        .build();

    ObjectNode user = AccountMapper.toUser(a, null);

    assertThat(user).isEqualTo(JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"],\"userName\":\"alice\",\"externalId\":\"E1\","
        + "\"active\":false,\"emails\":[{\"value\":\"alice@example.com\",\"primary\":true}],\"name\":{\"givenName\":\"Alice\"},"
        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"department\":\"Eng\"}}"));
  }

  @Test
  void localChangesAddRemoveAndReplaceLikePatchWouldAndKeepTheRest() throws Exception {
    ObjectNode user = (ObjectNode) JSON.readTree("{\"id\":\"1\",\"userName\":\"a\",\"custom:x\":1,"
        + "\"emails\":[{\"value\":\"old@x\",\"type\":\"work\"}],\"name\":{\"givenName\":\"A\",\"familyName\":\"B\"}}");

    AccountMapper.apply(user, List.of(
        AttributeChange.add("emails", AttributeValue.of("new@x")),
        AttributeChange.add("emails", AttributeValue.of("new@x")),
        AttributeChange.remove("emails", AttributeValue.of("old@x")),
        AttributeChange.remove("name.familyName"),
        AttributeChange.replace("title", AttributeValue.of("SRE")),
        AttributeChange.replace("active", AttributeValue.of(false))));

    assertThat(user).isEqualTo(JSON.readTree("{\"id\":\"1\",\"userName\":\"a\",\"custom:x\":1,"
        + "\"emails\":[{\"value\":\"new@x\",\"primary\":true}],\"name\":{\"givenName\":\"A\"},\"title\":\"SRE\",\"active\":false}"));
  }

  @Test
  void readsEverythingButTheFieldsAsAttributesAndGroupsAsEntitlements() throws Exception {
    Account a = AccountMapper.toAccount("app", (ObjectNode) JSON.readTree("{\"id\":\"1\",\"UserName\":\"a\","
        + "\"ACTIVE\":false,\"title\":\"SRE\",\"meta\":{},\"groups\":[{\"value\":\"g1\"},{\"value\":\"g2\"}],\"nickName\":null}"));

    assertThat(a.userName()).isEqualTo("a");
    assertThat(a.active()).isFalse();
    assertThat(a.attributes()).containsOnlyKeys("title");
    assertThat(a.entitlementIds()).containsExactly("g1", "g2");
  }
}
