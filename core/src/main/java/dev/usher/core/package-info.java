/**
 * The entry points of Usher's core and the root exceptions shared by its packages.
 * Implementation lives in package-private classes and in {@code internal} packages.
 */
@NullMarked
package dev.usher.core;

import org.jspecify.annotations.NullMarked;
