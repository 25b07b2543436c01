/**
 * The small REST toolkit the vendor connectors share: one HTTP client per connector, JSON with
 * Jackson, vendor errors mapped to the connector error taxonomy, paging and access tokens.
 */
@NullMarked
package dev.usher.connectors.rest;

import org.jspecify.annotations.NullMarked;
