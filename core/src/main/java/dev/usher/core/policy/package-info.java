/**
 * Provisioning policy: who is in scope of an application, how their account attributes and
 * entitlements are derived, how accounts are correlated and what happens when people leave.
 */
@NullMarked
package dev.usher.core.policy;

import org.jspecify.annotations.NullMarked;
