package dev.usher.scim.profile;

/** The contract suite under profile {@code zoom}. */
class ZoomContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "zoom";
  }
}
