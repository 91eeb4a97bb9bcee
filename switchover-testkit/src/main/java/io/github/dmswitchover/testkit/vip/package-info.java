/**
 * A loopback TCP forwarder that stands in for a virtual IP: clients connect to one port, and its
 * target can be moved between servers.
 *
 * <p>No method of this package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.dmswitchover.testkit.vip;
