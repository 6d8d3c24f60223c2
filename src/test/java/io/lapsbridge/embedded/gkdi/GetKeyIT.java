package io.lapsbridge.embedded.gkdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.cli.SharedStandIn;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.embedded.DirectoryPrincipals;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.gkdi.GetKeyClient;
import io.lapsbridge.rpc.gkdi.GroupKeyCache;
import io.lapsbridge.rpc.gkdi.OnlineGroupKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GetKey server beside the shared ApacheDS stand-in, with accounts, SIDs, transitive groups
 * and the NetBIOS name read from the directory, decrypting the fixture's own encrypted values.
 */
class GetKeyIT {
  private static GetKeyServer server;
  private static DirectoryPrincipals principals;

  @BeforeAll
  static void start() throws Exception {
    StandInDirectory directory = SharedStandIn.get();
    principals = directory.principals();
    server = directory.startGetKeyServer(0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void accountsComeFromTheDirectoryAsADcKnowsThem() {
    assertEquals("EXAMPLE", principals.netbiosDomain());
    assertEquals("example.com", principals.dnsDomain());
    Principal helen = principals.find("helpdesk").orElseThrow();
    assertEquals(KdsFixture.DOMAIN_SID + "-1106", helen.sid());
    assertEquals(Set.of(KdsFixture.LAPS_READERS_SID), helen.groupSids());
    assertEquals(Set.of(), principals.find("ursula").orElseThrow().groupSids());
    assertTrue(principals.find("nobody").isEmpty());
  }

  @Test
  void readerDecryptsTheFixtureValuesOfItsGroupAndIsRefusedTheOthers() throws Exception {
    try (OnlineGroupKeys keys = keys("EXAMPLE\\helpdesk", "reader-secret")) {
      LapsDecryptor decryptor = LapsDecryptor.using(keys);
      assertEquals(
          "Enc-Ecdh-Pw-04",
          decryptor.decrypt(value("ENC-WS-02", "msLAPS-EncryptedPassword").get(0)).password()
              .reveal());
      // ENC-WS-01 is encrypted to Domain Admins, which Helen is not in.
      LapsCryptoException e =
          assertThrows(LapsCryptoException.class,
              () -> decryptor.decrypt(value("ENC-WS-01", "msLAPS-EncryptedPassword").get(0)));
      assertEquals(LapsCryptoException.Reason.UNAUTHORIZED, e.reason());
      assertTrue(e.getMessage().startsWith("not an authorized decryptor of " + KdsFixture.DOMAIN_ADMINS_SID));
    }
  }

  @Test
  void ordinaryUserIsRefusedEveryValue() throws Exception {
    try (OnlineGroupKeys keys = keys("ursula@example.com", "user-secret")) {
      LapsCryptoException e =
          assertThrows(LapsCryptoException.class,
              () -> LapsDecryptor.using(keys).decrypt(value("ENC-WS-02", "msLAPS-EncryptedPassword").get(0)));
      assertEquals(LapsCryptoException.Reason.UNAUTHORIZED, e.reason());
    }
  }

  private static OnlineGroupKeys keys(String identity, String password) {
    return new OnlineGroupKeys(
        new GetKeyClient(
            new GetKeyClient.Endpoint(server.host(), server.epmPort(), Duration.ofSeconds(2),
                Duration.ofSeconds(10)),
            RpcCredentials.parse(identity, Secret.of(password)), new SecureRandom(),
            Clock.systemUTC()),
        new GroupKeyCache(), server.host());
  }

  private static List<byte[]> value(String computer, String attribute) throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      SearchResultEntry e =
          admin.getEntry("cn=" + computer + ",ou=Workstations,ou=Computers,dc=example,dc=com",
              attribute);
      return List.of(e.getAttribute(attribute).getValueByteArrays());
    }
  }
}
