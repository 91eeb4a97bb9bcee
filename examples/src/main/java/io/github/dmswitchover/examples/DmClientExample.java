package io.github.dmswitchover.examples;

import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.dm.SourceStatus;
import io.github.dmswitchover.dm.SubtaskStatus;
import io.github.dmswitchover.dm.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * dm-client against a DM cluster: what {@code query-status} says about one source, per task, in
 * the words the switchover procedure uses (stage, unit, {@code syncerBinlogGtid}, relay).
 *
 * <pre>{@code
 * DmClient dm = DmClient.builder().withMasters("10.0.1.1:8261", "10.0.1.2:8261").withDmctl(Path.of("bin/dmctl")).build();
 * DmClientExample.describeSource(dm, "mysql-replica-01").forEach(System.out::println);
 * }</pre>
 */
public final class DmClientExample {
  private DmClientExample() {}

  /** One line per subtask of the source and one for its relay. */
  public static List<String> describeSource(DmClient dm, String source) {
    List<String> out = new ArrayList<>();
    out.add("DM " + dm.version().text());
    for (String task : dm.tasksUsingSource(source)) {
      TaskStatus status = dm.taskStatus(task);
      for (SubtaskStatus s : status.subtasks()) {
        if (!s.source().equals(source)) {
          continue;
        }
        String gtids = s.sync().map(x -> x.syncerBinlogGtid().raw()).orElse("(not in Sync)");
        out.add("task " + task + ": " + s.stage().dmName() + " / " + s.unit().dmName() + ", syncerBinlogGtid " + gtids
            + (s.errors().isEmpty() ? "" : ", errors " + s.errors()));
      }
    }
    SourceStatus src = dm.sourceStatus(source);
    out.add("source " + source + " on worker " + src.worker().orElse("(none)") + src.relay()
        .map(r -> ", relay " + r.stage().dmName() + " in " + r.relaySubDir() + " at " + r.relayBinlogGtid().raw()).orElse(", no relay"));
    return out;
  }
}
