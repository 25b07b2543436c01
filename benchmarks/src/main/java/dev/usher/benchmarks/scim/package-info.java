/**
 * JMH benchmarks of the SCIM client against a minimal in-process SCIM server, side by side with
 * a raw {@code java.net.http.HttpClient} making the same requests.
 */
@NullMarked
package dev.usher.benchmarks.scim;

import org.jspecify.annotations.NullMarked;
