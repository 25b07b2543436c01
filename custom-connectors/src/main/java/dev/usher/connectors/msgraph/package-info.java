/**
 * The {@code microsoft-graph} connector: Microsoft Entra ID users, groups and licenses through
 * Microsoft Graph, authenticated with the client credentials grant.
 */
@NullMarked
package dev.usher.connectors.msgraph;

import org.jspecify.annotations.NullMarked;
