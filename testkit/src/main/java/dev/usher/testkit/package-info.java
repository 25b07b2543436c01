/**
 * Everything a test needs to exercise Usher without a network: an in-memory connector with
 * fault injection, and the contract suite every connector must pass.
 */
@NullMarked
package dev.usher.testkit;

import org.jspecify.annotations.NullMarked;
