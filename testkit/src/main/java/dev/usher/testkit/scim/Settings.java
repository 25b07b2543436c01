package dev.usher.testkit.scim;

import java.util.Map;

/** The switches a {@link FakeScimServer} enforces; built by {@link FakeScimServer.Builder}. */
record Settings(
    String serviceProviderConfigPath,
    int maxPageSize,
    boolean cursorPagingOnly,
    boolean equalityFiltersOnly,
    boolean filterRequiredToListUsers,
    boolean lowercaseResourcesKey,
    boolean softDeleteUsers,
    Map<String, String> requiredHeaders,
    int maxMemberChangesPerPatch,
    boolean omitGroupMembers,
    boolean booleansAsStrings,
    boolean patchSupported,
    boolean etagSupported,
    boolean bulkSupported,
    int bulkMaxOperations,
    int bulkMaxPayloadSize) {}
