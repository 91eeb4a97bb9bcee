package io.github.dmswitchover.dm;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DM-master member. Its etcd member id is a uint64, often above {@link Long#MAX_VALUE}, hence a
 * {@link BigInteger}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the master's name
 * @param memberId the etcd member id (the OpenAPI does not print it)
 * @param alive whether it answers
 * @param peerUrls its peer URLs (the OpenAPI prints the first one as {@code addr})
 * @param clientUrls its client URLs (empty from the OpenAPI)
 */
public record MasterMember(String name, Optional<BigInteger> memberId, boolean alive, List<String> peerUrls,
    List<String> clientUrls) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public MasterMember {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(memberId, "memberId");
    peerUrls = List.copyOf(peerUrls);
    clientUrls = List.copyOf(clientUrls);
  }
}
