/**
 * Implementation of policy loading: a location-keeping document tree read with Jackson and the
 * reader that turns it into a {@link dev.usher.core.policy.Policy}. Not API.
 */
@NullMarked
package dev.usher.core.policy.internal;

import org.jspecify.annotations.NullMarked;
