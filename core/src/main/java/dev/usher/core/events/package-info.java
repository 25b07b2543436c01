/**
 * Provisioning events (plan computed; operation started, succeeded, failed, skipped; run
 * finished), the listener SPI that receives them, and a JSON-lines audit writer.
 */
@NullMarked
package dev.usher.core.events;

import org.jspecify.annotations.NullMarked;
