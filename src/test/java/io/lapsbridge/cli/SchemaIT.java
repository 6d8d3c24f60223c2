package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.embedded.ShippedLdif;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** schema check and extend on a stand-in that starts without the LAPS schema. */
class SchemaIT {
  private static StandInDirectory bare;
  private static List<String> connect;

  @BeforeAll
  static void start() throws Exception {
    bare = StandInDirectory.start(new StandInConfig("127.0.0.1", 0, ShippedLdif.BASE_DN, 0,
        ShippedLdif.schemaWithoutLaps(), ShippedLdif.data().subList(0, 1)));
    Path password = Files.createTempFile("lapsbridge-schema-it", ".pw");
    Files.writeString(password, StandInDirectory.ADMIN_PASSWORD);
    connect = List.of("--host", "localhost", "--port", Integer.toString(bare.port()), "--start-tls",
        "--trust-store", bare.certificateFile().toString(), "--bind-dn", StandInDirectory.ADMIN_DN,
        "--bind-password-file", password.toString());
  }

  @AfterAll
  static void stop() {
    bare.close();
  }

  private static CliRun run(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(connect);
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void checkExtendCheckAndExtendAgain() throws Exception {
    CliRun missing = run("schema", "check");
    assertEquals(4, missing.status());
    assertTrue(missing.out().contains("ms-Mcs-AdmPwd                          missing       missing   attribute type not defined"), missing.out());
    assertEquals("lapsbridge: the LAPS schema is incomplete; `lapsbridge schema extend` adds what is missing\n", missing.err());

    CliRun unwritable = run("reset-password", "DC1", "--family", "legacy");
    assertEquals(4, unwritable.status());
    assertTrue(unwritable.err().startsWith("lapsbridge: modify on 'cn=DC1,ou=Domain Controllers,dc=example,dc=com'"
        + " attribute ms-Mcs-AdmPwdExpirationTime failed: the LAPS schema is missing or incomplete"), unwritable.err());

    CliRun dryRun = run("schema", "extend", "--dry-run");
    assertEquals(0, dryRun.status(), dryRun.err());
    assertTrue(dryRun.out().contains("# add attribute type msLAPS-Password\n"), dryRun.out());
    assertEquals("lapsbridge: would apply 13 schema change(s)\n", dryRun.err());
    assertEquals(4, run("schema", "check").status());

    CliRun extend = run("schema", "extend");
    assertEquals(0, extend.status(), extend.err());
    assertEquals("lapsbridge: applied 13 schema change(s)\n", extend.err());

    CliRun complete = run("schema", "check");
    assertEquals(0, complete.status(), complete.out() + complete.err());

    CliRun again = run("schema", "extend");
    assertEquals(0, again.status());
    assertEquals("", again.out());
    assertEquals("lapsbridge: the LAPS schema is already complete; nothing to do\n", again.err());

    // The extension is usable: a computer now takes msLAPS-Password.
    try (LDAPConnection admin = new LDAPConnection("127.0.0.1", bare.port())) {
      admin.bind(StandInDirectory.ADMIN_DN, StandInDirectory.ADMIN_PASSWORD);
      admin.modify("cn=DC1,ou=Domain Controllers,dc=example,dc=com",
          new Modification(ModificationType.REPLACE, "msLAPS-PasswordExpirationTime", "0"));
      assertEquals("0", admin.getEntry("cn=DC1,ou=Domain Controllers,dc=example,dc=com",
          "msLAPS-PasswordExpirationTime").getAttributeValue("msLAPS-PasswordExpirationTime"));
    }
  }
}
