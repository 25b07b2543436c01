/**
 * The SCIM 2.0 client ({@link dev.usher.scim.ScimClient}), its typed resources, filters and
 * messages, and the {@code scim} connector built on it ({@link dev.usher.scim.ScimConnector}).
 */
@NullMarked
package dev.usher.scim;

import org.jspecify.annotations.NullMarked;
