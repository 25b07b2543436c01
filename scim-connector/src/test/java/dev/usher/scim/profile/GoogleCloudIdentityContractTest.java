package dev.usher.scim.profile;

/** The contract suite under profile {@code google-cloud-identity}. */
class GoogleCloudIdentityContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "google-cloud-identity";
  }
}
