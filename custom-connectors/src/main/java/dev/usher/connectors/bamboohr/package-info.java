/**
 * The BambooHR user source: employees from BambooHR's custom-report API as users, and its
 * "changed employees" API as a change feed.
 */
@NullMarked
package dev.usher.connectors.bamboohr;

import org.jspecify.annotations.NullMarked;
