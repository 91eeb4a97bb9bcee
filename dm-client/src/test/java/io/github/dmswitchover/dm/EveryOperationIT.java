package io.github.dmswitchover.dm;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation against the simulator in every profile ({@link OperationScenario}), with the
 * client choosing its surfaces, and with a forced surface for a selection of profiles.
 */
class EveryOperationIT {
  private static final Logger LOG = LoggerFactory.getLogger(EveryOperationIT.class);

  @ParameterizedTest
  @EnumSource(DmProfile.class)
  void everyOperation_automaticSurfaces(DmProfile profile) {
    try (DmSimulator sim = Sims.builder(profile).withWorkers(4).start()) {
      new OperationScenario(sim, profile, Optional.empty(), "").run();
    }
  }

  static Stream<Arguments> forced() {
    return Stream.of(
        Arguments.of(DmProfile.V1_0, Surface.GATEWAY),
        Arguments.of(DmProfile.V2_0, Surface.GATEWAY),
        Arguments.of(DmProfile.V2_0, Surface.DMCTL),
        Arguments.of(DmProfile.V5_4, Surface.OPENAPI),
        Arguments.of(DmProfile.V6_0, Surface.OPENAPI),
        Arguments.of(DmProfile.V8_5, Surface.GATEWAY),
        Arguments.of(DmProfile.V8_5, Surface.OPENAPI),
        Arguments.of(DmProfile.V8_5, Surface.DMCTL),
        Arguments.of(DmProfile.NEWEST, Surface.OPENAPI));
  }

  @ParameterizedTest
  @MethodSource("forced")
  void everyOperation_forcedSurface(DmProfile profile, Surface surface) {
    try (DmSimulator sim = Sims.builder(profile).withWorkers(4).start()) {
      new OperationScenario(sim, profile, Optional.of(surface), " (forced)").run();
    }
  }

  @AfterAll
  static void report() throws IOException {
    StringBuilder sb = new StringBuilder();
    synchronized (OperationScenario.COVERED) {
      OperationScenario.COVERED.forEach((op, cells) -> sb.append(op).append(": ").append(String.join(", ", cells)).append('\n'));
    }
    LOG.info("operations × profile/surface exercised:\n{}", sb);
    Files.writeString(Path.of("target", "operation-coverage.txt"), sb.toString(), StandardCharsets.UTF_8);
  }
}
