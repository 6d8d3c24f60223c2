package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The cmdlets' ACEs, .NET-style merging, and the effective-reader rules. */
class GrantAndAuditTest {
  private static final String DOMAIN = "S-1-5-21-1-2-3";
  private static final Sid HELPDESK = Sid.of(DOMAIN + "-1105");
  private static final Sid AUDITORS = Sid.of(DOMAIN + "-1109");
  private static final String COMPUTER = "bf967a86-0de6-11d0-a285-00aa003049e2";
  private static final UUID PWD = UUID.fromString("8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61");
  private static final UUID EXP = UUID.fromString("3b9e1c47-52d8-4f0a-8e6b-9d2a7c1f4e03");
  private static final UUID WPWD = UUID.fromString("e7c2a9d4-1f36-4b5a-a8c0-6d9e3b2f7a15");
  private static final UUID WEXP = UUID.fromString("5a1f8e3c-9b27-4d6e-b0a4-3c8f2e9d1b76");
  private static final LapsGuids GUIDS = new LapsGuids(Optional.of(PWD), Optional.of(EXP), Optional.of(WPWD),
      Optional.of(WEXP), Optional.empty());

  private static String sddl(List<Ace> aces) {
    return aces.stream().map(Ace::toSddl).collect(Collectors.joining());
  }

