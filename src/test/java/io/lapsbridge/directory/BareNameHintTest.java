package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.ResultCode;
import org.junit.jupiter.api.Test;

/** #13 item 8: a bare user name refused with AD's data 52e is told which forms AD takes. */
class BareNameHintTest {
  private static final String AD_52E = "80090308: LdapErr: DSID-0C0903A9, comment:"
      + " AcceptSecurityContext error, data 52e, v1db1";

  @Test
  void aBareNameRefusedWithData52eGetsTheFormsThatWork() {
    assertEquals("; 'helpdesk' has no domain, and AD binds a user as helpdesk@corp.example.com,"
        + " DOMAIN\\helpdesk (DOMAIN: the NetBIOS domain name) or by DN",
        Connector.bareNameHint("helpdesk", ResultCode.INVALID_CREDENTIALS, AD_52E,
            "OU=Sites,DC=corp,DC=example,DC=com"));
    assertEquals("; 'helpdesk' has no domain, and AD binds a user as helpdesk@domain,"
        + " DOMAIN\\helpdesk (DOMAIN: the NetBIOS domain name) or by DN",
        Connector.bareNameHint("helpdesk", ResultCode.INVALID_CREDENTIALS, AD_52E, null));
  }

  @Test
  void otherNamesAndOtherFailuresGetNoHint() {
    for (String name : new String[] {"helpdesk@corp.example.com", "CORP\\helpdesk",
        "CN=helpdesk,CN=Users,DC=corp,DC=example,DC=com"}) {
      assertEquals("", Connector.bareNameHint(name, ResultCode.INVALID_CREDENTIALS, AD_52E,
          "DC=corp,DC=example,DC=com"), name);
    }
    // Another AD sub-code (775: account locked out) or another server's wording is not 52e.
    assertEquals("", Connector.bareNameHint("helpdesk", ResultCode.INVALID_CREDENTIALS,
        AD_52E.replace("52e", "775"), null));
    assertEquals("", Connector.bareNameHint("helpdesk", ResultCode.INVALID_CREDENTIALS, null,
        null));
    assertEquals("", Connector.bareNameHint("helpdesk", ResultCode.UNWILLING_TO_PERFORM, AD_52E,
        null));
  }
}
