package io.github.dmswitchover.testkit.dm;

/** The protobuf {@code Stage} enum of DM (dmworker.proto), printed by name. */
enum Stage {
  InvalidStage, New, Running, Paused, Stopped, Finished, Pausing, Resuming, Stopping
}
