/**
 * OAuth 2.0 authentication for the SCIM client: the client-credentials grant and the
 * refresh-token grant (with a pluggable {@link dev.usher.scim.oauth.TokenStore}), both as {@link dev.usher.scim.ScimAuth}.
 */
@NullMarked
package dev.usher.scim.oauth;

import org.jspecify.annotations.NullMarked;
