package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response of the simulator. */
record HttpReply(int status, Map<String, String> headers, String body) {
  static HttpReply json(int status, JsonNode body) {
    return new HttpReply(status, Map.of("Content-Type", "application/json; charset=utf-8"), JsonText.compact(body));
  }

  static HttpReply text(int status, String body) {
    return new HttpReply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
  }

  static HttpReply empty(int status) {
    return new HttpReply(status, Map.of(), "");
  }

  static HttpReply redirect(String location) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Location", location);
    h.put("Content-Type", "text/html; charset=utf-8");
    return new HttpReply(307, h, "<a href=\"" + location + "\">Temporary Redirect</a>.\n\n");
  }
}
