package io.github.dmswitchover.testkit.dm;

import java.time.Duration;

/** The simulator's timing knobs (see {@link DmSimulator.Builder}). */
record SimSettings(
    Duration checkpointFlushInterval,
    Duration unitDuration,
    Duration autoResumeBackoff,
    boolean autoResume,
    Duration operationLatency,
    Duration electionDelay,
    Duration heartbeat,
    int reconnectAttempts) {}
