/**
 * The {@code google-workspace} connector: users and groups of a Google Workspace domain
 * through the Admin SDK Directory API, as a service account with domain-wide delegation.
 */
@NullMarked
package dev.usher.connectors.google;

import org.jspecify.annotations.NullMarked;
