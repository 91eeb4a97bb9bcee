package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class GtidFormatExceptionTest {
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  @Test
  void message_namesKindOffsetAndMarkedExcerpt() {
    GtidFormatException e = catchThrowableOfType(GtidFormatException.class, () -> GtidSet.parse(U + ":1-2:0x5"));
    assertThat(e.kind()).isEqualTo(GtidFormatException.Kind.MALFORMED_NUMBER);
    assertThat(e.offset()).isEqualTo(41);
    assertThat(e.excerpt()).isEqualTo("\"...-11e1-9e33-c80aa9429562:1-2:[HERE]0x5\"");
    assertThat(e.getMessage()).contains("MALFORMED_NUMBER", "offset 41", e.excerpt());
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void excerpt_hugeInput_showsAtMostAboutSixtyCharacters() {
    String huge = U + ":1" + ":3".repeat(100_000) + ":x!" + ":5".repeat(100_000);
    GtidFormatException e = catchThrowableOfType(GtidFormatException.class, () -> GtidSet.parse(huge));
    assertThat(e.kind()).isEqualTo(GtidFormatException.Kind.UNEXPECTED_CHARACTER);
    assertThat(e.excerpt().replace("[HERE]", "").replace("...", "").length()).isLessThanOrEqualTo(62);
    assertThat(e.getMessage().length()).isLessThan(200);
  }

  @Test
  void excerpt_controlCharacters_areEscaped() {
    GtidFormatException e = catchThrowableOfType(GtidFormatException.class, () -> GtidSet.parse("\n\t\u0001x"));
    assertThat(e.offset()).isEqualTo(2);
    assertThat(e.excerpt()).isEqualTo("\"\\n\\t[HERE]\\u0001x\"");
  }

  @Test
  void offset_endOfInput_isTheLength() {
    GtidFormatException e = catchThrowableOfType(GtidFormatException.class, () -> GtidSet.parse(U + ":"));
    assertThat(e.offset()).isEqualTo(37);
    assertThat(e.excerpt()).endsWith(":[HERE]\"");
  }
}
