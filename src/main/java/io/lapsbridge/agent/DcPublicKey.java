package io.lapsbridge.agent;

import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.gkdi.GetKeyClient;
import io.lapsbridge.rpc.gkdi.GroupKeyCache;
import io.lapsbridge.rpc.gkdi.OnlineGroupKeys;
import io.lapsbridge.rpc.ntlm.Keytab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The group public key from a DC, as Windows clients get it to encrypt (#14): MS-GKDI GetKey
 * with L0 = L1 = L2 = -1 and no root key, which any authenticated caller may make. The agent
 * authenticates with NTLM as the machine account, whose NT hash is the RC4-HMAC key of its keytab
 * (RFC 4757); AES-only keytabs have none, and then the published key file is used instead.
 */
final class DcPublicKey {
  /** One short timeout per unreachable server: an agent without RPC access falls back quickly. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** The key, and the endpoint mapper ({@code host:port}) that gave it. */
  record Fetched(GroupPublicKey key, String server) {}

  /** Fetched, or why not (never key material). */
  record Result(Optional<Fetched> fetched, String whyNot) {
    static Result failed(String whyNot) {
      return new Result(Optional.empty(), whyNot);
    }
  }

  private DcPublicKey() {}

  /**
   * The machine account's NTLM credentials: the newest RC4-HMAC key of {@code account} (the user
   * part, e.g. {@code WS01$}, or a full {@code WS01$@REALM}) in {@code keytab}; the realm of its
   * principal is the NTLM domain. Empty, with the reason, when the keytab cannot be read or has
   * no such key.
   */
  static Optional<RpcCredentials.NtHashKey> machineCredentials(Path keytab, String account,
      List<String> whyNot) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(keytab);
    } catch (IOException | SecurityException e) {
      whyNot.add("cannot read the keytab " + keytab + " (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
    List<Keytab.Entry> entries;
    try {
      entries = Keytab.parse(bytes);
    } catch (RpcException e) {
      whyNot.add("the keytab " + keytab + " is not readable: " + e.getMessage());
      return Optional.empty();
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    String wanted = account.toLowerCase(Locale.ROOT);
    Optional<Keytab.Entry> rc4 = entries.stream()
        .filter(e -> e.enctype() == Keytab.ENCTYPE_RC4_HMAC)
        .filter(e -> {
          String principal = e.principal().toLowerCase(Locale.ROOT);
          return wanted.contains("@") ? principal.equals(wanted)
              : principal.startsWith(wanted + "@");
        })
        .max(Comparator.comparingInt(Keytab.Entry::kvno));
    if (rc4.isEmpty()) {
      whyNot.add("no RC4-HMAC key for " + account + " in the keytab " + keytab
          + " (NTLM needs the account's NT hash)");
      return Optional.empty();
    }
    String principal = rc4.get().principal();
    byte[] hash = rc4.get().key();
    try {
      return Optional.of(new RpcCredentials.NtHashKey(
          principal.substring(0, principal.indexOf('@')),
          principal.substring(principal.indexOf('@') + 1), hash));
    } catch (IllegalArgumentException e) {
      // An empty realm: there is no NTLM domain to name.
      whyNot.add("the keytab principal " + principal + " has no realm to use as the NTLM domain");
      return Optional.empty();
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }

  /**
   * Asks the servers of {@code connection} in order (the domain's DNS name when it discovers
   * them) for the public key of {@code sid}; the first that answers decides.
   */
  static Result fetch(AgentConnection connection, int rpcPort, RpcCredentials credentials,
      String sid) {
    List<String> hosts = hosts(connection);
    List<String> failures = new ArrayList<>();
    for (String host : hosts) {
      String server = host + ":" + rpcPort;
      try (OnlineGroupKeys keys = new OnlineGroupKeys(
          new GetKeyClient(new GetKeyClient.Endpoint(host, rpcPort, CONNECT_TIMEOUT,
              connection.timeout()), credentials, new SecureRandom(), Clock.systemUTC()),
          new GroupKeyCache(), host)) {
        return new Result(Optional.of(new Fetched(
            keys.publicKey(new SidProtectionDescriptor(sid)), server)), "");
      } catch (LapsCryptoException e) {
        failures.add(server + ": " + e.getMessage());
        if (e.reason() != LapsCryptoException.Reason.KEY_SOURCE_UNAVAILABLE) {
          // The DC answered and refused: another DC of the same domain would say the same.
          break;
        }
      }
    }
    return Result.failed("GetKey failed (" + String.join("; ", failures) + ")");
  }

  /** The host of each {@code host}, {@code host:port} or {@code [v6]:port} server entry. */
  static List<String> hosts(AgentConnection connection) {
    if (connection.servers().isEmpty()) {
      // A domain's DNS name resolves to its DCs, which is how Windows finds one too.
      return List.of(connection.domain().orElseThrow());
    }
    List<String> hosts = new ArrayList<>();
    for (String entry : connection.servers()) {
      String s = entry.strip();
      if (s.startsWith("[")) {
        hosts.add(s.substring(1, s.indexOf(']')));
      } else if (s.indexOf(':') == s.lastIndexOf(':') && s.contains(":")) {
        hosts.add(s.substring(0, s.indexOf(':')));
      } else {
        hosts.add(s);
      }
    }
    return hosts;
  }
}
