package io.github.dmswitchover.testkit.dm;

import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange a simulated master served, kept for contract tests and for tests that check
 * what their automation sent.
 *
 * @param master the master that served it
 * @param method the HTTP method
 * @param path the decoded path, e.g. {@code /api/v1/tasks/orders/stop}
 * @param query the raw query string, empty if none
 * @param requestHeaders the request headers
 * @param requestBody the request body, empty if none
 * @param status the response status
 * @param responseHeaders the response headers
 * @param responseBody the response body, empty if none
 */
public record RecordedExchange(String master, String method, String path, String query,
    Map<String, List<String>> requestHeaders, String requestBody, int status, Map<String, String> responseHeaders,
    String responseBody) {

  /** Returns whether this was an OpenAPI call ({@code /api/v1/...}). */
  public boolean isOpenApi() {
    return path.startsWith("/api/v1/");
  }

  /** Returns whether this was a gRPC-gateway call ({@code /apis/v1alpha1/...}). */
  public boolean isGateway() {
    return path.startsWith("/apis/v1alpha1/");
  }
}
