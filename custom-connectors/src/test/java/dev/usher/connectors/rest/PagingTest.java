package dev.usher.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagingTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void findsTheNextLinkAmongOtherRelations() {
    assertThat(Paging.nextLink("<https://api.github.com/orgs/acme/members?page=1>; rel=\"prev\", "
        + "<https://api.github.com/orgs/acme/members?page=3>; rel=\"next\", "
        + "<https://api.github.com/orgs/acme/members?page=9>; rel=\"last\""))
        .isEqualTo("https://api.github.com/orgs/acme/members?page=3");
  }

  @Test
  void readsUnquotedMultipleAndQuotedCommaParameters() {
    assertThat(Paging.nextLink("<https://x.example/a?p=2>;rel=next")).isEqualTo("https://x.example/a?p=2");
    assertThat(Paging.nextLink("<https://x.example/a?p=2>; title=\"a, b; c\"; rel=\"last next\""))
        .isEqualTo("https://x.example/a?p=2");
    assertThat(Paging.nextLink("<https://x.example/n>; rel=\"nextish\", <https://x.example/l>; rel=\"last\"")).isNull();
    assertThat(Paging.nextLink((String) null)).isNull();
    assertThat(Paging.nextLink("garbage")).isNull();
  }

  @Test
  void readsTheLinkHeaderOfAResponseWhateverItsCase() {
    RestResponse r = new RestResponse(200, Map.of("link", List.of("<https://x.example/2>; rel=\"next\"")),
        MissingNode.getInstance(), "");
    assertThat(Paging.nextLink(r)).isEqualTo("https://x.example/2");
  }

  @Test
  void anEmptyPageTokenMeansTheLastPage() throws Exception {
    assertThat(Paging.pageToken(JSON.readTree("{\"next_page_token\":\"\"}"), "next_page_token")).isNull();
    assertThat(Paging.pageToken(JSON.readTree("{\"next_page_token\":\"abc3445rg\"}"), "next_page_token"))
        .isEqualTo("abc3445rg");
    assertThat(Paging.pageToken(JSON.readTree("{\"users\":[]}"), "nextPageToken")).isNull();
    assertThat(Paging.odataNextLink(JSON.readTree("{\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/users?$skiptoken=X\"}")))
        .isEqualTo("https://graph.microsoft.com/v1.0/users?$skiptoken=X");
  }
}
