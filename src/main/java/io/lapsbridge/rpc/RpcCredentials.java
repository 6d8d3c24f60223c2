package io.lapsbridge.rpc;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;

/**
 * Who calls, as NTLM needs it: a user, the domain to authenticate in (NetBIOS or DNS name) and
 * what proves it. A person gives a password ({@link Password}, from the same bind identity the
 * LDAP side takes, {@code user@domain} or <code>DOMAIN&#92;user</code>); a machine may give the
 * NT hash its keytab holds as the RC4-HMAC key ({@link NtHashKey}). Only names ever print.
 */
public sealed interface RpcCredentials permits RpcCredentials.Password, RpcCredentials.NtHashKey {
  String user();

  String domain();

  /** The NT hash NTLM derives from; the caller wipes it. */
  byte[] ntHash();

  /** <code>DOMAIN&#92;user</code>; never the secret. */
  default String display() {
    return domain() + "\\" + user();
  }

  /**
   * Reads {@code user@domain} or <code>DOMAIN&#92;user</code>.
   *
   * @throws IllegalArgumentException for any other form (a DN has no NTLM equivalent)
   */
  static Password parse(String identity, Secret password) {
    if (identity == null) {
      throw new IllegalArgumentException("no identity given");
    }
    int backslash = identity.indexOf('\\');
    if (backslash > 0 && backslash < identity.length() - 1
        && identity.indexOf('\\', backslash + 1) < 0) {
      return new Password(
          identity.substring(backslash + 1), identity.substring(0, backslash), password);
    }
    int at = identity.lastIndexOf('@');
    if (at > 0 && at < identity.length() - 1 && backslash < 0) {
      return new Password(identity.substring(0, at), identity.substring(at + 1), password);
    }
    throw new IllegalArgumentException(
        "'" + identity + "' is not user@domain or DOMAIN\\user, which NTLM needs");
  }

  /** A password, turned into the NT hash when a bind needs it. */
  record Password(String user, String domain, Secret password) implements RpcCredentials {
    public Password {
      requireNames(user, domain);
      if (password == null) {
        throw new IllegalArgumentException("a password is needed");
      }
    }

    @Override
    public byte[] ntHash() {
      return NtHash.of(password);
    }

    @Override
    public String toString() {
      return "RpcCredentials[" + display() + "]";
    }
  }

  /** An NT hash held as a key, such as a keytab's RC4-HMAC key of the machine account. */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, never printed
  record NtHashKey(String user, String domain, byte[] ntHash) implements RpcCredentials {
    public NtHashKey {
      requireNames(user, domain);
      if (ntHash == null || ntHash.length != NtHash.LENGTH) {
        throw new IllegalArgumentException("an NT hash is 16 bytes");
      }
      ntHash = ntHash.clone();
    }

    @Override
    public byte[] ntHash() {
      return ntHash.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NtHashKey k && user.equals(k.user) && domain.equals(k.domain)
          && java.security.MessageDigest.isEqual(ntHash, k.ntHash);
    }

    @Override
    public int hashCode() {
      return user.hashCode() * 31 + domain.hashCode();
    }

    @Override
    public String toString() {
      return "RpcCredentials[" + display() + ", NT hash key]";
    }
  }

  private static void requireNames(String user, String domain) {
    if (user == null || user.isBlank() || domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("a user and a domain are needed");
    }
  }
}
