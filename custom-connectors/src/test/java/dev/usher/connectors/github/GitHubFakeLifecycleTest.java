package dev.usher.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.Listing;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.Pages;
import dev.usher.testkit.fakes.FakeGitHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The invitation lifecycle against the stateful fake: invite, grant while pending, accept, remove. */
class GitHubFakeLifecycleTest {
  final FakeGitHub fake = FakeGitHub.start().team("eng", "Engineering").team("ops", "Operations")
      .member("octocat", "admin");
  final Connector github = new GitHubConnectorProvider().create(GitHubFakes.config(fake), ConnectorContext.of("gh"));

  @AfterEach
  void close() {
    github.close();
    fake.close();
  }

  @Test
  void pendingInviteeHoldsTeamsBeforeAndAfterAccepting() {
    Account alice = github.create(Account.builder("gh").userName("alice").build());
    github.grant(alice.id(), "team:eng");

    assertThat(github.grantsOf("alice")).containsExactly("team:eng");
    assertThat(members("team:eng")).containsExactly("alice");
    assertThat(github.get("alice")).hasValueSatisfying(
        a -> assertThat(a.attribute("state")).contains(AttributeValue.of("pending")));

    fake.accept("alice");

    assertThat(github.get("alice")).hasValueSatisfying(
        a -> assertThat(a.attribute("state")).contains(AttributeValue.of("active")));
    assertThat(members("team:eng")).containsExactly("alice");
    github.grant("alice", "role:admin");
    assertThat(github.grantsOf("alice")).containsExactly("role:admin", "team:eng");
    github.revoke("alice", "role:admin");
    github.revoke("alice", "team:eng");
    github.revoke("alice", "team:eng");
    assertThat(github.grantsOf("alice")).isEmpty();

    github.delete("alice");
    assertThat(fake.isMemberOrInvited("alice")).isFalse();
    assertThatThrownBy(() -> github.delete("alice")).isInstanceOf(NotFoundException.class);
  }

  private java.util.List<String> members(String entitlementId) {
    return Pages.readAll(r -> github.members(entitlementId, r), 10,
        ConnectorContext.of("gh").origin("github", "members")).items();
  }

  @Test
  void invitingAMemberAgainIsAlreadyExistsNamingThem() {
    assertThatThrownBy(() -> github.create(Account.builder("gh").userName("octocat").build()))
        .isInstanceOfSatisfying(AlreadyExistsException.class,
            e -> assertThat(e.existingId()).contains("octocat"));
    github.create(Account.builder("gh").attribute("email", "x@acme.example").build());
    assertThatThrownBy(() -> github.create(Account.builder("gh").attribute("email", "X@acme.example").build()))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void readsEveryPageOfMembersAndInvitations() {
    for (int i = 0; i < 7; i++) {
      fake.member("m" + i, "member");
    }
    github.create(Account.builder("gh").userName("zed").build());

    Listing<Account> all = Pages.readAll(github::listAccounts, 3, ConnectorContext.of("gh").origin("github", "list"));

    assertThat(all.complete()).isTrue();
    assertThat(all.items()).extracting(Account::id)
        .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "octocat", "zed");
  }
}
