package io.lapsbridge.rpc;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;

/**
 * Who calls: a user, the domain NTLM should authenticate in (NetBIOS or DNS name) and the
 * password. Built from the same bind identity the LDAP side takes, {@code user@domain} or
 * <code>DOMAIN&#92;user</code>. Only the names ever print.
 */
public record RpcCredentials(String user, String domain, Secret password) {
  public RpcCredentials {
    if (user == null || user.isBlank() || domain == null || domain.isBlank() || password == null) {
      throw new IllegalArgumentException("a user, a domain and a password are needed");
    }
  }

  /**
   * Reads {@code user@domain} or <code>DOMAIN&#92;user</code>.
   *
   * @throws IllegalArgumentException for any other form (a DN has no NTLM equivalent)
   */
  public static RpcCredentials parse(String identity, Secret password) {
    if (identity == null) {
      throw new IllegalArgumentException("no identity given");
    }
    int backslash = identity.indexOf('\\');
    if (backslash > 0 && backslash < identity.length() - 1 && identity.indexOf('\\', backslash + 1) < 0) {
      return new RpcCredentials(
          identity.substring(backslash + 1), identity.substring(0, backslash), password);
    }
    int at = identity.lastIndexOf('@');
    if (at > 0 && at < identity.length() - 1 && backslash < 0) {
      return new RpcCredentials(identity.substring(0, at), identity.substring(at + 1), password);
    }
    throw new IllegalArgumentException(
        "'" + identity + "' is not user@domain or DOMAIN\\user, which NTLM needs");
  }

  /** The NT hash of the password; the caller wipes it. */
  public byte[] ntHash() {
    return NtHash.of(password);
  }

  /** <code>DOMAIN&#92;user</code>; never the password. */
  public String display() {
    return domain + "\\" + user;
  }

  @Override
  public String toString() {
    return "RpcCredentials[" + display() + "]";
  }
}
