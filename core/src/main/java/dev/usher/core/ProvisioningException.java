package dev.usher.core;

/**
 * Provisioning could not go on: a plan could not be computed or applied as a whole (a user
 * source that failed, a state store that is unreachable). Failures of single operations are
 * not thrown; they are reported as outcomes of the run.
 */
public class ProvisioningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProvisioningException(String message) {
    super(message);
  }

  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
