package io.github.dmswitchover.testkit.db;

import java.util.OptionalLong;

/** One running (or stopped) server process or container behind a {@link GroupMember}. */
interface MemberRuntime {
  /** The host tests connect to. */
  String host();

  /** The port tests connect to. */
  int port();

  /** The host other members replicate from (a network alias inside a container network). */
  String peerHost();

  /** The port other members replicate from. */
  int peerPort();

  /** The server's version; known once started for the first time. */
  ServerVersion version();

  /** Starts the server and returns once it accepts connections. */
  void start();

  /** Shuts the server down cleanly. */
  void stop();

  /** Kills the server at once (SIGKILL), as a crash would. */
  void kill();

  /** Whether the server process runs. */
  boolean isRunning();

  /** The server's resident memory, where it can be read. */
  OptionalLong residentMemoryBytes();

  /** The last lines of the server's error log, for failure messages. */
  String logTail();

  /** Kills the server if it runs and frees its resources. */
  void destroy();
}
