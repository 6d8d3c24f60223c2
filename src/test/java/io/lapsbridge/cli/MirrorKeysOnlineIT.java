package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.DirectoryPrincipals;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.embedded.gkdi.GetKeyServer;
import io.lapsbridge.migration.Action;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.usecase.MirrorKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #14: encrypted mirrors' group public key from the GetKey stand-in (L0 = L1 = L2 = -1) as the
 * bind's own user, one call per decryptor per run however many mirrors the plan has.
 */
class MirrorKeysOnlineIT {
  private static Action mirror(String dn) {
    FileTime t = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
    return new Action.MirrorToWindows(dn, "r", "why", t, "Administrator", t, t,
        KdsFixture.LAPS_READERS_SID);
  }

  @Test
  void oneGetKeyPerDecryptorAsTheBindsUser() throws Exception {
    DirectoryPrincipals principals = SharedStandIn.get().principals();
    GetKeyServer.Config loopback = GetKeyServer.Config.loopback(
        List.of(KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY)));
    try (GetKeyServer server = GetKeyServer.start(
        new GetKeyServer.Config(loopback.host(), 0, principals.netbiosDomain(),
            principals.dnsDomain(), "DC1", loopback.rootKeys(), Clock.systemUTC(), 5840,
            GetKeyServer.Misbehaviour.NONE),
        principals)) {
      String password = Files.readString(SharedStandIn.passwordFile("reader"),
          StandardCharsets.UTF_8).strip();
      ConnectionSettings reader = new ConnectionSettings("127.0.0.1",
          SharedStandIn.get().port(), TransportSecurity.START_TLS, SharedStandIn.READER_DN,
          Secret.of(password), SharedStandIn.get().certificateFile(), null, null);
      Map<String, GroupPublicKey> keys = MirrorKeys.of(null, server.epmPort()).keysFor(
          List.of(mirror("cn=a,dc=example,dc=com"), mirror("cn=b,dc=example,dc=com")), reader);
      assertEquals(List.of(KdsFixture.LAPS_READERS_SID), List.copyOf(keys.keySet()));
      assertEquals(KdsFixture.LAPS_READERS_SID,
          keys.get(KdsFixture.LAPS_READERS_SID).descriptor().sid());
      assertEquals(1, server.getKeyCalls(), "one GetKey for the run, not one per mirror");
    }
  }
}
