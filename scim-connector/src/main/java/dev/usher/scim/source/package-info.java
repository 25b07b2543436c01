/**
 * The SCIM user source: people read from an HR system or identity provider that exposes SCIM,
 * mapped to Usher users by a configurable attribute mapping (type {@code scim}).
 */
@NullMarked
package dev.usher.scim.source;

import org.jspecify.annotations.NullMarked;
