/**
 * An in-process SCIM 2.0 server for tests: {@link dev.usher.testkit.scim.FakeScimServer} with
 * switches that enforce a target's restrictions, injected faults and inspection of what it received.
 */
@NullMarked
package dev.usher.testkit.scim;

import org.jspecify.annotations.NullMarked;
