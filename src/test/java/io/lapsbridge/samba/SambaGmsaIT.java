package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GmsaPassword;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.wire.LittleEndianReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks lapsbridge's MS-GKDI derivation against Samba's own use of it: a gMSA's
 * {@code msDS-ManagedPassword}, computed by the DC from its KDS root key, must equal the password
 * derived offline from the root key that {@code kds export} wrote.
 */
class SambaGmsaIT {
  @TempDir Path files;

  @Test
  void theDcsGmsaPasswordIsDerivedOfflineFromTheExportedRootKey() throws Exception {
    SambaDc dc = SambaDc.shared();
    String ou = Forest.ou(dc, "GmsaIT");
    Account retriever = Forest.user(dc, "gmsa-retriever", ou);
    dc.sambaTool("service-account", "create", "--name=gmsa-web",
        "--dns-host-name=gmsa-web." + SambaDc.DNS_DOMAIN);
    dc.sambaTool("service-account", "group-msa-membership", "add", "--name=gmsa-web",
        "--principal=" + retriever.dn());

    SearchResultEntry gmsa;
    try (LDAPConnection connection = SambaLdap.as(dc, retriever)) {
      gmsa = connection.searchForEntry(SambaDc.BASE, SearchScope.SUB,
          "(sAMAccountName=gmsa-web$)", "msDS-ManagedPassword", "msDS-ManagedPasswordId",
          "objectSid");
    }
    assertNotNull(gmsa, "the gMSA is visible to its retriever");
    byte[] blob = gmsa.getAttributeValueBytes("msDS-ManagedPassword");
    assertNotNull(blob, "the retriever may read msDS-ManagedPassword");
    byte[] current = currentPassword(blob);

    Path keys = files.resolve("root-keys.json");
    Cli export = Cli.run(dc.administrator().connect(dc), "kds", "export", "--out",
        keys.toString());
    assertEquals(0, export.status(), export.transcript());
    KeyId id = KeyId.parse(gmsa.getAttributeValueBytes("msDS-ManagedPasswordId"));
    KdsRootKey root = KdsKeyFile.read(keys).stream().filter(k -> k.id().equals(id.root()))
        .findFirst().orElseThrow(() -> new AssertionError("no exported root key " + id.root()));

    byte[] derived = GmsaPassword.derive(root, id.interval(),
        gmsa.getAttributeValueBytes("objectSid"));
    assertArrayEquals(current, derived, "lapsbridge derives the password Samba computed");
  }

  /** MSDS-MANAGEDPASSWORD_BLOB: the current password (256 bytes) at its offset. */
  private static byte[] currentPassword(byte[] blob) throws Exception {
    LittleEndianReader r = LittleEndianReader.of(blob);
    assertEquals(1, r.u16(), "blob version");
    r.u16(); // reserved
    r.u32(); // length
    int offset = r.u16();
    return Arrays.copyOfRange(blob, offset, offset + GmsaPassword.LENGTH);
  }

  /** The root key and interval of msDS-ManagedPasswordId, a GKDI key identifier. */
  private record KeyId(UUID root, GkdiInterval interval) {
    static KeyId parse(byte[] bytes) throws Exception {
      LittleEndianReader r = LittleEndianReader.of(bytes);
      r.u32(); // version
      r.u32(); // magic "KDSK"
      r.u32(); // flags
      int l0 = (int) r.u32();
      int l1 = (int) r.u32();
      int l2 = (int) r.u32();
      return new KeyId(r.guid(), new GkdiInterval(l0, l1, l2));
    }
  }
}
