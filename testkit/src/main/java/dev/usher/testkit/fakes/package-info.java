/**
 * Stateful fakes of vendor REST APIs on loopback ports, for tests and examples that run without a
 * network: {@link dev.usher.testkit.fakes.FakeGitHub}, a GitHub organization with members and teams.
 */
@NullMarked
package dev.usher.testkit.fakes;

import org.jspecify.annotations.NullMarked;
