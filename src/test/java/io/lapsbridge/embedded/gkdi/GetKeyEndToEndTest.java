package io.lapsbridge.embedded.gkdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.gkdi.GetKeyClient;
import io.lapsbridge.rpc.gkdi.GetKeyRequest;
import io.lapsbridge.rpc.gkdi.GroupKeyCache;
import io.lapsbridge.rpc.gkdi.OnlineGroupKeys;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The GetKey client against the stand-in server over real TCP, without a directory: principals
 * are fixed here (the IT reads them from ApacheDS). Covers the reader, the ordinary user, a wrong
 * password, a dropped connection, a fault PDU, fragmented responses, the public-key request, a
 * past L0, a future key and an unreachable port.
 */
class GetKeyEndToEndTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String READER_PASSWORD = "reader-secret";
  static final Map<String, Principal> PRINCIPALS =
      Map.of(
          "helpdesk",
          new Principal("helpdesk", KdsFixture.DOMAIN_SID + "-1106",
              Set.of(KdsFixture.LAPS_READERS_SID), NtHash.of(Secret.of(READER_PASSWORD))),
          "ursula",
          new Principal("ursula", KdsFixture.DOMAIN_SID + "-1107", Set.of(),
              NtHash.of(Secret.of("user-secret"))),
          "ws01$",
          new Principal("WS01$", KdsFixture.DOMAIN_SID + "-1200", Set.of(),
              NtHash.of(Secret.of("Machine-Pw-01"))));
  static final PrincipalDirectory DIRECTORY =
      name -> Optional.ofNullable(PRINCIPALS.get(name.toLowerCase(java.util.Locale.ROOT)));
  static final List<KdsRootKey> ROOT_KEYS =
      List.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY), KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY));
  static final SidProtectionDescriptor READERS =
      new SidProtectionDescriptor(KdsFixture.LAPS_READERS_SID);

  static GetKeyServer.Config config() {
    return GetKeyServer.Config.loopback(ROOT_KEYS).withClock(CLOCK);
  }

  static GetKeyClient client(GetKeyServer server, String identity, String password) {
    return new GetKeyClient(
        new GetKeyClient.Endpoint(
            server.host(), server.epmPort(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
        RpcCredentials.parse(identity, Secret.of(password)), new SecureRandom(), CLOCK);
  }

  /** An encrypted value as a device writes it at {@code when} for {@code sid}. */
  static byte[] encrypted(String sid, Instant when, String password) throws LapsCryptoException {
    FileTime t = FileTime.of(when);
    GroupPublicKey key =
        GroupPublicKey.derive(
            KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY), new SidProtectionDescriptor(sid),
            GkdiInterval.of(t), "example.com", "example.com");
    return new LapsEncryptor(new SecureRandom())
        .encrypt(key, new WindowsLapsPasswordJson.Value("Administrator", t, Secret.of(password)));
  }

  @Test
  void readerDecryptsOnlineWithOneCallPerIntervalAndOlderOnesFromTheCache() throws Exception {
    byte[] newer = encrypted(KdsFixture.LAPS_READERS_SID, NOW.minusSeconds(3600), "Newest-1");
    byte[] older = encrypted(KdsFixture.LAPS_READERS_SID, NOW.minusSeconds(40 * 86400), "Older-2");
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        OnlineGroupKeys keys =
            new OnlineGroupKeys(
                client(server, "helpdesk@example.com", READER_PASSWORD), new GroupKeyCache(),
                server.host())) {
      LapsDecryptor decryptor = LapsDecryptor.using(keys);
      assertEquals("Newest-1", decryptor.decrypt(newer).password().reveal());
      assertEquals("Older-2", decryptor.decrypt(older).password().reveal());
      assertEquals("Newest-1", decryptor.decrypt(newer).password().reveal());
      // The first answer is the current interval's node: it derives both older values.
      assertEquals(1, server.getKeyCalls());
    }
  }

  @Test
  void ordinaryUserIsRefusedPerDescriptorAndAskedOnce() throws Exception {
    byte[] value = encrypted(KdsFixture.LAPS_READERS_SID, NOW.minusSeconds(3600), "Secret-3");
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        OnlineGroupKeys keys =
            new OnlineGroupKeys(
                client(server, "EXAMPLE\\ursula", "user-secret"), new GroupKeyCache(),
                server.host())) {
      LapsDecryptor decryptor = LapsDecryptor.using(keys);
      for (int i = 0; i < 2; i++) {
        LapsCryptoException e = assertThrows(LapsCryptoException.class, () -> decryptor.decrypt(value));
        assertEquals(LapsCryptoException.Reason.UNAUTHORIZED, e.reason());
        assertTrue(
            e.getMessage().startsWith(
                "not an authorized decryptor of " + KdsFixture.LAPS_READERS_SID + ": 127.0.0.1 "
                    + "refused EXAMPLE\\ursula: not an authorized decryptor (E_ACCESSDENIED "
                    + "(0x80070005))"),
            e.getMessage());
      }
      assertEquals(1, server.getKeyCalls());
    }
  }

  @Test
  void wrongPasswordIsAnAuthenticationFailure() throws Exception {
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        GetKeyClient client = client(server, "helpdesk@example.com", "not-the-password")) {
      RpcException e =
          assertThrows(
              RpcException.class,
              () -> client.getKey(request(KdsFixture.LAPS_READERS_SID)));
      assertEquals(RpcException.Kind.AUTHENTICATION_FAILED, e.kind());
      assertEquals(0, server.getKeyCalls());
    }
  }

  @Test
  void droppedConnectionMidCall() throws Exception {
    try (GetKeyServer server =
            GetKeyServer.start(
                config().withMisbehaviour(GetKeyServer.Misbehaviour.DROP_ON_GETKEY), DIRECTORY);
        GetKeyClient client = client(server, "helpdesk@example.com", READER_PASSWORD)) {
      RpcException e =
          assertThrows(RpcException.class, () -> client.getKey(request(KdsFixture.LAPS_READERS_SID)));
      assertEquals(RpcException.Kind.CONNECTION_DROPPED, e.kind());
    }
  }

  @Test
  void faultPdu() throws Exception {
    try (GetKeyServer server =
            GetKeyServer.start(
                config().withMisbehaviour(GetKeyServer.Misbehaviour.FAULT_ON_GETKEY), DIRECTORY);
        GetKeyClient client = client(server, "helpdesk@example.com", READER_PASSWORD)) {
      RpcException e =
          assertThrows(RpcException.class, () -> client.getKey(request(KdsFixture.LAPS_READERS_SID)));
      assertEquals(RpcException.Kind.FAULT, e.kind());
      assertEquals(0x1C00_0001, e.status());
      assertTrue(e.getMessage().contains("answered with fault 0x1c000001"), e.getMessage());
    }
  }

  @Test
  void fragmentedResponsesReassemble() throws Exception {
    // A DH envelope is about 850 bytes: 64-byte fragments make dozens of sealed PDUs.
    byte[] value = encrypted(KdsFixture.LAPS_READERS_SID, NOW.minusSeconds(3600), "Fragments-4");
    try (GetKeyServer server =
            GetKeyServer.start(config().withMaxResponseFragment(64), DIRECTORY);
        OnlineGroupKeys keys =
            new OnlineGroupKeys(
                client(server, "helpdesk@example.com", READER_PASSWORD), new GroupKeyCache(),
                server.host())) {
      assertEquals("Fragments-4", LapsDecryptor.using(keys).decrypt(value).password().reveal());
      GetKeyClient direct = client(server, "helpdesk@example.com", READER_PASSWORD);
      assertEquals(
          KdsFixture.DH_ROOT_KEY,
          direct.getKey(
                  new GetKeyRequest(READERS.securityDescriptor(), Optional.of(KdsFixture.DH_ROOT_KEY),
                      GkdiInterval.of(FileTime.of(NOW)).l0(), 0, 0))
              .rootKeyId());
      direct.close();
    }
  }

  @Test
  void anyUserGetsThePublicKeyAndTheReaderDecryptsWhatItEncrypts() throws Exception {
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        OnlineGroupKeys ursula =
            new OnlineGroupKeys(
                client(server, "ursula@example.com", "user-secret"), new GroupKeyCache(),
                server.host());
        OnlineGroupKeys reader =
            new OnlineGroupKeys(
                client(server, "helpdesk@example.com", READER_PASSWORD), new GroupKeyCache(),
                server.host())) {
      GroupPublicKey key = ursula.publicKey(READERS);
      assertEquals(KdsFixture.ECDH_ROOT_KEY, key.rootKeyId(), "the newest usable root key");
      assertEquals(GkdiInterval.of(FileTime.of(NOW)), key.interval());
      byte[] value =
          new LapsEncryptor(new SecureRandom())
              .encrypt(key, new WindowsLapsPasswordJson.Value("Administrator", FileTime.of(NOW),
                  Secret.of("Agent-5")));
      assertEquals("Agent-5", LapsDecryptor.using(reader).decrypt(value).password().reveal());
      // The reader's own public-key request gets seed keys; the public key still comes out.
      assertEquals(key.publicKey(), reader.publicKey(READERS).publicKey());
    }
  }

  /** The agent's case: the machine account asks with the RC4 key of its keytab, no password. */
  @Test
  void aMachineGetsThePublicKeyWithItsKeytabsRc4Key() throws Exception {
    byte[] keytab = java.nio.file.Files.readAllBytes(
        java.nio.file.Path.of("src/test/resources/keytab/ws01.keytab"));
    byte[] hash =
        io.lapsbridge.rpc.ntlm.Keytab.ntHash(
                io.lapsbridge.rpc.ntlm.Keytab.parse(keytab), "WS01$@EXAMPLE.COM")
            .orElseThrow();
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        OnlineGroupKeys machine =
            new OnlineGroupKeys(
                new GetKeyClient(
                    new GetKeyClient.Endpoint(server.host(), server.epmPort(),
                        Duration.ofSeconds(2), Duration.ofSeconds(5)),
                    new RpcCredentials.NtHashKey("WS01$", "EXAMPLE.COM", hash),
                    new SecureRandom(), CLOCK),
                new GroupKeyCache(), server.host())) {
      GroupPublicKey key = machine.publicKey(READERS);
      assertEquals(GkdiInterval.of(FileTime.of(NOW)), key.interval());
    }
  }

  @Test
  void pastL0IsServedFromAnL1OnlyEnvelope() throws Exception {
    Instant later = NOW.plus(Duration.ofDays(500));
    byte[] value = encrypted(KdsFixture.LAPS_READERS_SID, NOW, "Past-L0-6");
    try (GetKeyServer server =
            GetKeyServer.start(config().withClock(Clock.fixed(later, ZoneOffset.UTC)), DIRECTORY);
        GetKeyClient client = client(server, "helpdesk@example.com", READER_PASSWORD)) {
      GkdiInterval node = GkdiInterval.of(FileTime.of(NOW));
      var envelope =
          client.getKey(
              new GetKeyRequest(READERS.securityDescriptor(), Optional.of(KdsFixture.ECDH_ROOT_KEY),
                  node.l0(), node.l1(), node.l2()));
      assertEquals(List.of(node.l0(), 31, 31), List.of(envelope.l0(), envelope.l1(), envelope.l2()));
      assertEquals(0, envelope.l2Key().length);
      assertEquals(64, envelope.l1Key().length);
      assertEquals("Past-L0-6", LapsDecryptor.using(r -> envelope.deriveGroupKey(node)).decrypt(value).password().reveal());
    }
  }

  @Test
  void futureKeysAndUnknownRootKeysAreNoSuchKey() throws Exception {
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        GetKeyClient client = client(server, "helpdesk@example.com", READER_PASSWORD)) {
      GkdiInterval now = GkdiInterval.of(FileTime.of(NOW));
      RpcException future =
          assertThrows(RpcException.class, () -> client.getKey(
              new GetKeyRequest(READERS.securityDescriptor(), Optional.of(KdsFixture.ECDH_ROOT_KEY),
                  now.l0() + 1, 0, 0)));
      assertEquals(RpcException.Kind.NO_SUCH_KEY, future.kind());
      assertTrue(future.getMessage().contains("a key from the future"), future.getMessage());
      RpcException unknown =
          assertThrows(RpcException.class, () -> client.getKey(
              new GetKeyRequest(READERS.securityDescriptor(), Optional.of(KdsFixture.MISSING_ROOT_KEY),
                  now.l0(), 0, 0)));
      assertEquals(RpcException.Kind.NO_SUCH_KEY, unknown.kind());
      assertTrue(unknown.getMessage().contains("NTE_NO_KEY"), unknown.getMessage());
    }
  }

  @Test
  void unreachableEndpointMapperFailsOnceForTheWholeRun() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    GetKeyClient client =
        new GetKeyClient(
            new GetKeyClient.Endpoint("127.0.0.1", closed, Duration.ofMillis(500), Duration.ofSeconds(1)),
            RpcCredentials.parse("helpdesk@example.com", Secret.of(READER_PASSWORD)),
            new SecureRandom(), CLOCK);
    try (OnlineGroupKeys keys = new OnlineGroupKeys(client, new GroupKeyCache(), "127.0.0.1")) {
      LapsDecryptor decryptor = LapsDecryptor.using(keys);
      byte[] a = encrypted(KdsFixture.LAPS_READERS_SID, NOW, "x");
      byte[] b = encrypted(KdsFixture.DOMAIN_ADMINS_SID, NOW, "y");
      LapsCryptoException first = assertThrows(LapsCryptoException.class, () -> decryptor.decrypt(a));
      assertEquals(LapsCryptoException.Reason.KEY_SOURCE_UNAVAILABLE, first.reason());
      assertTrue(first.getMessage().startsWith("cannot connect to 127.0.0.1:" + closed), first.getMessage());
      LapsCryptoException second = assertThrows(LapsCryptoException.class, () -> decryptor.decrypt(b));
      assertTrue(second.getMessage().startsWith("not asked again: "), second.getMessage());
      assertEquals(1, client.calls());
    }
  }

  @Test
  void anUnauthenticatedGetKeyIsRefusedForItsLevel() throws Exception {
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        io.lapsbridge.rpc.dce.DceClient plain =
            io.lapsbridge.rpc.dce.DceClient.connect(
                server.host(), server.isdKeyPort(), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
      plain.bind(GetKeyRequest.ISDKEY, Optional.empty());
      RpcException e =
          assertThrows(RpcException.class,
              () -> plain.call(GetKeyRequest.OPNUM, request(KdsFixture.LAPS_READERS_SID).encode()));
      assertEquals(RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED, e.kind());
      assertEquals(0, server.getKeyCalls());
    }
  }

  @Test
  void prefers135AndFallsBackToAFreePort() throws Exception {
    try (GetKeyServer server =
        GetKeyServer.start(config().withEpmPort(GetKeyServer.Config.PREFER_135), DIRECTORY)) {
      // 135 when this process may bind it and nothing else holds it, else a free port.
      assertTrue(server.epmPort() == 135 || server.epmPort() > 1024, "port " + server.epmPort());
      // Whichever it got, a client reaches ISDKey through it.
      try (GetKeyClient client = client(server, "helpdesk@example.com", READER_PASSWORD)) {
        assertEquals(KdsFixture.ECDH_ROOT_KEY,
            client.getKey(request(KdsFixture.LAPS_READERS_SID)).rootKeyId());
      }
    }
  }

  @Test
  void anAssociationTheServerDroppedIsReopenedOnce() throws Exception {
    try (GetKeyServer server = GetKeyServer.start(config(), DIRECTORY);
        GetKeyClient client = client(server, "helpdesk@example.com", READER_PASSWORD)) {
      client.getKey(request(KdsFixture.LAPS_READERS_SID));
      server.dropConnections();
      client.getKey(request(KdsFixture.LAPS_READERS_SID));
      assertEquals(2, server.getKeyCalls());
    }
  }

  private static GetKeyRequest request(String sid) {
    GkdiInterval now = GkdiInterval.of(FileTime.of(NOW));
    return new GetKeyRequest(new SidProtectionDescriptor(sid).securityDescriptor(),
        Optional.of(KdsFixture.ECDH_ROOT_KEY), now.l0(), now.l1(), now.l2());
  }
}
