/**
 * The {@code zoom} connector: users, groups and the licensed user type of a Zoom account
 * through the Zoom API v2, authenticated with a Server-to-Server OAuth app.
 */
@NullMarked
package dev.usher.connectors.zoom;

import org.jspecify.annotations.NullMarked;
