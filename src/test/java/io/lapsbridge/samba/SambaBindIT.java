package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bind names on a real AD (#13 item 8): {@code DOMAIN\name}, {@code name@domain} and a DN bind;
 * a bare user name is refused with {@code data 52e}, and the message says which forms work.
 */
class SambaBindIT {
  private static SambaDc dc;
  private static Account user;

  @BeforeAll
  static void estate() throws Exception {
    dc = SambaDc.shared();
    // schema check exits 0 only on an extended schema; don't depend on another class's order.
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    user = Forest.user(dc, "bd-user", Forest.ou(dc, "BindIT"));
  }

  private static List<String> bindingAs(String bindName) {
    List<String> connect = new ArrayList<>(user.connect(dc));
    connect.set(connect.indexOf(user.upn()), bindName);
    return connect;
  }

  /** The first half of item 8: these forms already worked, and must go on working. */
  @Test
  void domainBackslashUserUpnAndDnBind() {
    for (String name : List.of(SambaDc.NETBIOS + "\\" + user.name(), user.upn(), user.dn())) {
      Cli run = Cli.run(bindingAs(name), "schema", "check");
      assertEquals(0, run.status(), name + ": " + run.transcript());
    }
  }

  @Test
  void aBareUserNameIsToldWhichFormsWork() {
    Cli run = Cli.run(bindingAs(user.name()), "schema", "check");
    assertEquals(3, run.status(), run.transcript());
    assertEquals("", run.out());
    // Samba answers with AD's diagnostic, sub-code 52e and all.
    assertEquals("lapsbridge: bind as '" + user.name() + "' to ldaps://" + SambaDc.HOST
        + ":636 failed: invalid credentials: 80090308: LdapErr: DSID-0C0903A9, comment:"
        + " AcceptSecurityContext error, data 52e, v1db1; '" + user.name() + "' has no domain,"
        + " and AD binds a user as " + user.upn() + ", DOMAIN\\" + user.name()
        + " (DOMAIN: the NetBIOS domain name) or by DN\n", run.err());
    assertFalse(run.transcript().contains(user.password()));
  }
}
