/**
 * The policy expression language: a small, safe syntax parsed once into an immutable tree of
 * functions, and the same functions as typed Java calls ({@link dev.usher.core.policy.expr.Expressions}).
 */
@NullMarked
package dev.usher.core.policy.expr;

import org.jspecify.annotations.NullMarked;
