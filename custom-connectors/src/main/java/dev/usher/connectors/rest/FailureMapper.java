package dev.usher.connectors.rest;

import dev.usher.core.spi.ConnectorException;
import org.jspecify.annotations.Nullable;

/**
 * A connector's own reading of an unsuccessful answer, tried before the generic
 * {@link RestFailures} mapping: for vendor signals that the status alone does not carry
 * ("another object with the same value for property userPrincipalName already exists").
 *
 * <pre>{@code
 * FailureMapper graph = (origin, r) -> r.status() == 400 && r.text().contains("already exists")
 *     ? new AlreadyExistsException(origin, 400, RestFailures.detail(r), null) : null;
 * }</pre>
 */
@FunctionalInterface
public interface FailureMapper {
  /** The exception for this answer, or null to leave it to the generic mapping. */
  @Nullable ConnectorException map(ConnectorException.Origin origin, RestResponse response);

  /** Leaves every answer to the generic mapping. */
  static FailureMapper none() {
    return (origin, response) -> null;
  }
}
