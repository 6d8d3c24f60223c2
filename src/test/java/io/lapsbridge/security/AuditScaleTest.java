package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * #13 item 2 on an estate shaped like AD: computers carry the class default with CREATOR OWNER
 * replaced by whoever joined them, plus what they inherit. The report has one block per OU and
 * per container that holds computers, and one per computer with ACEs of its own, so 10,000
 * computers print what 10 do.
 */
class AuditScaleTest {
  private static final Sid DOMAIN = Sid.of("S-1-5-21-1-2-3");
  private static final Sid HELPDESK = DOMAIN.withRid(1105);
  private static final Sid URSULA = DOMAIN.withRid(1107);
  private static final String COMPUTER = Guids.COMPUTER_CLASS.toString();
  private static final UUID PWD = UUID.fromString("8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61");
  private static final LapsGuids GUIDS = new LapsGuids(Optional.of(PWD), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());
  private static final String DEFAULT_SDDL = "D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)"
      + "(A;;RPCRLCLORCSDDT;;;CO)(OA;;WP;4c164200-20c0-11d0-a768-00aa006e0529;;CO)"
      + "(A;;RPLCLORC;;;AU)";
  private static final String ROOT = "DC=x";
  private static final String COMPUTERS = "CN=Computers,DC=x";
  private static final String SYSTEM = "CN=System,DC=x";
  private static final String OU = "OU=Sites,DC=x";
  private static final String EMPTY_OU = "OU=Empty,DC=x";

  private static SecuredObject container(String dn, String parent, UUID objectClass, String sddl)
      throws SecurityFormatException {
    return new SecuredObject(dn, dn.toLowerCase(java.util.Locale.ROOT),
        parent == null ? null : parent.toLowerCase(java.util.Locale.ROOT), objectClass, false,
        Optional.of(Sddl.parse(sddl, DOMAIN)));
  }

  /** Computer {@code i}: as AD created it for one of seven joiners; number 7 has a grant. */
  private static SecuredObject computer(int i) {
    String parent = i % 2 == 0 ? COMPUTERS : OU;
    Sid owner = DOMAIN.withRid(2000 + i % 7);
    String sddl = "O:" + owner + DEFAULT_SDDL.replace(";CO)", ";" + owner + ")")
        + "(OA;CIIOID;RPCR;" + PWD + ";" + COMPUTER + ";" + HELPDESK + ")"
        + (i == 7 ? "(OA;;RPCR;" + PWD + ";;" + URSULA + ")" : "");
    String dn = "CN=PC" + i + "," + parent;
    try {
      return new SecuredObject(dn, dn.toLowerCase(java.util.Locale.ROOT),
          parent.toLowerCase(java.util.Locale.ROOT), Guids.COMPUTER_CLASS, true,
          Optional.of(Sddl.parse(sddl, DOMAIN)));
    } catch (SecurityFormatException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> audit(int computers) throws Exception {
    List<SecuredObject> containers = List.of(
        container(ROOT, null, Guids.DOMAIN_DNS_CLASS, "D:(A;CI;RP;;;AU)"),
        container(COMPUTERS, ROOT, Guids.CONTAINER_CLASS, "D:"),
        container(SYSTEM, ROOT, Guids.CONTAINER_CLASS, "D:"),
        container(OU, ROOT, Guids.ORGANIZATIONAL_UNIT_CLASS,
            "D:(OA;CIIO;RPCR;" + PWD + ";" + COMPUTER + ";" + HELPDESK + ")"),
        container(EMPTY_OU, ROOT, Guids.ORGANIZATIONAL_UNIT_CLASS, "D:"));
    PermissionsAudit.Walk walk = PermissionsAudit.walk(containers, GUIDS,
        EnumSet.of(AttributeFamily.LEGACY), false,
        Sddl.parse(DEFAULT_SDDL, DOMAIN).dacl());
    // Generated one at a time and dropped after the walk has seen it, as the directory streams.
    IntStream.range(0, computers).mapToObj(AuditScaleTest::computer).forEach(walk);
    assertEquals(computers, walk.computers());
    return walk.rows().stream().map(r -> r.scope() + " " + r.scopeKind() + " "
        + r.finding().access() + " " + r.finding().principal()).toList();
  }

  @Test
  void tenThousandComputersReportWhatTenDo() throws Exception {
    String da = DOMAIN.withRid(512).toString();
    // The default gives CREATOR OWNER read and control access: whoever joins a computer reads
    // its password, as on AD. A scope names CREATOR OWNER, a computer its actual owner.
    String co = Sid.CREATOR_OWNER.toString();
    List<String> expected = List.of(
        // The container holding computers gets a block; CN=System, which holds none, does not.
        COMPUTERS + " container READ " + da, COMPUTERS + " container ESCALATION " + da,
        COMPUTERS + " container READ " + co,
        OU + " ou READ " + da, OU + " ou ESCALATION " + da, OU + " ou READ " + co,
        OU + " ou READ " + HELPDESK,
        // An OU gets its block even empty: it says who would read a computer placed there.
        EMPTY_OU + " ou READ " + da, EMPTY_OU + " ou ESCALATION " + da, EMPTY_OU + " ou READ " + co,
        // The one computer with a grant of its own; the other 9,999 match the class default.
        "CN=PC7," + OU + " computer READ " + da, "CN=PC7," + OU + " computer ESCALATION " + da,
        "CN=PC7," + OU + " computer READ " + DOMAIN.withRid(2000),
        "CN=PC7," + OU + " computer READ " + URSULA,
        "CN=PC7," + OU + " computer READ " + HELPDESK);
    assertEquals(expected, audit(10));
    assertEquals(expected, audit(10_000));
  }
}
