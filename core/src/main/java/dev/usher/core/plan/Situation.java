package dev.usher.core.plan;

/** How a user and the accounts of one application relate before Usher acts. */
public enum Situation {
  /** The user has a remembered link to an account that still exists. */
  LINKED,
  /** An account matches the user through correlation but is not linked yet. */
  UNLINKED,
  /** No account matches the user. */
  UNMATCHED,
  /** Several accounts match the user: reported, never acted on. */
  DISPUTED,
  /** An account that no user owns. */
  ORPHAN,
  /** A linked account vanished from the application. */
  DELETED
}
