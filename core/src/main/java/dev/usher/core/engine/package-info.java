/**
 * The reconciliation engine: computes plans from users, policies and what applications hold,
 * and applies them in order, concurrently, with retries, quarantine and a journal.
 */
@NullMarked
package dev.usher.core.engine;

import org.jspecify.annotations.NullMarked;
