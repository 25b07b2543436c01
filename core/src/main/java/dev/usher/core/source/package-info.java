/**
 * User sources: where Usher learns who works here (HR exports, HR systems, identity providers),
 * the local CSV and JSON sources, and joiner / mover / leaver detection between snapshots.
 */
@NullMarked
package dev.usher.core.source;

import org.jspecify.annotations.NullMarked;
