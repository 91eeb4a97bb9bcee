package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A binlog position as DM prints it, {@code (mysql-bin.000003, 4)}; when the syncer reads relay
 * logs the name carries the relay sub-directory suffix, {@code (mysql-bin|000002.000003, 4)}, which
 * is split off here.
 *
 * <pre>{@code
 * BinlogPosition.parse("(mysql-bin|000001.000006, 738)").get().file();   // "mysql-bin.000006"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param file the binlog file name without the relay suffix
 * @param position the offset in the file
 * @param relaySubDirSuffix the relay sub-directory suffix (2 for {@code |000002}), when present
 */
public record BinlogPosition(String file, long position, OptionalInt relaySubDirSuffix) {
  private static final Pattern TEXT = Pattern.compile("\\(\\s*([^,]*?)\\s*,\\s*(\\d+)\\s*\\)");
  private static final Pattern RELAY_NAME = Pattern.compile("(.*)\\|(\\d+)(\\.[^.|]*)");

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public BinlogPosition {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(relaySubDirSuffix, "relaySubDirSuffix");
  }

  /**
   * Reads DM's {@code (file, pos)} text.
   *
   * @param text the printed position
   * @return the position, or empty if the text is blank or not in that form
   */
  public static Optional<BinlogPosition> parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String name = m.group(1);
    long pos;
    try {
      pos = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Matcher r = RELAY_NAME.matcher(name);
    if (r.matches()) {
      return Optional.of(new BinlogPosition(r.group(1) + r.group(3), pos, OptionalInt.of(Integer.parseInt(r.group(2)))));
    }
    return Optional.of(new BinlogPosition(name, pos, OptionalInt.empty()));
  }
}
