package io.github.dmswitchover.benchmarks;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import io.github.dmswitchover.gtid.GtidSet;
import io.debezium.connector.mysql.gtid.MySqlGtidSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/** The implementations measured; {@link #of(String)} maps a JMH {@code impl} parameter to one. */
public final class Peers {
  private Peers() {}

  /** Every implementation name, gtid-core first. */
  public static final String[] NAMES = {"gtid-core", "zendesk-binlog", "debezium-binlog", "debezium", "guava", "roaring"};

  public static Peer of(String name) {
    return switch (name) {
      case "gtid-core" -> new GtidCore();
      case "zendesk-binlog" -> new ZendeskBinlog();
      case "debezium-binlog" -> new DebeziumBinlog();
      case "debezium" -> new Debezium();
      case "guava" -> new Guava();
      case "roaring" -> new Roaring();
      default -> throw new IllegalArgumentException("unknown implementation " + name);
    };
  }

  /** gtid-core itself. */
  static final class GtidCore implements Peer {
    @Override
    public Optional<String> unsupported(Op op) {
      return Optional.empty();
    }

    @Override
    public Object parse(String text) {
      return GtidSet.parse(text);
    }

    @Override
    public String format(Object set) {
      return set.toString();
    }

    @Override
    public Object union(Object a, Object b) {
      return ((GtidSet) a).union((GtidSet) b);
    }

    @Override
    public Object subtract(Object a, Object b) {
      return ((GtidSet) a).subtract((GtidSet) b);
    }

    @Override
    public Object intersection(Object a, Object b) {
      return ((GtidSet) a).intersection((GtidSet) b);
    }

    @Override
    public boolean isSubsetOf(Object a, Object b) {
      return ((GtidSet) a).isSubsetOf((GtidSet) b);
    }

    @Override
    public Object stream(UUID uuid, int count) {
      long msb = uuid.getMostSignificantBits();
      long lsb = uuid.getLeastSignificantBits();
      GtidSet.Builder b = GtidSet.builder();
      for (int i = 0; i < count; i++) {
        b.add(msb, lsb, Shape.streamGno(i));
      }
      return b.build();
    }

    @Override
    public Object from(GtidSet set) {
      return set;
    }

    @Override
    public GtidSet toGtidSet(Object set) {
      return (GtidSet) set;
    }
  }

  /**
   * {@code com.github.shyiko.mysql.binlog.GtidSet} of Debezium's fork of the binlog connector
   * (io.debezium:mysql-binlog-connector-java): parse, format, isContainedWithin, addGtid.
   */
  static final class DebeziumBinlog implements Peer {
    @Override
    public Optional<String> unsupported(Op op) {
      return switch (op) {
        case UNION, SUBTRACT, INTERSECTION -> Optional.of("GtidSet has no union, subtract or intersection");
        default -> Optional.empty();
      };
    }

    @Override
    public Optional<String> notMeasured(Op op, Shape shape) {
      return BinlogConnectorLimits.notMeasured("debezium-binlog", op, shape);
    }

    @Override
    public Object parse(String text) {
      return new com.github.shyiko.mysql.binlog.GtidSet(text);
    }

    @Override
    public String format(Object set) {
      return set.toString();
    }

    @Override
    public boolean isSubsetOf(Object a, Object b) {
      return ((com.github.shyiko.mysql.binlog.GtidSet) a).isContainedWithin((com.github.shyiko.mysql.binlog.GtidSet) b);
    }

    @Override
    public Object stream(UUID uuid, int count) {
      com.github.shyiko.mysql.binlog.GtidSet s = new com.github.shyiko.mysql.binlog.GtidSet("");
      for (int i = 0; i < count; i++) {
        s.addGtid(new com.github.shyiko.mysql.binlog.event.MySqlGtid(uuid, Shape.streamGno(i)));
      }
      return s;
    }

    @Override
    public Object from(GtidSet set) {
      return parse(set.toString());
    }

    @Override
    public GtidSet toGtidSet(Object set) {
      return GtidSet.parse(set.toString());
    }
  }

  /** Debezium's {@code MySqlGtidSet} (debezium-connector-mysql): parse, format, subtract, isContainedWithin. */
  static final class Debezium implements Peer {
    @Override
    public Optional<String> unsupported(Op op) {
      return switch (op) {
        case UNION -> Optional.of("MySqlGtidSet.with() replaces a UUID's intervals by the other set's; it is not a union");
        case INTERSECTION -> Optional.of("MySqlGtidSet has no intersection");
        case STREAMING_ADD -> Optional.of("MySqlGtidSet is immutable and has no add; Debezium adds to the binlog connector's GtidSet");
        default -> Optional.empty();
      };
    }

