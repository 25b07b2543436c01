/**
 * Stateful fakes of vendor APIs on loopback ports, so the examples run without a network:
 * a small routing HTTP server and a fake GitHub organization.
 */
@NullMarked
package dev.usher.examples.fakes;

import org.jspecify.annotations.NullMarked;
