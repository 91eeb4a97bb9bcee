package io.github.dmswitchover.dm;

/**
 * DM's answer was not understood: not JSON, JSON with duplicate keys or invalid literals, or a
 * value of the wrong type at some path. The whole answer is rejected; no partial result is
 * returned.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DmDecodeException extends DmException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param what the answer being read, e.g. {@code query-status orders (gateway)}
   * @param path the JSON pointer of the offending value ({@code ""} for the document)
   * @param problem what was not understood, already masked
   * @param cause the parser's exception, if any
   */
  public DmDecodeException(String what, String path, String problem, Throwable cause) {
    super("cannot read " + what + " at " + (path.isEmpty() ? "the document root" : path) + ": " + problem, cause);
    this.path = path;
    this.problem = problem;
  }

  /**
   * Returns the JSON pointer of the value that was not understood, e.g.
   * {@code /sources/1/subTaskStatus/0/sync/synced}.
   *
   * @return the pointer, {@code ""} for the document itself
   */
  public String path() {
    return path;
  }

  /**
   * Returns what was not understood.
   *
   * @return the problem, e.g. {@code duplicate field "unresolvedGroups"}
   */
  public String problem() {
    return problem;
  }
}
