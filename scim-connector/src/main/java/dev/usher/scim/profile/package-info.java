/**
 * Vendor profiles for the SCIM client and connector: each named profile is data (limits, paths,
 * headers, filter and paging rules) plus the client-side rate limit that keeps a target below its 429s.
 */
@NullMarked
package dev.usher.scim.profile;

import org.jspecify.annotations.NullMarked;
