/**
 * GTID sets for MySQL (including the tagged GTIDs of MySQL 8.3 and later) and GTID positions and
 * lists for MariaDB: strict one-pass parsing with typed errors, the servers' canonical text, set
 * algebra, and a streaming builder.
 *
 * <p>Entry points: {@link io.github.dmswitchover.gtid.GtidSet} (MySQL),
 * {@link io.github.dmswitchover.gtid.MariadbGtidPosition} and
 * {@link io.github.dmswitchover.gtid.MariadbGtidList} (MariaDB). Malformed text is reported as a
 * {@link io.github.dmswitchover.gtid.GtidFormatException} with a kind and an offset.
 *
 * <p>No nulls: every parameter of every method in this package must be non-null, and no method
 * returns {@code null}; an absent result is an empty {@link java.util.Optional}, an empty
 * collection or an empty set. Passing {@code null} throws {@link NullPointerException}.
 *
 * <p>All value types here are immutable and thread-safe; the only mutable type is
 * {@link io.github.dmswitchover.gtid.GtidSet.Builder}, which is not thread-safe. Nothing in this
 * package logs.
 */
package io.github.dmswitchover.gtid;
