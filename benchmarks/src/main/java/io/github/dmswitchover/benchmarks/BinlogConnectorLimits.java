package io.github.dmswitchover.benchmarks;

import java.util.Optional;

/**
 * Cells of the binlog-connector based peers that are not measured because one operation takes
 * minutes: the cost is quadratic in the number of intervals of one UUID (GTID-FACTS 1d.1, 1d.2).
 * Each of these took over 40 s for a single cold operation at 1,000,000 intervals, against well
 * under 2 s at 200 x 500 (benchmarks/README.md).
 */
final class BinlogConnectorLimits {
  private BinlogConnectorLimits() {}

  static Optional<String> notMeasured(String peer, Op op, Shape shape) {
    if (shape != Shape.UUIDS_1_X_1000000) {
      return Optional.empty();
    }
    String why = switch (peer + "/" + op) {
      case "zendesk-binlog/IS_SUBSET_OF", "debezium-binlog/IS_SUBSET_OF", "debezium/IS_SUBSET_OF" ->
          "isContainedWithin compares every interval with every interval: O(k*m)";
      case "debezium/SUBTRACT" -> "subtract removes interval by interval from a list: O(k*m)";
      case "debezium-binlog/PARSE", "debezium/PARSE" ->
          "the fork's parser re-sorts the TSID's whole list for every interval: O(k^2 log k)";
      case "debezium-binlog/FORMAT", "debezium/FORMAT" ->
          "the set to format can only be built with the fork's parser, which is O(k^2 log k)";
      default -> null;
    };
    return why == null ? Optional.empty() : Optional.of("not measured at 1,000,000 intervals, quadratic: " + why);
  }
}
