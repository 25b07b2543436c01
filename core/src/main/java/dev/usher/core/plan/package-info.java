/**
 * Plans: the typed operations (with reasons), staged operations and warnings that the engine
 * computed for a run. A plan is a value: print it, serialise it, assert on it, approve it, apply it later.
 */
@NullMarked
package dev.usher.core.plan;

import org.jspecify.annotations.NullMarked;
