package dev.usher.scim.profile;

/** The contract suite under profile {@code generic}. */
class GenericContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "generic";
  }
}
