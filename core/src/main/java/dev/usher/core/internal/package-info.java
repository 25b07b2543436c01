/**
 * Implementation shared by Usher's core packages: configuration binding and service discovery.
 * Not API: anything here may change without notice.
 */
@NullMarked
package dev.usher.core.internal;

import org.jspecify.annotations.NullMarked;
