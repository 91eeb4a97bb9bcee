package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The three generations of DM's error objects and the OpenAPI's flattened lines, into one model. */
class DmErrorTest {

  private static DmError object(String json) {
    return Decode.errorObject(Json.object(json, "error"));
  }

  @Test
  void v100_typeAndMsg_only() {
    DmError e = object("{\"Type\": \"UnknownError\", \"msg\": \"relay stopped\"}");
    assertThat(e.type()).contains("UnknownError");
    assertThat(e.message()).isEqualTo("relay stopped");
    assertThat(e.code()).isEmpty();
    assertThat(e.flattened()).isEqualTo("UnknownError: relay stopped");
  }

  @Test
  void v102to107_nestedErrorWithIntegerClassScopeLevel() {
    DmError e = object("{\"Type\": \"ExecSQL\", \"msg\": \"whole text\", \"error\": {\"ErrCode\": 10006, \"ErrClass\": 1,"
        + " \"ErrScope\": 3, \"ErrLevel\": 2, \"Message\": \"execute statement failed\", \"RawCause\": \"Error 1062\"}}");
    assertThat(e.code()).isEqualTo(OptionalInt.of(10006));
    assertThat(e.errClass()).contains("1");
    assertThat(e.scope()).contains("3");
    assertThat(e.level()).contains("2");
    assertThat(e.message()).isEqualTo("execute statement failed");
    assertThat(e.rawCause()).contains("Error 1062");
    assertThat(e.workaround()).isEmpty();
    assertThat(e.type()).contains("ExecSQL");
  }

  @Test
  void v20_terrorObject() {
    DmError e = object("{\"ErrCode\": 36069, \"ErrClass\": \"sync-unit\", \"ErrScope\": \"upstream\", \"ErrLevel\": \"high\","
        + " \"Message\": \"get binlog event error: x\", \"RawCause\": \"ERROR 1236 (HY000): purged\","
        + " \"Workaround\": \"Please check if the binlog file could be parsed by `mysqlbinlog`.\"}");
    assertThat(e.code()).isEqualTo(OptionalInt.of(36069));
    assertThat(e.flattened()).isEqualTo("[code=36069:class=sync-unit:scope=upstream:level=high], Message: get binlog event error:"
        + " x, RawCause: ERROR 1236 (HY000): purged, Workaround: Please check if the binlog file could be parsed by `mysqlbinlog`.");
    assertThat(e.type()).isEmpty();
  }

  @Test
  void flattened_roundTripsEveryPart() {
    String line = "[code=36069:class=sync-unit:scope=upstream:level=high], Message: get binlog event error: a, b, "
        + "RawCause: ERROR 1236 (HY000): x, Workaround: Please check, carefully.";
    DmError e = DmError.parseFlattened(line);
    assertThat(e.message()).isEqualTo("get binlog event error: a, b");
    assertThat(e.rawCause()).contains("ERROR 1236 (HY000): x");
    assertThat(e.workaround()).contains("Please check, carefully.");
    assertThat(e.flattened()).isEqualTo(line);
  }

  @Test
  void flattened_v62ErrorMsg_onePerLine() {
    List<DmError> errors = ErrorTexts.parseLines("[code=46018:class=scheduler:scope=internal:level=medium], Message: a\n"
        + "[code=10001:class=database:scope=not-set:level=high], Message: database driver error, RawCause: dial tcp: refused");
    assertThat(errors).extracting(e -> e.code().getAsInt()).containsExactly(46018, 10001);
    assertThat(errors.get(1).rawCause()).contains("dial tcp: refused");
    assertThat(errors.get(1).workaround()).isEmpty();
  }

  @Test
  void flattened_v60MessagesOnly_areMessageOnlyErrors() {
    List<DmError> errors = ErrorTexts.parseLines("get binlog event error: x\nsecond problem");
    assertThat(errors).extracting(DmError::message).containsExactly("get binlog event error: x", "second problem");
    assertThat(errors).allMatch(e -> e.code().isEmpty() && e.errClass().isEmpty());
  }

  @Test
  void flattened_afterGrpcPrefix_isFound() {
    DmError e = DmError.parseFlattened("rpc error: code = Unknown desc = [code=38043:class=dm-master:scope=internal:level=high],"
        + " Message: master is not leader, and can't forward request to leader");
    assertThat(e.code()).isEqualTo(OptionalInt.of(38043));
    assertThat(e.message()).isEqualTo("master is not leader, and can't forward request to leader");
  }

  @Test
  void messages_areMasked() {
    DmError e = object("{\"ErrCode\": 10001, \"Message\": \"connect root:hunter2@tcp(10.0.0.1:3306)/\","
        + " \"RawCause\": \"password: hunter2\"}");
    assertThat(e.toString()).doesNotContain("hunter2");
    assertThat(e.rawCause().orElseThrow()).doesNotContain("hunter2");
  }
}
