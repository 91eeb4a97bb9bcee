package io.github.dmswitchover.testkit.dm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void jsonpb_fourSpaceIndent_emptyArrayOnTwoLines() {
    ObjectNode n = JsonText.object();
    n.put("result", true);
    n.putArray("subTaskStatus");
    n.putObject("o").put("k", "v");
    assertThat(JsonText.jsonpb(n)).isEqualTo("{\n    \"result\": true,\n    \"subTaskStatus\": [\n    ],\n    \"o\": {\n        \"k\": \"v\"\n    }\n}");
  }

  @Test
  void goIndent_emptyArrayInline() {
    ObjectNode n = JsonText.object();
    n.putArray("tasks");
    assertThat(JsonText.goIndent(n)).isEqualTo("{\n    \"tasks\": []\n}");
  }

  @Test
  void compact_escapesAsGoDoes() {
    ObjectNode n = JsonText.object();
    n.put("m", "a<b>&\"c\"\n");
    assertThat(JsonText.compact(n)).isEqualTo("{\"m\":\"a\\u003cb\\u003e\\u0026\\\"c\\\"\\n\"}");
  }
}
