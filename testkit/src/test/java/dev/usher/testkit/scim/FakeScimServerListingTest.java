package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeScimServerListingTest {
  private FakeScimServer server;
  private ScimHttp http;

  @BeforeEach
  void start() {
    server = FakeScimServer.builder().maxPageSize(4).start();
    http = new ScimHttp(server);
    for (int i = 1; i <= 10; i++) {
      http.post("/Users", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"user%02d","rank":%d,
           "name":{"familyName":"F%s"},"emails":[{"value":"u%d@example.com","type":"work"}]}"""
          .formatted(i, (i * 7) % 10, (char) ('a' + (i * 3) % 10), i));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void indexPagingHonoursStartIndexCountAndTheServerCap() {
    ScimHttp.Response page = http.get("/Users?startIndex=3&count=2");
    assertThat(page.body().get("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    assertThat(page.body().get("totalResults").asInt()).isEqualTo(10);
    assertThat(page.body().get("startIndex").asInt()).isEqualTo(3);
    assertThat(page.body().get("itemsPerPage").asInt()).isEqualTo(2);
    assertThat(page.values("userName")).containsExactly("user03", "user04");

    ScimHttp.Response capped = http.get("/Users?count=50");
    assertThat(capped.values("userName")).hasSize(4);
    assertThat(capped.body().get("itemsPerPage").asInt()).isEqualTo(4);

    ScimHttp.Response last = http.get("/Users?startIndex=9&count=4");
    assertThat(last.values("userName")).containsExactly("user09", "user10");
    ScimHttp.Response beyond = http.get("/Users?startIndex=50");
    assertThat(beyond.resources()).isEmpty();
    assertThat(beyond.body().get("totalResults").asInt()).isEqualTo(10);

    ScimHttp.Response zero = http.get("/Users?count=0");
    assertThat(zero.resources()).isEmpty();
    assertThat(zero.body().get("totalResults").asInt()).isEqualTo(10);
    assertThat(http.get("/Users?startIndex=0&count=1").values("userName")).containsExactly("user01");
  }

  @Test
  void walkingEveryIndexPageVisitsEachUserOnce() {
    List<String> seen = new ArrayList<>();
    for (int start = 1; ; start += 4) {
      List<String> page = http.get("/Users?startIndex=" + start + "&count=4").values("userName");
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
    }
    assertThat(seen).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void cursorPagingFollowsNextCursorToTheEnd() {
    List<String> seen = new ArrayList<>();
    ScimHttp.Response page = http.get("/Users?cursor&count=3");
    int pages = 1;
    seen.addAll(page.values("userName"));
    assertThat(page.body().has("startIndex")).isFalse();
    assertThat(page.body().has("previousCursor")).isFalse();
    while (page.body().has("nextCursor")) {
      page = http.get("/Users?count=3&cursor=" + ScimHttp.encode(page.body().get("nextCursor").asText()));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().has("previousCursor")).isTrue();
      seen.addAll(page.values("userName"));
      pages++;
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void rejectsForeignCursorsAndMixedPaging() {
    ScimHttp.Response foreign = http.get("/Users?cursor=bm90LW91cnM");
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.body().get("scimType").asText()).isEqualTo("invalidCursor");

    ScimHttp.Response both = http.get("/Users?cursor=&startIndex=2");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.body().get("scimType").asText()).isEqualTo("invalidValue");

    assertThat(http.get("/Users?count=many").body().get("scimType").asText()).isEqualTo("invalidValue");
  }

  @Test
  void sortsAscendingAndDescending() {
    assertThat(http.get("/Users?sortBy=rank&count=3").values("userName"))
        .containsExactly("user10", "user03", "user06");
    assertThat(http.get("/Users?sortBy=name.familyName&sortOrder=descending&count=2").values("userName"))
        .containsExactly("user03", "user06");
    assertThat(http.get("/Users?sortBy=rank&sortOrder=sideways").status()).isEqualTo(400);
  }

  @Test
  void projectsAttributesAndExcludedAttributes() {
    JsonNode only = http.get("/Users?count=1&attributes=userName,emails.value").resources().get(0);
    assertThat(iterable(only.fieldNames())).containsExactlyInAnyOrder("schemas", "id", "userName", "emails");
    assertThat(only.get("emails").get(0).toString()).isEqualTo("{\"value\":\"u1@example.com\"}");

    JsonNode without = http.get("/Users?count=1&excludedAttributes=emails,name.familyName,id").resources().get(0);
    assertThat(without.has("emails")).isFalse();
    assertThat(without.has("id")).as("id is always returned").isTrue();
    assertThat(without.get("name").has("familyName")).isFalse();

    String id = server.users().get(0).get("id").asText();
    JsonNode single = http.get("/Users/" + id + "?attributes=rank").body();
    assertThat(iterable(single.fieldNames())).containsExactlyInAnyOrder("schemas", "id", "rank");
  }

  @Test
  void searchesWithAPostedSearchRequest() {
    ScimHttp.Response found = http.post("/Users/.search", """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
         "filter":"rank lt 3","sortBy":"rank","attributes":["userName"],"startIndex":1,"count":10}""");

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.values("userName")).containsExactly("user10", "user03", "user06");
    assertThat(found.resources().get(0).has("emails")).isFalse();

    ScimHttp.Response wrongSchema = http.post("/Users/.search", "{\"filter\":\"rank lt 3\"}");
    assertThat(wrongSchema.status()).isEqualTo(400);
  }

  @Test
  void rootSearchCoversUsersAndGroups() {
    http.createGroup("user-admins");

    ScimHttp.Response found = http.post("/.search", """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
         "filter":"userName eq \\"user01\\" or displayName sw \\"user\\""}""");

    assertThat(found.body().get("totalResults").asInt()).isEqualTo(2);
    assertThat(found.resources()).extracting(r -> r.at("/meta/resourceType").asText())
        .containsExactly("User", "Group");
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
