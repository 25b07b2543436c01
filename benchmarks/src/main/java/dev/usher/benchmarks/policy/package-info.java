/**
 * JMH benchmarks of policy evaluation: attribute mappings built from the expression language,
 * evaluated for many users.
 */
@NullMarked
package dev.usher.benchmarks.policy;

import org.jspecify.annotations.NullMarked;
