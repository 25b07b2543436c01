/**
 * The Connector SPI: what a connector implements to let Usher reach one application,
 * the errors it reports, paged listing, and the registry that finds connectors through {@code ServiceLoader}.
 */
@NullMarked
package dev.usher.core.spi;

import org.jspecify.annotations.NullMarked;
