package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One DM error, whichever of DM's forms it came in: the DM 1.0.0–1.0.1 object
 * {@code {"Type", "msg"}}, the 1.0.2–1.0.7 object with a nested {@code "error"} whose class, scope
 * and level are integers, the 2.0+ object {@code {ErrCode, ErrClass, ErrScope, ErrLevel, Message,
 * RawCause, Workaround}}, or a line of the OpenAPI's flattened {@code error_msg}
 * ({@code [code=46018:class=scheduler:scope=internal:level=medium], Message: …, Workaround: …};
 * v6.0/6.1 print only the message). Parts DM did not give are empty.
 *
 * <pre>{@code
 * DmError e = DmError.parseFlattened("[code=46018:class=scheduler:scope=internal:level=medium], "
 *     + "Message: task with name t not exist, Workaround: Please use `query-status` command to see tasks.");
 * e.code();        // OptionalInt[46018]
 * e.workaround();  // Optional[Please use `query-status` command to see tasks.]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param code DM's error code ({@code ErrCode}), e.g. 36069
 * @param errClass the class, e.g. {@code sync-unit}; DM 1.0.2–1.0.7 print it as a number, kept as text
 * @param scope the scope, e.g. {@code upstream}
 * @param level the level, e.g. {@code high}
 * @param message the message ({@code Message}, or DM 1.0's {@code msg}), masked; {@code ""} if none
 * @param rawCause the underlying cause, e.g. the MySQL error text
 * @param workaround DM's advice
 * @param type DM 1.0's error type, e.g. {@code ExecSQL}
 */
public record DmError(OptionalInt code, Optional<String> errClass, Optional<String> scope, Optional<String> level,
    String message, Optional<String> rawCause, Optional<String> workaround, Optional<String> type) {

  /**
   * Checks the fields and masks passwords in the texts.
   *
   * @throws NullPointerException if a field is null
   */
  public DmError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(errClass, "errClass");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(level, "level");
    message = Secrets.mask(Objects.requireNonNull(message, "message"));
    rawCause = Objects.requireNonNull(rawCause, "rawCause").map(Secrets::mask);
    workaround = Objects.requireNonNull(workaround, "workaround");
    Objects.requireNonNull(type, "type");
  }

  /**
   * Returns an error that has only a message (DM's plain-text refusals).
   *
   * @param message the message
   * @return the error
   */
  public static DmError ofMessage(String message) {
    return new DmError(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), message,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Reads one line of DM's flattened form ({@code [code=…:class=…:scope=…:level=…], Message: …[,
   * RawCause: …][, Workaround: …]}); text in another form becomes a message-only error. Text before
   * the bracket (such as gRPC's {@code rpc error: code = Unknown desc = }) is dropped.
   *
   * @param line the text
   * @return the error
   */
  public static DmError parseFlattened(String line) {
    Objects.requireNonNull(line, "line");
    return ErrorTexts.parseLine(line);
  }

  /**
   * Returns the error in DM's flattened form, e.g.
   * {@code [code=36069:class=sync-unit:scope=upstream:level=high], Message: …}; just the message
   * when there is no code.
   *
   * @return the text, masked
   */
  public String flattened() {
    if (code.isEmpty()) {
      return type.map(t -> t + ": ").orElse("") + message;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("[code=").append(code.getAsInt()).append(":class=").append(errClass.orElse(""))
        .append(":scope=").append(scope.orElse("")).append(":level=").append(level.orElse(""))
        .append("], Message: ").append(message);
    rawCause.filter(s -> !s.isEmpty()).ifPresent(r -> sb.append(", RawCause: ").append(r));
    workaround.filter(s -> !s.isEmpty()).ifPresent(w -> sb.append(", Workaround: ").append(w));
    return sb.toString();
  }

  /**
   * Returns {@link #flattened()}.
   *
   * @return the text, masked
   */
  @Override
  public String toString() {
    return flattened();
  }
}
