package io.lapsbridge.samba;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;

/** LDAPS connections to the test DC for fixtures and checks (never for the code under test). */
final class SambaLdap {
  private SambaLdap() {}

  static LDAPConnection anonymous(SambaDc dc) throws LDAPException {
    try {
      SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(dc.certificate().toFile()));
      LDAPConnectionOptions options = new LDAPConnectionOptions();
      options.setConnectTimeoutMillis(5_000);
      options.setResponseTimeoutMillis(30_000);
      return new LDAPConnection(ssl.createSSLSocketFactory(), options, dc.spec().host(), 636);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bound as the domain's Administrator. */
  static LDAPConnection admin(SambaDc dc) throws LDAPException {
    return bound(dc, "Administrator@" + dc.spec().dnsDomain(), dc.adminPassword());
  }

  /** Bound as {@code account} with its own password. */
  static LDAPConnection as(SambaDc dc, Account account) throws LDAPException {
    return bound(dc, account.upn(), account.password());
  }

  private static LDAPConnection bound(SambaDc dc, String name, String password)
      throws LDAPException {
    LDAPConnection connection = anonymous(dc);
    try {
      connection.bind(name, password);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }
}
