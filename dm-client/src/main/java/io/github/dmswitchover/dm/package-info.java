/**
 * The DM-master client: {@link io.github.dmswitchover.dm.DmClient} and the values it returns.
 *
 * <p>No method of this package accepts or returns {@code null}: absent values are
 * {@link java.util.Optional} (or {@code OptionalInt}, {@code OptionalLong}) or empty collections,
 * and parameters are non-null unless documented otherwise. Every exception is an unchecked
 * {@link io.github.dmswitchover.dm.DmException}; passwords are masked in logs, exceptions and
 * {@code toString}.
 */
package io.github.dmswitchover.dm;
