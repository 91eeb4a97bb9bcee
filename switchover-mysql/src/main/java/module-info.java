/** The JDBC side of a switchover: MySQL 5.7 to 9.x and MariaDB instances. */
module io.github.dmswitchover.switchover.mysql {
  // Its API packages are exported here as they are added.
}
