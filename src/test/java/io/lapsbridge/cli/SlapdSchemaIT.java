package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.directory.Slapd;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped {@code schema-ldif/openldap/} files load into a real slapd the way their header
 * says ({@code ldapadd -Y EXTERNAL -H ldapi:/// -f FILE}), and {@code schema check} reads the
 * result correctly. Each case gets its own slapd, since a schema cannot be removed.
 */
class SlapdSchemaIT {
  private static final String OPENLDAP_ADVICE = "lapsbridge: the LAPS schema is incomplete;"
      + " apply the missing family by hand (OpenLDAP: `lapsbridge schema print --target"
      + " openldap --family F` as the cn=config administrator)\n";

  @BeforeAll
  static void installed() {
    Slapd.assumeInstalled();
  }

  private static CliRun run(Slapd slapd, String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(slapd.connect("admin"));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** The check's line for one attribute, as the table prints it. */
  private static String line(LapsAttribute attribute, String state, String computer,
      String detail) {
    return String.format("%-38s %-13s %-9s %s%n", attribute.ldapName(), state, computer, detail);
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "windows", "all"})
  void eachShippedFileLoadsAndTheCheckSeesExactlyItsFamily(String family) throws Exception {
    try (Slapd slapd = Slapd.start(List.of("laps-" + family + ".ldif"), false)) {
      System.out.println(slapd.startLine());
      CliRun own = run(slapd, "schema", "check", "--family", family);
      assertEquals(0, own.status(), own.out() + own.err());
      assertEquals("", own.err());

      CliRun all = run(slapd, "schema", "check");
      for (LapsAttribute attribute : LapsAttribute.values()) {
        boolean loaded = family.equals("all")
            || attribute.family().name().equalsIgnoreCase(family);
        String expected = loaded ? line(attribute, "present", "allowed", "ok")
            : line(attribute, "missing", "missing", "attribute type not defined");
        assertTrue(all.out().contains(expected), expected + " in\n" + all.out());
      }
      if (family.equals("all")) {
        assertEquals(0, all.status(), all.out() + all.err());
        assertEquals("", all.err());
      } else {
        assertEquals(4, all.status(), all.out() + all.err());
        assertEquals(OPENLDAP_ADVICE, all.err());
      }
    }
  }

  @Test
  void legacyThenWindowsLoadInTurnAndAComputerTakesBothFamilies() throws Exception {
    // The path an estate leaving legacy LAPS takes: the legacy file first, Windows LAPS later.
    try (Slapd slapd = Slapd.start(List.of("laps-legacy.ldif", "laps-windows.ldif"), true)) {
      CliRun check = run(slapd, "schema", "check");
      assertEquals(0, check.status(), check.out() + check.err());
      String dn = slapd.computer("BOTH", "ms-Mcs-AdmPwd: legacy-pw",
          "ms-Mcs-AdmPwdExpirationTime: 134247456000000000",
          "msLAPS-Password: {\"n\":\"Administrator\",\"t\":\"1dce7eb99ec4000\",\"p\":\"win-pw\"}",
          "msLAPS-PasswordExpirationTime: 134247456000000000");
      try (LDAPConnection admin = slapd.admin()) {
        SearchResultEntry entry = admin.getEntry(dn, "ms-Mcs-AdmPwd", "msLAPS-Password");
        assertEquals("legacy-pw", entry.getAttributeValue("ms-Mcs-AdmPwd"));
        assertTrue(entry.getAttributeValue("msLAPS-Password").contains("win-pw"));
      }
    }
  }

  @Test
  void schemaExtendRefusesOpenLdapAndSaysWhatToApply() throws Exception {
    try (Slapd slapd = Slapd.start(List.of(), false)) {
      CliRun extend = run(slapd, "schema", "extend");
      assertEquals(4, extend.status(), extend.out() + extend.err());
      assertEquals("", extend.out());
      assertEquals("lapsbridge: schema extend supports Active Directory and ApacheDS; for this"
          + " server apply `lapsbridge schema print --target openldap` by hand\n", extend.err());
    }
  }
}