    @Override
    public Optional<String> notMeasured(Op op, Shape shape) {
      if (shape == Shape.UUIDS_1_X_1000000 && (op == Op.SUBTRACT || op == Op.IS_SUBSET_OF || op == Op.PARSE
          || op == Op.FORMAT)) {
        return BinlogConnectorLimits.notMeasured("debezium", op, shape);
      }
      return Optional.empty();
    }

    @Override
    public Object parse(String text) {
      return new MySqlGtidSet(text);
    }

    @Override
    public String format(Object set) {
      return set.toString();
    }

    @Override
    public Object subtract(Object a, Object b) {
      return ((MySqlGtidSet) a).subtract((MySqlGtidSet) b);
    }

    @Override
    public boolean isSubsetOf(Object a, Object b) {
      return ((MySqlGtidSet) a).isContainedWithin((MySqlGtidSet) b);
    }

    @Override
    public Object from(GtidSet set) {
      return parse(set.toString());
    }

    @Override
    public GtidSet toGtidSet(Object set) {
      return GtidSet.parse(set.toString());
    }
  }

  /** The original binlog connector (com.zendesk), loaded in a class loader of its own. */
  static final class ZendeskBinlog implements Peer {
    @Override
    public Optional<String> unsupported(Op op) {
      return switch (op) {
        case UNION, SUBTRACT, INTERSECTION -> Optional.of("GtidSet has no union, subtract or intersection");
        default -> Optional.empty();
      };
    }

    @Override
    public Optional<String> notMeasured(Op op, Shape shape) {
      return BinlogConnectorLimits.notMeasured("zendesk-binlog", op, shape);
    }

    @Override
    public Object parse(String text) {
      return ZendeskGtidSet.parse(text);
    }

    @Override
    public String format(Object set) {
      return set.toString();
    }

    @Override
    public boolean isSubsetOf(Object a, Object b) {
      return ZendeskGtidSet.isContainedWithin(a, b);
    }

    @Override
    public Object stream(UUID uuid, int count) {
      Object s = ZendeskGtidSet.parse("");
      for (int i = 0; i < count; i++) {
        ZendeskGtidSet.addGtid(s, uuid, Shape.streamGno(i));
      }
      return s;
    }

    @Override
    public Object from(GtidSet set) {
      return parse(set.toString());
    }

    @Override
    public GtidSet toGtidSet(Object set) {
      return GtidSet.parse(set.toString());
    }
  }

