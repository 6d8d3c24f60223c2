package io.lapsbridge.samba;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixtures in the test forest, written as Administrator over LDAPS: OUs, users and computers
 * with their own random passwords, groups, and computer keytabs. Each test class keeps to its
 * own OU, so names only need to be unique within the run.
 */
final class Forest {
  /** userAccountControl: NORMAL_ACCOUNT, and WORKSTATION_TRUST_ACCOUNT for computers. */
  private static final int NORMAL_ACCOUNT = 0x200;
  private static final int WORKSTATION_TRUST_ACCOUNT = 0x1000;

  private Forest() {}

  /** Adds {@code OU=name} under the domain root; returns its DN. */
  static String ou(SambaDc dc, String name) throws LDAPException {
    String dn = "OU=" + name + "," + dc.spec().base();
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.add(new Entry(dn, new Attribute("objectClass", "organizationalUnit"),
          new Attribute("ou", name)));
    } catch (LDAPException e) {
      if (!ResultCode.ENTRY_ALREADY_EXISTS.equals(e.getResultCode())) {
        throw e;
      }
    }
    return dn;
  }

  /** A user under {@code ou} with a fresh random password. */
  static Account user(SambaDc dc, String name, String ou) throws LDAPException, IOException {
    String dn = "CN=" + name + "," + ou;
    Account account = new Account(name, dn, passwordFile(dc, name), dc.spec());
    add(dc, dn, account, List.of(new Attribute("objectClass", "user"),
        new Attribute("userAccountControl", Integer.toString(NORMAL_ACCOUNT)),
        new Attribute("userPrincipalName", account.upn())));
    return account;
  }

  /**
   * A computer under {@code ou} with a password (so it has Kerberos keys) and, as Samba's
   * {@code computer create} and many real joins leave it, no {@code dNSHostName}.
   */
  static Account computer(SambaDc dc, String name, String ou) throws LDAPException, IOException {
    String dn = "CN=" + name + "," + ou;
    Account account = new Account(name + "$", dn, passwordFile(dc, name + "$"), dc.spec());
    add(dc, dn, account, List.of(new Attribute("objectClass", "computer"),
        new Attribute("userAccountControl", Integer.toString(WORKSTATION_TRUST_ACCOUNT))));
    return account;
  }

  /** Sets {@code dNSHostName}, as a join that registers it does. */
  static void dnsHostName(SambaDc dc, Account computer, String fqdn) throws LDAPException {
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.modify(computer.dn(), new Modification(ModificationType.REPLACE, "dNSHostName",
          fqdn));
    }
  }

  /** A global security group under {@code ou} with the given members; returns its DN. */
  static String group(SambaDc dc, String name, String ou, Account... members)
      throws LDAPException {
    String dn = "CN=" + name + "," + ou;
    List<Attribute> attributes = new ArrayList<>(List.of(new Attribute("objectClass", "group"),
        new Attribute("sAMAccountName", name)));
    if (members.length > 0) {
      attributes.add(new Attribute("member",
          java.util.Arrays.stream(members).map(Account::dn).toArray(String[]::new)));
    }
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.add(new Entry(dn, attributes));
    }
    return dn;
  }

  /** The computer's keys exported by Samba into a keytab, as a join writes /etc/krb5.keytab. */
  static Path keytab(SambaDc dc, Account computer) throws IOException, InterruptedException {
    Path keytab = dc.dir().resolve(computer.name().replace("$", "") + ".keytab");
    Files.deleteIfExists(keytab);
    dc.sambaToolLocal("domain", "exportkeytab", keytab.toString(),
        "--principal=" + computer.name());
    return keytab;
  }

  private static void add(SambaDc dc, String dn, Account account, List<Attribute> attributes)
      throws LDAPException {
    List<Attribute> all = new ArrayList<>(attributes);
    all.add(new Attribute("sAMAccountName", account.name()));
    // AD takes a password only as unicodePwd: the quoted password in UTF-16LE, over TLS.
    all.add(new Attribute("unicodePwd",
        ("\"" + account.password() + "\"").getBytes(StandardCharsets.UTF_16LE)));
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.add(new Entry(dn, all));
    }
  }

  private static Path passwordFile(SambaDc dc, String name) throws IOException {
    Path dir = Files.createDirectories(dc.dir().resolve("passwords"));
    Path file = dir.resolve(name);
    // Upper, lower, digits and punctuation: meets the domain's complexity rules.
    Files.writeString(file, "Pw-" + SambaDc.randomHex(10) + "-Zz9\n", StandardCharsets.UTF_8);
    return file;
  }
}
