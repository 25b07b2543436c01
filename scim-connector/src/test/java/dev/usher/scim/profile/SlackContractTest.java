package dev.usher.scim.profile;

/** The contract suite under profile {@code slack}. */
class SlackContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "slack";
  }
}
