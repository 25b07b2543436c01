package dev.usher.core.events;

/**
 * Receives {@link ProvisioningEvent}s. Called on the thread that caused the event (several at
 * once during an apply), so implementations are thread-safe and quick. An exception thrown by
 * a listener is logged and otherwise ignored: a listener cannot break a run.
 *
 * <pre>{@code
 * Usher usher = Usher.builder()
 *     .listener(event -> metrics.count(event.name()))
 *     .listener(AuditLog.jsonLines(Path.of("audit.jsonl")))
 *     ...build();
 * }</pre>
 */
@FunctionalInterface
public interface ProvisioningListener {
  /** Handles one event. */
  void onEvent(ProvisioningEvent event);
}
