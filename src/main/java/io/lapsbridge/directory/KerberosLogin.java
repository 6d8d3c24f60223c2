package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a SASL GSSAPI bind gets its Kerberos credentials: a keytab (with a principal), or the
 * user's ticket cache from {@code kinit}. No password is ever involved.
 *
 * @param keytab a keytab file; empty to use the ticket cache
 * @param principal the principal to log in as; with a ticket cache, empty for the cache's own
 * @param realm the Kerberos realm; empty for krb5.conf (or the principal's)
 * @param kdc a KDC address; empty for krb5.conf or DNS
 * @param ticketCache a {@code FILE:} ticket cache's path; empty for the JDK's default
 *     ({@code KRB5CCNAME}, else {@code /tmp/krb5cc_UID})
 * @param krb5Conf the krb5.conf to read ({@code KRB5_CONFIG}); empty for the JDK's default
 */
public record KerberosLogin(Optional<Path> keytab, Optional<String> principal,
    Optional<String> realm, Optional<String> kdc, Optional<Path> ticketCache,
    Optional<Path> krb5Conf) {
  public KerberosLogin {
    if (keytab == null || principal == null || realm == null || kdc == null
        || ticketCache == null || krb5Conf == null) {
      throw new IllegalArgumentException("use Optional.empty() for what is not given");
    }
    if (keytab.isPresent() && principal.filter(p -> !p.isBlank()).isEmpty()) {
      throw new IllegalArgumentException("a keytab needs a principal");
    }
  }

  /** The user's default ticket cache, with krb5.conf's realm and KDC. */
  public static KerberosLogin fromTicketCache() {
    return new KerberosLogin(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether credentials come from the ticket cache rather than a keytab. */
  public boolean usesTicketCache() {
    return keytab.isEmpty();
  }

  /** Who binds, for messages: the principal, or "the ticket cache's principal". */
  public String who() {
    return principal.orElse("the ticket cache's principal");
  }

  /**
   * The SDK's GSSAPI settings. Over TLS, AD refuses SASL integrity or privacy on top of TLS, so
   * only authentication is asked for, and the bind carries {@code tls-server-end-point} channel
   * bindings (RFC 5929: a hash of the server's certificate), which DCs enforcing LDAP channel
   * binding, and Samba 4.22 by default, require ({@code 80090346 ... data 35b}). Without TLS,
   * SASL confidentiality (which implies integrity) is required: a DC requiring LDAP signing
   * accepts the bind, and every value read, passwords included, is sealed.
   *
   * @param serverName the DC's host name, for the service principal {@code ldap/serverName}
   */
  GSSAPIBindRequestProperties properties(TransportSecurity security, String serverName) {
    GSSAPIBindRequestProperties properties =
        new GSSAPIBindRequestProperties(principal.orElse(null), (String) null);
    if (keytab.isPresent()) {
      properties.setUseKeyTab(true);
      properties.setKeyTabPath(keytab.get().toString());
      properties.setUseTicketCache(false);
      properties.setRequireCachedCredentials(false);
    } else {
      properties.setUseKeyTab(false);
      properties.setUseTicketCache(true);
      // Never fall back to a password prompt: with no usable ticket the bind fails.
      properties.setRequireCachedCredentials(true);
      ticketCache.ifPresent(cache -> properties.setTicketCachePath(cache.toString()));
    }
    // The JDK reads krb5.conf from this property, not from KRB5_CONFIG; a CLI process sets it
    // once for its one login (the SDK's setConfigFilePath is the JAAS file, not krb5.conf).
    krb5Conf.ifPresent(conf -> System.setProperty("java.security.krb5.conf", conf.toString()));
    properties.setRefreshKrb5Config(krb5Conf.isPresent() || realm.isPresent() || kdc.isPresent());
    properties.setRenewTGT(false);
    properties.setIsInitiator(true);
    properties.setServicePrincipalProtocol("ldap");
    if (serverName != null) {
      properties.setSASLClientServerName(serverName);
    }
    realm.ifPresent(properties::setRealm);
    kdc.ifPresent(properties::setKDCAddress);
    properties.setAllowedQoP(security == TransportSecurity.NONE
        ? SASLQualityOfProtection.AUTH_CONF : SASLQualityOfProtection.AUTH);
    properties.setChannelBindingType(security == TransportSecurity.NONE
        ? GSSAPIChannelBindingType.NONE : GSSAPIChannelBindingType.TLS_SERVER_END_POINT);
    return properties;
  }
}
