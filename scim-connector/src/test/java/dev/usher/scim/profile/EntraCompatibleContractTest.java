package dev.usher.scim.profile;

/** The contract suite under profile {@code entra-compatible}. */
class EntraCompatibleContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "entra-compatible";
  }
}
