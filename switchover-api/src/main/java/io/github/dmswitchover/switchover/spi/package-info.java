/**
 * What a switchover needs from the outside world, implemented by {@code switchover-mysql} (JDBC)
 * or by the user: {@link io.github.dmswitchover.switchover.spi.UpstreamProbe} reads a MySQL or
 * MariaDB instance, {@link io.github.dmswitchover.switchover.spi.VipMover} moves a virtual IP,
 * {@link io.github.dmswitchover.switchover.spi.SwitchoverJournal} records each step's intent and
 * outcome, and {@link io.github.dmswitchover.switchover.spi.SwitchoverLock} lets one switchover per
 * DM source run at a time.
 *
 * <p>No method of this package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.dmswitchover.switchover.spi;
