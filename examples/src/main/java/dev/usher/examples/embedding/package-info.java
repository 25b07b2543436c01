/**
 * Embedding Usher in a service: builder wiring, listeners, a scheduled reconciliation and
 * HR events handled at once.
 */
@NullMarked
package dev.usher.examples.embedding;

import org.jspecify.annotations.NullMarked;
