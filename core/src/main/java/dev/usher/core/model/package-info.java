/**
 * The values Usher reasons about: users from a source, accounts, entitlements and grants in applications.
 * Everything here is immutable, compared by value and round-trips through Jackson.
 */
@NullMarked
package dev.usher.core.model;

import org.jspecify.annotations.NullMarked;
