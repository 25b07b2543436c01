/**
 * What Usher remembers between runs: links between users and accounts, last-applied values,
 * staged operations and the journal of operations in flight. {@link dev.usher.core.store.StateStore}
 * is the SPI; {@link dev.usher.core.store.InMemoryStateStore} keeps it in memory.
 */
@NullMarked
package dev.usher.core.store;

import org.jspecify.annotations.NullMarked;
