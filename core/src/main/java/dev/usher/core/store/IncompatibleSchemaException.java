package dev.usher.core.store;

/**
 * The database holds a state store schema that this version of Usher does not know: it was
 * written by a newer Usher. Usher refuses it rather than guess, so an older node never
 * corrupts state a newer one relies on.
 *
 * <pre>{@code
 * catch (IncompatibleSchemaException e) {
 *   log.error("database schema v{} needs a newer Usher (this one knows up to v{})",
 *       e.foundVersion(), e.supportedVersion());
 * }
 * }</pre>
 */
public final class IncompatibleSchemaException extends StateStoreException {
  private static final long serialVersionUID = 1L;

  private final int foundVersion;
  private final int supportedVersion;

  public IncompatibleSchemaException(String message, int foundVersion, int supportedVersion) {
    super(message);
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }

  /** The schema version recorded in the database. */
  public int foundVersion() {
    return foundVersion;
  }

  /** The newest schema version this Usher knows. */
  public int supportedVersion() {
    return supportedVersion;
  }
}
