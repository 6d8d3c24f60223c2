package io.lapsbridge.cli;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** The golden migration estate, loadable under any OU name, and a stable dump of an OU. */
final class MigrationFixtures {
  static final String GOLDEN_OU = "MigGolden";
  static final String AS_OF = "2026-06-01T00:00:00Z";
  static final String[] DUMPED = {
    "ms-Mcs-AdmPwd", "ms-Mcs-AdmPwdExpirationTime", "msLAPS-Password",
    "msLAPS-PasswordExpirationTime", "msLAPS-EncryptedPassword"
  };

  private MigrationFixtures() {}

  static String resource(String name) throws IOException {
    try (InputStream in = MigrationFixtures.class.getResourceAsStream("/golden/migration/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource golden/migration/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The resource with the golden OU renamed, so each run works in its own subtree. */
  static String renamed(String name, String ou) throws IOException {
    return resource(name).replace("ou=" + GOLDEN_OU + ",", "ou=" + ou + ",")
        .replace("OU=" + GOLDEN_OU + ",", "OU=" + ou + ",");
  }

  /** Loads the input estate under {@code ou=<ou>,dc=example,dc=com}; returns the OU DN. */
  static String load(String ou) throws IOException, LDAPException, LDIFException {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      return load(admin, ou, List.of());
    }
  }

  /**
   * Loads the input estate through {@code admin}, adding {@code computerClasses} to every
   * computer (OpenLDAP needs the shipped auxiliary classes); returns the OU DN.
   */
  static String load(LDAPConnection admin, String ou, List<String> computerClasses)
      throws IOException, LDAPException, LDIFException {
    String ldif = renamed("estate.input.ldif", ou);
    try (LDIFReader reader = new LDIFReader(
        new ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)))) {
      Entry entry;
      while ((entry = reader.readEntry()) != null) {
        if (entry.hasObjectClass("computer")) {
          for (String objectClass : computerClasses) {
            entry.addAttribute("objectClass", objectClass);
          }
        }
        admin.add(entry);
      }
    }
    return "ou=" + ou + "," + SharedStandIn.BASE;
  }

  /** Writes the renamed rule file into {@code dir} under its golden name. */
  static Path rules(Path dir, String ou) throws IOException {
    Path file = dir.resolve("estate.rules.yaml");
    Files.writeString(file, renamed("estate.rules.yaml", ou), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Every computer under the OU with its LAPS attributes, sorted, as LDIF-like text with the
   * OU renamed back to the golden name so runs compare with one expected file.
   */
  static String dump(String ouDn, String ou) throws LDAPException {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      return dump(admin, ouDn, ou);
    }
  }

  /** {@link #dump(String, String)} through {@code admin}, for servers besides the stand-in. */
  static String dump(LDAPConnection admin, String ouDn, String ou) throws LDAPException {
    List<SearchResultEntry> entries = new ArrayList<>(admin.search(ouDn, SearchScope.SUB,
        "(objectClass=computer)", DUMPED).getSearchEntries());
    entries.sort(Comparator.comparing(e -> dnKey(e.getDN())));
    StringBuilder out = new StringBuilder();
    for (SearchResultEntry e : entries) {
      out.append("dn: ").append(e.getDN().replace("ou=" + ou + ",", "ou=" + GOLDEN_OU + ","))
          .append('\n');
      TreeMap<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Attribute a : e.getAttributes()) {
        values.put(a.getName(), String.join(" | ", a.getValues()));
      }
      values.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }

  /** Computers under the OU that hold no password of either family. */
  static List<String> withoutPassword(String ouDn) throws LDAPException {
    List<String> missing = new ArrayList<>();
    try (LDAPConnection admin = SharedStandIn.admin()) {
      for (SearchResultEntry e : admin.search(ouDn, SearchScope.SUB, "(objectClass=computer)",
          DUMPED).getSearchEntries()) {
        if (!e.hasAttribute("ms-Mcs-AdmPwd") && !e.hasAttribute("msLAPS-Password")
            && !e.hasAttribute("msLAPS-EncryptedPassword")) {
          missing.add(e.getDN());
        }
      }
    }
    return missing;
  }

  private static String dnKey(String dn) {
    try {
      return new DN(dn).toNormalizedString();
    } catch (LDAPException e) {
      return dn.toLowerCase(Locale.ROOT);
    }
  }

  static String[] with(List<String> connection, String... command) {
    return SharedStandIn.args(connection, command);
  }

  /** Whether -Dregenerate=true asks to rewrite golden files instead of comparing. */
  static boolean regenerate() {
    return Boolean.getBoolean("regenerate");
  }

  static Path sourceGolden(String name) {
    return Path.of("src/test/resources/golden/migration", name);
  }
}
