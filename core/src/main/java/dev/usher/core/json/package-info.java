/**
 * Jackson set up the way Usher reads and writes its values: typed attribute values,
 * {@code java.time}, masked secrets, and strict binding of configuration.
 */
@NullMarked
package dev.usher.core.json;

import org.jspecify.annotations.NullMarked;
