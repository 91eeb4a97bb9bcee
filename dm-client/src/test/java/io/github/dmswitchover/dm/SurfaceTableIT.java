package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which surface the client picks for each operation on each simulated release, with dmctl
 * configured and without. G = gateway, O = OpenAPI, D = dmctl, - = not available.
 */
class SurfaceTableIT {
  /** Per operation: the surface per profile V1_0, V2_0, V5_4, V6_0, V8_5, NEWEST (dmctl configured). */
  static final Map<DmOperation, String> WITH_DMCTL = new EnumMap<>(DmOperation.class);
  /** The same without dmctl. */
  static final Map<DmOperation, String> WITHOUT_DMCTL = new EnumMap<>(DmOperation.class);

  static {
    row(DmOperation.VERSION, "G G G G G G", "G G G G G G");
    row(DmOperation.TASK_STATUS, "D G G G G G", "- G G G G G");
    row(DmOperation.LIST_TASKS, "D D O O O O", "- - O O O O");
    row(DmOperation.SOURCE_STATUS, "D D O O O O", "- - O O O O");
    row(DmOperation.TASKS_USING_SOURCE, "D D O O O O", "- - O O O O");
    row(DmOperation.PAUSE_TASK, "D G G G G G", "- G G G G G");
    row(DmOperation.RESUME_TASK, "D G G G G G", "- G G G G G");
    row(DmOperation.STOP_TASK, "D G G G G G", "- G G G G G");
    row(DmOperation.START_TASK, "D G G G G G", "- G G G G G");
    row(DmOperation.TASK_CONFIG, "- G G G G G", "- G G G G G");
    row(DmOperation.GET_SOURCE, "- G O O O O", "- G O O O O");
    row(DmOperation.CREATE_SOURCE, "- G G G G G", "- G G G G G");
    row(DmOperation.REMOVE_SOURCE, "- G G G G G", "- G G G G G");
    row(DmOperation.ENABLE_SOURCE, "- - - O O O", "- - - O O O");
    row(DmOperation.DISABLE_SOURCE, "- - - O O O", "- - - O O O");
    row(DmOperation.TRANSFER_SOURCE, "- D O O O O", "- - O O O O");
    row(DmOperation.START_RELAY, "- D O O O O", "- - O O O O");
    row(DmOperation.STOP_RELAY, "- D O O O O", "- - O O O O");
    row(DmOperation.PAUSE_RELAY, "D D O D D D", "- - O - - -");
    row(DmOperation.RESUME_RELAY, "D D O D D D", "- - O - - -");
    row(DmOperation.SWITCH_RELAY_MASTER, "D - - - - -", "- - - - - -");
    row(DmOperation.LIST_MEMBERS, "- G G G G G", "- G G G G G");
    row(DmOperation.OFFLINE_MEMBER, "- G G G G G", "- G G G G G");
    row(DmOperation.SHARD_DDL_LOCKS, "D D D D D D", "- - - - - -");
  }

  private static void row(DmOperation op, String withDmctl, String withoutDmctl) {
    WITH_DMCTL.put(op, withDmctl);
    WITHOUT_DMCTL.put(op, withoutDmctl);
  }

  static String cell(Map<DmOperation, String> table, DmOperation op, DmProfile profile) {
    return table.get(op).split(" ")[profile.ordinal()];
  }

  private static String letter(Surface s) {
    return switch (s) {
      case GATEWAY -> "G";
      case OPENAPI -> "O";
      case DMCTL -> "D";
    };
  }

  @ParameterizedTest
  @EnumSource(DmProfile.class)
  void surfaceFor_everyOperation_matchesTheTable(DmProfile profile) {
    assertThat(WITH_DMCTL.keySet()).containsExactlyInAnyOrder(DmOperation.values());
    try (DmSimulator sim = Sims.start(profile)) {
      check(Sims.client(sim).build(), WITH_DMCTL, profile);
      check(DmClient.builder().withMasters(sim.masterAddresses()).build(), WITHOUT_DMCTL, profile);
    }
  }

  private static void check(DmClient client, Map<DmOperation, String> table, DmProfile profile) {
    List<String> wrong = new ArrayList<>();
    for (DmOperation op : DmOperation.values()) {
      String expected = cell(table, op, profile);
      if (expected.equals("-")) {
        try {
          Surface s = client.surfaceFor(op);
          wrong.add(op + ": expected none, got " + s);
        } catch (DmUnsupportedOperationException e) {
          assertThat(e.operation()).isEqualTo(op);
          assertThat(e.version().text()).isEqualTo(profile.releaseVersion());
          assertThat(e.getMessage()).contains(op.command()).contains(profile.releaseVersion());
        }
      } else {
        String got = letter(client.surfaceFor(op));
        if (!got.equals(expected)) {
          wrong.add(op + ": expected " + expected + ", got " + got);
        }
      }
    }
    assertThat(wrong).as(profile + " " + client).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V2_0", "V8_5"})
  void forcedSurface_thatCannotDoIt_namesOperationSurfaceAndVersion(DmProfile profile) {
    try (DmSimulator sim = Sims.start(profile)) {
      DmClient gateway = Sims.client(sim).withSurface(Surface.GATEWAY).build();
      assertThatThrownBy(() -> gateway.shardDdlLocks(java.util.Optional.empty()))
          .isInstanceOfSatisfying(DmUnsupportedOperationException.class, e -> {
            assertThat(e.surface()).contains(Surface.GATEWAY);
            assertThat(e.operation()).isEqualTo(DmOperation.SHARD_DDL_LOCKS);
            assertThat(e.getMessage()).contains("shard-ddl-lock").contains("gateway").contains(profile.releaseVersion());
          });
      DmClient dmctl = Sims.client(sim).withSurface(Surface.DMCTL).build();
      assertThatThrownBy(() -> dmctl.enableSource("s1"))
          .isInstanceOfSatisfying(DmUnsupportedOperationException.class, e ->
              assertThat(e.getMessage()).contains("enable source").contains("dmctl").contains("OpenAPI v6.0+"));
      DmClient openApi = Sims.client(sim).withSurface(Surface.OPENAPI).build();
      if (profile == DmProfile.V2_0) {
        assertThatThrownBy(() -> openApi.taskStatus("t")).isInstanceOf(DmUnsupportedOperationException.class)
            .hasMessageContaining("the OpenAPI came with DM 5.3");
      } else {
        assertThatThrownBy(() -> openApi.stopTask("t")).isInstanceOf(DmUnsupportedOperationException.class)
            .hasMessageContaining("stop-task").hasMessageContaining("deletes the downstream checkpoints")
            .hasMessageContaining("v8.5.7");
        assertThatThrownBy(() -> openApi.pauseRelay("s1")).isInstanceOf(DmUnsupportedOperationException.class)
            .hasMessageContaining("no pause-relay / resume-relay from v6.0 on");
      }
      assertThat(sim.exchanges()).noneMatch(x -> x.method().equals("DELETE"));
    }
  }
}
