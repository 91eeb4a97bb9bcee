package io.github.dmswitchover.switchover;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Switchover ids: sortable by time, unique ({@code so-20261121T141500Z-3f9a1c2e}). */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Ids() {}

  static String next(Clock clock) {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return "so-" + TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
  }
}
