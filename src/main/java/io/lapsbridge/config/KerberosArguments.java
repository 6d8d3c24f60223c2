package io.lapsbridge.config;

import java.nio.file.Path;

/**
 * The Kerberos and discovery options as typed; null (or false) where not given, so that the
 * environment and the profile can fill them.
 *
 * @param kerberos {@code --kerberos}: bind with SASL GSSAPI instead of a DN and password
 * @param keytab {@code --keytab}; null for the ticket cache
 * @param principal {@code --principal}
 * @param realm {@code --realm}
 * @param kdc {@code --kdc}
 * @param domain {@code --domain}, one or more DNS domains (comma-separated or repeated)
 * @param dnsServer {@code --dns-server HOST[:PORT]}
 */
public record KerberosArguments(boolean kerberos, Path keytab, String principal, String realm,
    String kdc, String domain, String dnsServer) {
  /** Nothing typed. */
  public static final KerberosArguments NONE =
      new KerberosArguments(false, null, null, null, null, null, null);
}
