package io.github.dmswitchover.testkit.db;

import java.io.IOException;

/**
 * Starts a group and waits forever, so that {@link StrayServerReaperIT} can kill this JVM with
 * SIGKILL (no shutdown hook runs) and check what the next run does with the servers left behind.
 */
public final class StrayGroupHolder {
  private StrayGroupHolder() {}

  /**
   * Starts a group of the flavor named by the first argument and prints {@code READY <folder>}.
   *
   * @param args {@code MYSQL} or {@code MARIADB}
   */
  public static void main(String[] args) throws IOException {
    ReplicationGroup group = ReplicationGroup.start(GroupSpec.builder(Flavor.valueOf(args[0])).withMembers(2).build());
    System.out.println("READY " + group.directory());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Wait until killed; the group is deliberately never closed.
    }
  }
}
