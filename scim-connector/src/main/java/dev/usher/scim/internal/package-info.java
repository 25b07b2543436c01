/**
 * Implementation of the SCIM client and connector: HTTP transport over Unirest, JSON helpers,
 * error mapping, filter parsing and account mapping. Not API: may change in any release.
 */
@NullMarked
package dev.usher.scim.internal;

import org.jspecify.annotations.NullMarked;
