package io.github.dmswitchover.dm;

/**
 * One of DM-master's control surfaces. {@link DmClient} picks one per operation and DM version
 * unless a surface is forced with {@link DmClient.Builder#withSurface(Surface)}.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Surface {
  /** The gRPC-gateway HTTP surface {@code /apis/v1alpha1/...} (DM 2.0+): dmctl's JSON over HTTP. */
  GATEWAY("gateway /apis/v1alpha1"),
  /** The OpenAPI surface {@code /api/v1/...} (DM 5.3+, only with {@code openapi = true}). */
  OPENAPI("OpenAPI /api/v1"),
  /** The {@code dmctl} binary run as a subprocess (every version; the only way on DM 1.0). */
  DMCTL("dmctl");

  private final String label;

  Surface(String label) {
    this.label = label;
  }

  /**
   * Returns a short human-readable name, e.g. {@code OpenAPI /api/v1}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }
}
