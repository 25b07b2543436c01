package dev.usher.scim.profile;

/** The contract suite under profile {@code aws-identity-center}. */
class AwsIdentityCenterContractTest extends ProfileContractTest {
  @Override
  String profile() {
    return "aws-identity-center";
  }
}
