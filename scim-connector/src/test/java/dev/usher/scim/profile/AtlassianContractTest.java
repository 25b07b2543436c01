package dev.usher.scim.profile;

/** The contract suite under profile {@code atlassian}. */
class AtlassianContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "atlassian";
  }
}
