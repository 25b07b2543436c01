/**
 * Benchmarks of the vendor connectors and their REST toolkit: listing whole directories
 * through a connector against loopback servers with vendor-shaped pages.
 */
@NullMarked
package dev.usher.benchmarks.connectors;

import org.jspecify.annotations.NullMarked;
