/**
 * The state store in a relational database: {@link dev.usher.core.store.jdbc.JdbcStateStore}
 * on an embedded H2 file or PostgreSQL, with its schema scripts and work leases between nodes.
 */
@NullMarked
package dev.usher.core.store.jdbc;

import org.jspecify.annotations.NullMarked;
