/**
 * The {@code github} connector: members, pending invitations, teams and the owner role of one
 * GitHub organization, through GitHub's REST API.
 */
@NullMarked
package dev.usher.connectors.github;

import org.jspecify.annotations.NullMarked;
