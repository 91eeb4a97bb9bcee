package io.github.dmswitchover.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.gtid.GtidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every benchmark cell once, exactly as JMH sets it up, and checks the answer against
 * gtid-core's, so that a fast but wrong implementation or fixture cannot pass unnoticed; and checks
 * that every skipped cell is skipped with a reason.
 */
class FixturesTest {

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      for (String impl : Peers.NAMES) {
        out.add(Arguments.of(shape, impl));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cells")
  void everyCell_measuredOrSkippedWithReason_computesTheRightAnswer(Shape shape, String impl) {
    Peer peer = Peers.of(impl);
    GtidSet a = shape.a();
    GtidSet b = shape.b();

    ParseBenchmark parse = new ParseBenchmark();
    parse.shape = shape;
    parse.impl = impl;
    if (setUp(parse::setUp, peer, Op.PARSE, shape)) {
      assertThat(peer.toGtidSet(parse.run())).isEqualTo(a);
    }

    FormatBenchmark format = new FormatBenchmark();
    format.shape = shape;
    format.impl = impl;
    if (setUp(format::setUp, peer, Op.FORMAT, shape)) {
      assertThat(GtidSet.parse(format.run())).isEqualTo(a);
    }

    UnionBenchmark union = new UnionBenchmark();
    union.shape = shape;
    union.impl = impl;
    if (setUp(union::setUp, peer, Op.UNION, shape)) {
      assertThat(peer.toGtidSet(union.run())).isEqualTo(a.union(b));
      assertThat(peer.toGtidSet(union.a)).as("inputs unchanged").isEqualTo(a);
    }

    SubtractBenchmark subtract = new SubtractBenchmark();
    subtract.shape = shape;
    subtract.impl = impl;
    if (setUp(subtract::setUp, peer, Op.SUBTRACT, shape)) {
      assertThat(peer.toGtidSet(subtract.run())).isEqualTo(a.subtract(b));
      assertThat(peer.toGtidSet(subtract.a)).as("inputs unchanged").isEqualTo(a);
    }

    IntersectionBenchmark intersection = new IntersectionBenchmark();
    intersection.shape = shape;
    intersection.impl = impl;
    if (setUp(intersection::setUp, peer, Op.INTERSECTION, shape)) {
      assertThat(peer.toGtidSet(intersection.run())).isEqualTo(a.intersection(b));
    }

    IsSubsetOfBenchmark subset = new IsSubsetOfBenchmark();
    subset.shape = shape;
    subset.impl = impl;
    if (setUp(subset::setUp, peer, Op.IS_SUBSET_OF, shape)) {
      assertThat(subset.run()).isTrue();
      assertThat(peer.isSubsetOf(subset.b, subset.a)).as("A u B is not a subset of A").isFalse();
    }
  }

  /** Runs setUp; returns whether the cell is measured, checking that a skipped one says why. */
  private static boolean setUp(Runnable setUp, Peer peer, Op op, Shape shape) {
    if (Cells.isMeasured(peer, op, shape)) {
      setUp.run();
      return true;
    }
    assertThatThrownBy(setUp::run).isInstanceOf(UnsupportedOperationException.class).hasMessageStartingWith("SKIPPED");
    return false;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("impls")
  void streamingAdd_everyImplementation_buildsTheStream(String impl) {
    StreamingAddBenchmark bench = new StreamingAddBenchmark();
    bench.impl = impl;
    Peer peer = Peers.of(impl);
    if (!setUp(bench::setUp, peer, Op.STREAMING_ADD, null)) {
      return;
    }
    GtidSet expected = GtidSet.builder().addInterval(Shape.STREAM_UUID, 1, Shape.streamGno(Shape.STREAM_LENGTH - 1))
        .build().subtract(multiplesOfGap());
    GtidSet got = peer.toGtidSet(bench.run());
    assertThat(got.count()).isEqualTo(Shape.STREAM_LENGTH);
    assertThat(got).isEqualTo(expected);
  }

  static Stream<String> impls() {
    return Stream.of(Peers.NAMES);
  }

  private static GtidSet multiplesOfGap() {
    GtidSet.Builder b = GtidSet.builder();
    for (long g = Shape.STREAM_GAP_EVERY; g <= Shape.streamGno(Shape.STREAM_LENGTH - 1); g += Shape.STREAM_GAP_EVERY) {
      b.add(Shape.STREAM_UUID, g);
    }
    return b.build();
  }

  @Test
  void zendeskConnector_isLoadedApartFromDebeziumsFork() {
    Object zendesk = Peers.of("zendesk-binlog").parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
    Object debezium = Peers.of("debezium-binlog").parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
    assertThat(zendesk.getClass().getName()).isEqualTo(debezium.getClass().getName());
    assertThat(zendesk.getClass()).isNotSameAs(debezium.getClass());
    assertThat(ZendeskGtidSet.loaderOf(zendesk).getName()).isEqualTo("zendesk-binlog-connector");
  }

  @Test
  void memoryFootprint_streamCell_isMeasured() {
    MemoryFootprint.Cell cell = MemoryFootprint.measure("UUIDS_200_X_500", "gtid-core");
    assertThat(cell.intervals()).isEqualTo(100_000);
    // 100,000 intervals of two int bounds (every GNO is below 2^31), plus 200 UUIDs and headers.
    assertThat(cell.bytes()).isBetween(800_000L, 850_000L);
  }
}
