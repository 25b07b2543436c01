/**
 * Implementation shared by the state stores: argument checks for tenants, nodes and leases.
 * Not API: anything here may change in any release.
 */
@NullMarked
package dev.usher.core.store.internal;

import org.jspecify.annotations.NullMarked;