  @Test
  void legacyCmdletAcesMatchTheReference() {
    assertEquals("(OA;CIIO;RPWP;" + EXP + ";" + COMPUTER + ";PS)(OA;CIIO;WP;" + PWD + ";" + COMPUTER + ";PS)",
        sddl(LapsGrant.SELF.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.SELF, 0)));
    assertEquals("(OA;CIIO;RP;" + EXP + ";" + COMPUTER + ";" + HELPDESK + ")(OA;CIIO;RPCR;" + PWD + ";" + COMPUTER
        + ";" + HELPDESK + ")", sddl(LapsGrant.READ.acesFor(AttributeFamily.LEGACY, GUIDS, HELPDESK, 0)));
    assertEquals("(OA;CIIO;RPWP;" + EXP + ";" + COMPUTER + ";" + HELPDESK + ")",
        sddl(LapsGrant.RESET.acesFor(AttributeFamily.LEGACY, GUIDS, HELPDESK, 0)));
    assertEquals("(OU;CIIOSA;CR;" + PWD + ";" + COMPUTER + ";WD)",
        sddl(LapsGrant.AUDIT.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.EVERYONE, AceFlags.SUCCESSFUL_ACCESS)));
  }

  @Test
  void windowsReadCoversTheEncryptedPropertySet() {
    assertEquals("(OA;CIIO;RP;" + WEXP + ";" + COMPUTER + ";" + HELPDESK + ")(OA;CIIO;RPCR;" + WPWD + ";" + COMPUTER
        + ";" + HELPDESK + ")(OA;CIIO;RPCR;f3531ec6-6330-4f8e-8d39-7a671fbac605;" + COMPUTER + ";" + HELPDESK + ")",
        sddl(LapsGrant.READ.acesFor(AttributeFamily.WINDOWS, GUIDS, HELPDESK, 0)));
  }

  @Test
  void addingMergesMasksInsertsCanonicallyAndIsIdempotent() throws Exception {
    Acl acl = Sddl.parse("D:(D;;WD;;;WD)(A;;RP;;;AU)(A;CIID;GA;;;SY)").dacl().orElseThrow();
    List<Ace> selfAces = LapsGrant.SELF.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.SELF, 0);
    // An existing write-only ACE for the expiry is widened, not duplicated.
    Acl withWrite = AclChange.add(acl, List.of(selfAces.get(0).withMask(AccessMask.WRITE_PROPERTY))).acl();
    AclChange change = AclChange.add(withWrite, selfAces);
    assertEquals(1, change.widened().size());
    assertEquals(1, change.added().size());
    assertEquals("D:(D;;WD;;;WD)(A;;RP;;;AU)(OA;CIIO;RPWP;" + EXP + ";" + COMPUTER + ";PS)(OA;CIIO;WP;" + PWD + ";"
        + COMPUTER + ";PS)(A;CIID;GA;;;SY)", Sddl.render(Sddl.parse("D:").withDacl(change.acl())));
    AclChange again = AclChange.add(change.acl(), selfAces);
    assertFalse(again.changed());
    assertEquals(change.acl(), again.acl());
    Ace deny = Sddl.parseAce("(OD;CI;CR;" + PWD + ";;AU)");
    assertEquals(0, AclChange.add(change.acl(), List.of(deny)).acl().aces().indexOf(deny) - 1);
  }

  @Test
  void grantsOnAnAdDefaultOuDescriptorLandBeforeTheInheritedAces() throws Exception {
    // Shaped like organizationalUnit's defaultSecurityDescriptor plus ACEs inherited from the
    // domain root, as AD stores them (explicit first, then ID entries).
    String da = DOMAIN + "-512";
    String defaultOu = "O:" + da + "G:" + da + "D:AI(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + da + ")"
        + "(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)(A;;LCRPLORC;;;AU)(A;;LCRPLORC;;;ED)"
        + "(OA;;CCDC;" + COMPUTER + ";;AO)"
        + "(OA;CIIOID;RP;4c164200-20c0-11d0-a768-00aa006e0529;" + COMPUTER + ";RU)"
        + "(A;CIID;LCRPLORC;;;RU)";
    SecurityDescriptor sd = Sddl.parse(defaultOu);
    Acl acl = sd.dacl().orElseThrow();
    acl = AclChange.add(acl, LapsGrant.SELF.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.SELF, 0)).acl();
    acl = AclChange.add(acl, LapsGrant.READ.acesFor(AttributeFamily.LEGACY, GUIDS, HELPDESK, 0)).acl();
    String expected = "O:" + da + "G:" + da + "D:AI(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + da + ")"
        + "(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)(A;;LCRPLORC;;;AU)(A;;LCRPLORC;;;ED)"
        + "(OA;;CCDC;" + COMPUTER + ";;AO)"
        + "(OA;CIIO;RPWP;" + EXP + ";" + COMPUTER + ";PS)"
        + "(OA;CIIO;WP;" + PWD + ";" + COMPUTER + ";PS)"
        + "(OA;CIIO;RP;" + EXP + ";" + COMPUTER + ";" + HELPDESK + ")"
        + "(OA;CIIO;RPCR;" + PWD + ";" + COMPUTER + ";" + HELPDESK + ")"
        + "(OA;CIIOID;RP;4c164200-20c0-11d0-a768-00aa006e0529;" + COMPUTER + ";RU)"
        + "(A;CIID;LCRPLORC;;;RU)";
    SecurityDescriptor granted = sd.withDacl(acl);
    assertEquals(expected, granted.toSddl());
    byte[] bytes = granted.toBytes();
    assertEquals(granted, SecurityDescriptor.fromBytes(bytes));
    // The DACL grew by exactly the four object ACEs: 8 header + 4 flags + 2x16 GUIDs + the SID,
    // which is 12 bytes for SELF (56 in all) and 28 for a domain account (72 in all).
    assertEquals(sd.toBytes().length + 2 * 56 + 2 * 72, bytes.length);
  }

  @Test
  void theComputerClassDefaultDescriptorShapesOuScopesAndHidesOrdinaryComputers() throws Exception {
    Sid domain = Sid.of(DOMAIN);
    // Shaped like AD's computer defaultSecurityDescriptor: domain-relative aliases, upper-case
    // GUIDs, Account Operators with full control.
    String fc = "RPWPCRCCDCLCLORCWOWDSDDTSW";
    String defaultSddl = "D:(A;;" + fc + ";;;DA)(A;;" + fc + ";;;AO)(A;;RPLCLORC;;;PS)"
        + "(OA;;RPWP;77B5B886-944A-11d1-AEBD-0000F80367C1;;PS)(OA;;RPWP;5b47d60f-6090-40b2-9f37-2a4de88f3063;;KA)"
        + "(A;;RPLCLORC;;;AU)";
    Acl defaults = Sddl.parse(defaultSddl, domain).dacl().orElseThrow();
    assertEquals(Sid.of(DOMAIN + "-512"), defaults.aces().get(0).sid());
    assertEquals(Sid.of(DOMAIN + "-526"), defaults.aces().get(4).sid());
    String root = "DC=x";
    String ou = "OU=a,DC=x";
    List<SecuredObject> objects = List.of(
        new SecuredObject(root, "dc=x", null, Guids.DOMAIN_DNS_CLASS, false, Optional.of(Sddl.parse("D:"))),
        new SecuredObject(ou, "ou=a,dc=x", "dc=x", Guids.ORGANIZATIONAL_UNIT_CLASS, false,
            Optional.of(Sddl.parse("D:(OA;CIIO;RPCR;" + PWD + ";" + COMPUTER + ";" + HELPDESK + ")"))),
        new SecuredObject("CN=plain,OU=a,DC=x", "cn=plain,ou=a,dc=x", "ou=a,dc=x", Guids.COMPUTER_CLASS, true,
            Optional.of(Sddl.parse(defaultSddl, domain))),
        new SecuredObject("CN=odd,OU=a,DC=x", "cn=odd,ou=a,dc=x", "ou=a,dc=x", Guids.COMPUTER_CLASS, true,
            Optional.of(Sddl.parse(defaultSddl.replace("D:", "D:(A;;CR;;;" + AUDITORS + ")"), domain))));
    List<String> rows = PermissionsAudit.run(objects, GUIDS, java.util.EnumSet.of(AttributeFamily.LEGACY), false,
        Optional.of(defaults)).stream()
        .map(r -> r.scope() + " " + r.finding().access() + " " + r.finding().principal()).toList();
    String ao = "S-1-5-32-548";
    assertEquals(List.of(
        ou + " READ " + DOMAIN + "-512", ou + " ESCALATION " + DOMAIN + "-512",
        ou + " READ " + ao, ou + " ESCALATION " + ao,
        ou + " READ " + HELPDESK,
        "CN=odd,OU=a,DC=x READ " + AUDITORS,
        "CN=odd,OU=a,DC=x READ " + DOMAIN + "-512", "CN=odd,OU=a,DC=x ESCALATION " + DOMAIN + "-512",
        "CN=odd,OU=a,DC=x READ " + ao, "CN=odd,OU=a,DC=x ESCALATION " + ao,
        "CN=odd,OU=a,DC=x READ " + HELPDESK), rows);
  }

  private static List<String> readers(String rootSddl, String ouSddl, String computerSddl) throws Exception {
    EffectiveAcl root = EffectiveAcl.root("DC=x", Sddl.parse(rootSddl).dacl());
    SecurityDescriptor ou = Sddl.parse(ouSddl);
    EffectiveAcl child = root.child("OU=a,DC=x", Guids.ORGANIZATIONAL_UNIT_CLASS, ou.dacl(), ou.daclProtected());
    SecurityDescriptor computer = Sddl.parse(computerSddl);
    EffectiveAcl leaf = child.child("CN=pc,OU=a,DC=x", Guids.COMPUTER_CLASS, computer.dacl(), computer.daclProtected());
    return ReaderAnalysis.analyse(leaf, Map.of(PWD, "ms-Mcs-AdmPwd")).stream()
        .map(f -> f.access() + " " + f.principal() + " " + f.why()).toList();
  }

  @Test
  void anInheritedDelegationReachesComputersOnly() throws Exception {
    String root = "D:(A;CI;RP;;;AU)(OA;CIIO;CR;" + PWD + ";" + COMPUTER + ";" + AUDITORS + ")";
    assertEquals(List.of("READ " + AUDITORS + " control access on ms-Mcs-AdmPwd inherited from DC=x; read all"
        + " properties via NT AUTHORITY\\Authenticated Users inherited from DC=x"), readers(root, "D:", "D:"));
    // The same ACE restricted to OUs never reaches a computer.
    String ousOnly = root.replace(COMPUTER, Guids.ORGANIZATIONAL_UNIT_CLASS.toString());
    assertEquals(List.of(), readers(ousOnly, "D:", "D:"));
  }

  @Test
  void anExplicitDenyBeatsAnInheritedAllowAndNoPropagateStopsAtTheChild() throws Exception {
    String root = "D:(A;CI;RPCR;;;" + HELPDESK + ")";
    assertEquals(1, readers(root, "D:", "D:").size());
    assertEquals(List.of(), readers(root, "D:(OD;CI;CR;" + PWD + ";;" + HELPDESK + ")", "D:"));
    // A deny for another object type does not matter.
    assertEquals(1, readers(root, "D:(OD;CI;CR;" + EXP + ";;" + HELPDESK + ")", "D:").size());
    // NP on the root: the OU gets it, the computer below does not.
    assertEquals(List.of(), readers("D:(A;CINP;RPCR;;;" + HELPDESK + ")", "D:", "D:"));
  }

  @Test
  void blockedInheritanceAndEscalationPaths() throws Exception {
    String root = "D:(A;CI;GA;;;" + HELPDESK + ")";
    assertEquals(List.of("READ " + HELPDESK + " GenericAll inherited from DC=x",
        "ESCALATION " + HELPDESK + " WriteDACL (can grant itself read) inherited from DC=x"), readers(root, "D:", "D:"));
    assertEquals(List.of(), readers(root, "D:P", "D:"));
    assertEquals(List.of("ESCALATION " + AUDITORS + " WriteOwner (can grant itself read) explicit on CN=pc,OU=a,DC=x"),
        readers(root, "D:P", "D:(A;;WO;;;" + AUDITORS + ")"));
    assertTrue(readers("D:(A;CI;CR;;;" + HELPDESK + ")", "D:", "D:").isEmpty(), "control access without read is not enough");
  }
}
