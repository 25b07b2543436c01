/**
 * Pointing Usher at a real SCIM 2.0 endpoint configured from environment variables: plan only
 * by default, applying only with an explicit flag.
 */
@NullMarked
package dev.usher.examples.realscim;

import org.jspecify.annotations.NullMarked;
