/**
 * Provisioning on a schedule: periodic full reconciliation and change polling on an injected
 * {@link java.util.concurrent.ScheduledExecutorService}, with progress reports and graceful stop.
 */
@NullMarked
package dev.usher.core.schedule;

import org.jspecify.annotations.NullMarked;
