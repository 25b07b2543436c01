/**
 * Jakarta Validation behind one facade: every violation of a model or configuration object
 * reported at once, sorted by path, with secret values masked.
 */
@NullMarked
package dev.usher.core.validation;

import org.jspecify.annotations.NullMarked;
