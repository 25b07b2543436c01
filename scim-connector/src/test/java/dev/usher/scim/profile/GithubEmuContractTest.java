package dev.usher.scim.profile;

/** The contract suite under profile {@code github-emu}. */
class GithubEmuContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "github-emu";
  }
}
