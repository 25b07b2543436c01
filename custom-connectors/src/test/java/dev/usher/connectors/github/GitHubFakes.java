package dev.usher.connectors.github;

import dev.usher.core.model.Secret;
import dev.usher.testkit.fakes.FakeGitHub;

/** The connector configuration that reaches a {@link FakeGitHub}. */
final class GitHubFakes {
  private GitHubFakes() {}

  static GitHubConfig config(FakeGitHub fake) {
    return GitHubConfig.of(FakeGitHub.ORG, Secret.of(FakeGitHub.TOKEN)).withBaseUrl(fake.url());
  }
}
