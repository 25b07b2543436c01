package dev.usher.testkit.scim;

import static dev.usher.testkit.scim.ScimHttp.patchOps;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeScimServerEtagTest {
  private FakeScimServer server;
  private ScimHttp http;

  @BeforeEach
  void start() {
    server = FakeScimServer.builder().start();
    http = new ScimHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void ifMatchWithAStaleVersionIs412AndChangesNothing() {
    ScimHttp.Response created = http.createUser("ada");
    String stale = created.etag();
    String fresh = http.patch("/Users/" + created.id(),
        patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"A\"}"), "If-Match", stale).etag();
    assertThat(fresh).isNotEqualTo(stale);

    ScimHttp.Response patch = http.patch("/Users/" + created.id(),
        patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"B\"}"), "If-Match", stale);
    ScimHttp.Response put = http.put("/Users/" + created.id(), ScimHttp.user("ada"), "If-Match", stale);
    ScimHttp.Response delete = http.delete("/Users/" + created.id(), "If-Match", stale);

    assertThat(patch.status()).isEqualTo(412);
    assertThat(patch.body().get("status").asText()).isEqualTo("412");
    assertThat(put.status()).isEqualTo(412);
    assertThat(delete.status()).isEqualTo(412);
    assertThat(server.users().get(0).get("title").asText()).isEqualTo("A");
    assertThat(http.delete("/Users/" + created.id(), "If-Match", "*").status()).isEqualTo(204);
  }

  @Test
  void ifNoneMatchWithTheCurrentVersionIs304() {
    ScimHttp.Response created = http.createUser("ada");

    ScimHttp.Response unchanged = http.get("/Users/" + created.id(), "If-None-Match", created.etag());
    ScimHttp.Response changed = http.get("/Users/" + created.id(), "If-None-Match", "W/\"other\"");

    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isNull();
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.etag()).isEqualTo(created.etag());
  }

  @Test
  void aPatchThatChangesNothingKeepsTheVersion() {
    ScimHttp.Response created = http.createUser("ada");

    ScimHttp.Response same = http.patch("/Users/" + created.id(),
        patchOps("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"));

    assertThat(same.etag()).isEqualTo(created.etag());
  }
}