  /** Guava: a {@code TreeRangeSet<Long>} of closed-open ranges per UUID. */
  static final class Guava implements Peer {
    @Override
    public Optional<String> unsupported(Op op) {
      return switch (op) {
        case PARSE, FORMAT -> Optional.of("no GTID text parser or formatter");
        case INTERSECTION -> Optional.of("RangeSet has no intersection of two range sets");
        default -> Optional.empty();
      };
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, TreeRangeSet<Long>> cast(Object o) {
      return (Map<UUID, TreeRangeSet<Long>>) o;
    }

    @Override
    public Object union(Object a, Object b) {
      Map<UUID, TreeRangeSet<Long>> out = new HashMap<>();
      cast(a).forEach((u, r) -> out.put(u, TreeRangeSet.create(r)));
      cast(b).forEach((u, r) -> {
        TreeRangeSet<Long> mine = out.get(u);
        if (mine == null) {
          out.put(u, TreeRangeSet.create(r));
        } else {
          mine.addAll(r);
        }
      });
      return out;
    }

    @Override
    public Object subtract(Object a, Object b) {
      Map<UUID, TreeRangeSet<Long>> out = new HashMap<>();
      Map<UUID, TreeRangeSet<Long>> other = cast(b);
      cast(a).forEach((u, r) -> {
        TreeRangeSet<Long> copy = TreeRangeSet.create(r);
        TreeRangeSet<Long> minus = other.get(u);
        if (minus != null) {
          copy.removeAll(minus);
        }
        if (!copy.isEmpty()) {
          out.put(u, copy);
        }
      });
      return out;
    }

    @Override
    public boolean isSubsetOf(Object a, Object b) {
      Map<UUID, TreeRangeSet<Long>> other = cast(b);
      for (Map.Entry<UUID, TreeRangeSet<Long>> e : cast(a).entrySet()) {
        RangeSet<Long> sup = other.get(e.getKey());
        if (sup == null || !sup.enclosesAll(e.getValue())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Object stream(UUID uuid, int count) {
      Map<UUID, TreeRangeSet<Long>> out = new HashMap<>();
      for (int i = 0; i < count; i++) {
        long g = Shape.streamGno(i);
        out.computeIfAbsent(uuid, x -> TreeRangeSet.create()).add(Range.closedOpen(g, g + 1));
      }
      return out;
    }

    @Override
    public Object from(GtidSet set) {
      Map<UUID, TreeRangeSet<Long>> out = new HashMap<>();
      set.forEachInterval((msb, lsb, tag, start, end) ->
          out.computeIfAbsent(new UUID(msb, lsb), x -> TreeRangeSet.create()).add(Range.closedOpen(start, end + 1)));
      return out;
    }

    @Override
    public GtidSet toGtidSet(Object set) {
      GtidSet.Builder b = GtidSet.builder();
      cast(set).forEach((u, r) -> r.asRanges().forEach(x -> b.addInterval(u, x.lowerEndpoint(), x.upperEndpoint() - 1)));
      return b.build();
    }
  }

  /** RoaringBitmap: a run-optimised {@code Roaring64NavigableMap} per UUID. */
  static final class Roaring implements Peer {
    @Override
    public Optional<String> unsupported(Op op) {
      return switch (op) {
        case PARSE, FORMAT -> Optional.of("no GTID text parser or formatter");
        case IS_SUBSET_OF -> Optional.of("Roaring64NavigableMap has no subset test (only contains(long))");
        default -> Optional.empty();
      };
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, Roaring64NavigableMap> cast(Object o) {
      return (Map<UUID, Roaring64NavigableMap>) o;
    }

    @Override
    public Object union(Object a, Object b) {
      Map<UUID, Roaring64NavigableMap> out = new HashMap<>();
      cast(a).forEach((u, r) -> out.put(u, r.clone()));
      cast(b).forEach((u, r) -> {
        Roaring64NavigableMap mine = out.get(u);
        if (mine == null) {
          out.put(u, r.clone());
        } else {
          mine.or(r);
        }
      });
      return out;
    }

    @Override
    public Object subtract(Object a, Object b) {
      Map<UUID, Roaring64NavigableMap> out = new HashMap<>();
      Map<UUID, Roaring64NavigableMap> other = cast(b);
      cast(a).forEach((u, r) -> {
        Roaring64NavigableMap copy = r.clone();
        Roaring64NavigableMap minus = other.get(u);
        if (minus != null) {
          copy.andNot(minus);
        }
        if (!copy.isEmpty()) {
          out.put(u, copy);
        }
      });
      return out;
    }

    @Override
    public Object intersection(Object a, Object b) {
      Map<UUID, Roaring64NavigableMap> out = new HashMap<>();
      Map<UUID, Roaring64NavigableMap> other = cast(b);
      cast(a).forEach((u, r) -> {
        Roaring64NavigableMap with = other.get(u);
        if (with != null) {
          Roaring64NavigableMap copy = r.clone();
          copy.and(with);
          if (!copy.isEmpty()) {
            out.put(u, copy);
          }
        }
      });
      return out;
    }

    @Override
    public Object stream(UUID uuid, int count) {
      Map<UUID, Roaring64NavigableMap> out = new HashMap<>();
      for (int i = 0; i < count; i++) {
        out.computeIfAbsent(uuid, x -> new Roaring64NavigableMap()).addLong(Shape.streamGno(i));
      }
      out.values().forEach(Roaring64NavigableMap::runOptimize);
      return out;
    }

    @Override
    public Object from(GtidSet set) {
      Map<UUID, Roaring64NavigableMap> out = new HashMap<>();
      set.forEachInterval((msb, lsb, tag, start, end) ->
          out.computeIfAbsent(new UUID(msb, lsb), x -> new Roaring64NavigableMap()).addRange(start, end + 1));
      out.values().forEach(Roaring64NavigableMap::runOptimize);
      return out;
    }

    @Override
    public GtidSet toGtidSet(Object set) {
      GtidSet.Builder b = GtidSet.builder();
      cast(set).forEach((u, r) -> r.forEach(g -> b.add(u, g)));
      return b.build();
    }
  }
}
