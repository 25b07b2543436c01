/**
 * The one-command quickstart: an HR export, three applications on loopback fakes, an embedded
 * state store, and a joiner, a mover and a leaver followed from plan to audit log.
 */
@NullMarked
package dev.usher.examples.quickstart;

import org.jspecify.annotations.NullMarked;
