package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DM release as {@code GET /status} reports it ({@code Release Version: v8.5.7}), with the raw
 * text kept.
 *
 * <pre>{@code
 * DmVersion v = DmVersion.parseStatus("Release Version: v6.0.0\nGit Commit Hash: ...");
 * v.atLeast(6, 0, 0);   // true
 * v.text();             // "v6.0.0"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param major the major version (1, 2, 5, 6, 7, 8, 26, ...)
 * @param minor the minor version
 * @param patch the patch version
 * @param suffix what follows the numbers, e.g. {@code -nightly} or {@code -beta.1}; {@code ""} if none
 * @param text the release version as printed, e.g. {@code v8.5.7}
 * @param statusText the whole {@code /status} text (empty when the version was given directly)
 */
public record DmVersion(int major, int minor, int patch, String suffix, String text, String statusText) {
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(\\S*)");
  private static final Pattern RELEASE_LINE = Pattern.compile("(?m)^\\s*Release Version:\\s*(\\S+)\\s*$");
  /** A build after a tag: {@code git describe} output such as {@code -12-g8d7a4c46}, or a nightly. */
  private static final Pattern DEVELOPMENT_SUFFIX = Pattern.compile("(?i)(-\\d+-g[0-9a-f]{7,}.*|.*nightly.*|.*-dirty)");

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a number is negative
   * @throws NullPointerException if a text is null
   */
  public DmVersion {
    Objects.requireNonNull(suffix, "suffix");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(statusText, "statusText");
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative, got " + major + "." + minor + "." + patch);
    }
  }

  /**
   * Reads the body of {@code GET /status}.
   *
   * @param statusText the text DM-master served
   * @return the version, with {@code statusText} kept
   * @throws DmDecodeException if there is no {@code Release Version} line or it is not a version
   */
  public static DmVersion parseStatus(String statusText) {
    Objects.requireNonNull(statusText, "statusText");
    Matcher line = RELEASE_LINE.matcher(statusText);
    if (!line.find()) {
      throw new DmDecodeException("GET /status", "", "no \"Release Version:\" line in " + excerpt(statusText), null);
    }
    DmVersion v = parseOrNull(line.group(1), statusText);
    if (v == null) {
      throw new DmDecodeException("GET /status", "", "\"" + line.group(1) + "\" is not a release version", null);
    }
    return v;
  }

  /**
   * Reads a release version such as {@code v5.4.0} or {@code v2.0.0-rc.2}.
   *
   * @param text the version text
   * @return the version
   * @throws IllegalArgumentException if the text is not a version
   */
  public static DmVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    DmVersion v = parseOrNull(text.strip(), "");
    if (v == null) {
      throw new IllegalArgumentException("not a DM release version: \"" + text + "\"");
    }
    return v;
  }

  private static DmVersion parseOrNull(String text, String status) {
    Matcher m = VERSION.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      return new DmVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          m.group(4), text, status);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String excerpt(String s) {
    String one = s.strip().replace('\n', ' ');
    return "\"" + (one.length() > 80 ? one.substring(0, 80) + "…" : one) + "\"";
  }

  /**
   * Returns whether this release is at least {@code major.minor.patch} (suffixes are ignored).
   *
   * @param major the major version to compare with
   * @param minor the minor version
   * @param patch the patch version
   * @return true if this version's numbers are the same or higher
   */
  public boolean atLeast(int major, int minor, int patch) {
    if (this.major != major) {
      return this.major > major;
    }
    if (this.minor != minor) {
      return this.minor > minor;
    }
    return this.patch >= patch;
  }

  /**
   * Returns whether this is a development build made after its tag (a nightly, or a
   * {@code git describe} suffix such as {@code -12-g8d7a4c46}).
   *
   * @return true for such builds
   */
  public boolean isDevelopmentBuild() {
    return !suffix.isEmpty() && DEVELOPMENT_SUFFIX.matcher(suffix).matches();
  }

  /**
   * Returns whether this master is known to accept {@code DELETE /api/v1/tasks/{name}?keep_meta=true}
   * and keep the checkpoints. Older masters ignore the parameter and delete them, so the answer is
   * conservative: only development builds after v26.3.0 and releases from v26.4 on (DM-FACTS a.4:
   * the change is in no release tag yet, and a v26.3.x patch release may not carry it).
   *
   * @return true if keep_meta is safe to rely on
   */
  public boolean hasDeleteKeepMeta() {
    if (major > 26 || major == 26 && minor > 3) {
      return true;
    }
    return major == 26 && minor == 3 && isDevelopmentBuild();
  }

  /**
   * Returns the version as printed, e.g. {@code v8.5.7}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return text;
  }
}
