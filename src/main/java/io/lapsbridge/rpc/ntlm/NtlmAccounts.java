package io.lapsbridge.rpc.ntlm;

import java.util.Optional;

/** Where an {@link NtlmAcceptor} finds the NT hash of a user, as a DC's SAM does. */
@FunctionalInterface
public interface NtlmAccounts {
  /**
   * The NT hash of {@code user} in {@code domain} (a NetBIOS or DNS name, as the client sent it),
   * or empty when there is no such account. The acceptor wipes the array it is given.
   */
  Optional<byte[]> ntHash(String user, String domain);
}
