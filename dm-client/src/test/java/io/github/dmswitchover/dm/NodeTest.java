package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NodeTest {
  @Test
  void int64_asStringOrNumber() {
    Node n = Json.object("{\"a\":\"12\",\"b\":12,\"c\":null,\"d\":\"-3\"}", "t");
    assertThat(n.int64("a")).isEqualTo(OptionalLong.of(12));
    assertThat(n.int64("b")).isEqualTo(OptionalLong.of(12));
    assertThat(n.int64("c")).isEmpty();
    assertThat(n.int64("missing")).isEmpty();
    assertThat(n.int64("d")).isEqualTo(OptionalLong.of(-3));
  }

  @Test
  void uint64_aboveLongMax() {
    Node n = Json.object("{\"id\":\"18446744073709551615\",\"n\":18446744073709551615,\"bad\":\"-1\"}", "t");
    assertThat(n.uint64("id")).contains(new BigInteger("18446744073709551615"));
    assertThat(n.uint64("n")).contains(new BigInteger("18446744073709551615"));
    assertThatThrownBy(() -> n.uint64("bad")).isInstanceOf(DmDecodeException.class);
  }

  @Test
  void wrongType_isADecodeErrorNamingThePointer() {
    Node n = Json.object("{\"sources\":[{\"sync\":{\"synced\":\"yes\"}}]}", "query-status t");
    Node sync = n.array("sources").get(0).object("sync").orElseThrow();
    assertThatThrownBy(() -> sync.bool("synced")).isInstanceOfSatisfying(DmDecodeException.class, e -> {
      assertThat(e.path()).isEqualTo("/sources/0/sync/synced");
      assertThat(e.problem()).isEqualTo("expected a boolean, got a string");
      assertThat(e.getMessage()).startsWith("cannot read query-status t at /sources/0/sync/synced");
    });
    assertThatThrownBy(() -> n.text("sources")).isInstanceOf(DmDecodeException.class);
    assertThatThrownBy(() -> Json.object("{\"a\":\"x1\"}", "t").int64("a")).isInstanceOf(DmDecodeException.class);
  }

  @Test
  void strictJson_rejectsTrailingContentAndNonObjects() {
    assertThatThrownBy(() -> Json.object("{} {}", "t")).isInstanceOf(DmDecodeException.class);
    assertThatThrownBy(() -> Json.object("[1]", "t")).isInstanceOf(DmDecodeException.class)
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> Json.object("", "t")).isInstanceOf(DmDecodeException.class).hasMessageContaining("empty");
  }
}
