package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Path;
import java.util.Optional;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;

/** #13 item 5: the Kerberos reason behind the SDK's "local error (82)". */
class KerberosFailureTest {
  private static final MachineBind.Kerberos BIND = new MachineBind.Kerberos(
      Path.of("/etc/krb5.keytab"), "PC1$", Optional.of("EXAMPLE.COM"),
      Optional.of("dc1.example.com"));

  private static Optional<String> reason(String cause) {
    LDAPException e = new LDAPException(ResultCode.LOCAL_ERROR, "Unable to create a SASL client",
        new LoginException(cause));
    return KerberosFailure.reason(e, BIND, "dc1.example.com");
  }

  @Test
  void namesTheCommonReasons() {
    assertEquals(Optional.of("Kerberos: no key for PC1$ in the keytab /etc/krb5.keytab (check"
        + " with: klist -k /etc/krb5.keytab)"), reason("Unable to obtain password from user"));
    assertEquals(Optional.of("Kerberos: clock skew too great between this machine and the KDC"
        + " (synchronise the clock, for example with the domain's NTP)"),
        reason("Clock skew too great (37)"));
    assertEquals(Optional.of("Kerberos: the KDC does not know the service principal"
        + " ldap/dc1.example.com, no SPN for that DC name (connect by the DC's host name, use"
        + " --domain, or register that SPN on the DC's account)"),
        reason("Server not found in Kerberos database (7)"));
    assertEquals(Optional.of("Kerberos: unknown realm EXAMPLE.COM (give --realm and --kdc, or"
        + " set it in krb5.conf)"), reason("Cannot get kdc for realm EXAMPLE.COM"));
    assertEquals(Optional.of("Kerberos: KDC unreachable (dc1.example.com): Receive timed out"),
        reason("Receive timed out"));
  }

  @Test
  void quotesAnyOtherKerberosFailureAndIgnoresTheRest() {
    assertEquals(Optional.of("Kerberos: Pre-authentication information was invalid (24)"),
        reason("Pre-authentication information was invalid (24)"));
    assertEquals(Optional.empty(), KerberosFailure.reason(
        new LDAPException(ResultCode.INVALID_CREDENTIALS, "bad"), BIND, "dc1"));
  }
}
