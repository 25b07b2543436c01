/**
 * JMH benchmarks of the testkit's fake SCIM server: requests per second through the JDK HTTP
 * server and the SCIM layer, sequential and with eight requests in flight.
 */
@NullMarked
package dev.usher.benchmarks.scimserver;

import org.jspecify.annotations.NullMarked;
