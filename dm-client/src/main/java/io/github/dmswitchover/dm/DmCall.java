package io.github.dmswitchover.dm;

import java.util.Objects;

/**
 * One call the client makes to DM, as {@link DmEventListener} sees it: an HTTP request or a dmctl
 * run. An operation may make several calls (listing tasks, then their status).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id a number unique within the client, increasing
 * @param operation the operation the call serves
 * @param surface the surface used
 * @param request what is asked, e.g. {@code GET /apis/v1alpha1/status/orders} or {@code dmctl query-status orders}
 */
public record DmCall(long id, DmOperation operation, Surface surface, String request) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public DmCall {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(request, "request");
  }
}
