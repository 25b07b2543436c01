package dev.usher.scim.profile;

/** The contract suite under profile {@code salesforce}. */
class SalesforceContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "salesforce";
  }
}
