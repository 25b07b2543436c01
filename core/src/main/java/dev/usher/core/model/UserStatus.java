package dev.usher.core.model;

/** Where a person stands in the organisation, as the user source says. */
public enum UserStatus {
  /** Working: should hold every account their scope calls for. */
  ACTIVE,
  /** On leave or locked out: accounts are kept but, by default, disabled. */
  SUSPENDED,
  /** Left the organisation: every account is deprovisioned per policy. */
  TERMINATED
}
