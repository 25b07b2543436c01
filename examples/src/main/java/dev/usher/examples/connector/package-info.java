/**
 * Writing a connector: a small REST connector for a made-up application ("Acme Notes"), its
 * provider and configuration, and a stateful fake of the application's API.
 */
@NullMarked
package dev.usher.examples.connector;

import org.jspecify.annotations.NullMarked;
