package io.lapsbridge.cli;

import io.lapsbridge.config.ConnectionArguments;
import io.lapsbridge.config.KerberosArguments;
import io.lapsbridge.config.ResolvedConnection;
import io.lapsbridge.config.SettingsResolver;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The connection options every directory command shares, the agent included. Each also reads a
 * {@code LAPSBRIDGE_*} environment variable and a profile key; {@link SettingsResolver} applies
 * that precedence. The bind password never comes from argv.
 */
final class ConnectionOptions {
  @Option(names = "--host", description = "Directory server host name (env LAPSBRIDGE_HOST).")
  String host;

  @Option(names = "--port", description = "Port; default 636 with --ldaps, else 389 (env LAPSBRIDGE_PORT).")
  Integer port;

  @Option(names = "--ldaps", description = "Use TLS from the first byte (LDAPS).")
  boolean ldaps;

  @Option(names = "--start-tls", description = "Upgrade the connection with StartTLS before binding.")
  boolean startTls;

  @Option(names = "--insecure", description = "Allow a connection without TLS; credentials then cross the network in clear text.")
  boolean insecure;

  @Option(names = "--bind-dn", description = "DN or user@domain to bind as (env LAPSBRIDGE_BIND_DN). The agent takes it from its command line only, and otherwise binds as the computer with Kerberos.")
  String bindDn;

  @Option(names = "--bind-password-file", description = "File whose first line is the bind password (env LAPSBRIDGE_BIND_PASSWORD_FILE; not for the agent).")
  Path bindPasswordFile;

  @Option(names = "--trust-store", description = "PEM, JKS or PKCS#12 file of trusted CA certificates (env LAPSBRIDGE_TRUST_STORE).")
  Path trustStore;

  @Option(names = "--trust-store-password-file", description = "File whose first line is the trust store's password, for a PKCS#12 store (env LAPSBRIDGE_TRUST_STORE_PASSWORD_FILE).")
  Path trustStorePasswordFile;

  @Option(names = "--base-dn", description = "Search base; default is the server's default naming context (env LAPSBRIDGE_BASE_DN).")
  String baseDn;

  @Option(names = "--profile", description = "Connection profile to take defaults from; 'default' is used when it exists (env LAPSBRIDGE_PROFILE).")
  String profile;

  @Option(names = "--config", description = "Profile file; default ~/.config/lapsbridge/profiles.properties (env LAPSBRIDGE_CONFIG).")
  Path config;

  @Option(names = "--timeout", description = "Connect and response timeout in seconds; default 15 (env LAPSBRIDGE_TIMEOUT).")
  Integer timeoutSeconds;

  @Option(names = "--kerberos", description = "Bind with Kerberos (SASL GSSAPI) from your ticket cache (kinit; KRB5CCNAME, FILE: caches only) or --keytab, instead of a DN and password; without TLS the session is signed and sealed (env LAPSBRIDGE_KERBEROS=true). The agent always binds with Kerberos unless given --bind-dn.")
  boolean kerberos;

  @Option(names = "--keytab", paramLabel = "FILE", description = "With --kerberos: log in from this keytab as --kerberos-principal instead of the ticket cache (env LAPSBRIDGE_KEYTAB). The agent: its machine keytab, and, when it holds an RC4-HMAC key, for fetching the group public key with GetKey (default /etc/krb5.keytab).")
  Path keytab;

  // Not --principal: permissions grant-* take that for the trustee; the agent keeps its own.
  @Option(names = "--kerberos-principal", paramLabel = "NAME", description = "With --kerberos: the principal, user@REALM (default: the ticket cache's; env LAPSBRIDGE_PRINCIPAL). The agent takes --principal.")
  String principal;

  @Option(names = "--realm", paramLabel = "REALM", description = "Kerberos realm (default: krb5.conf, else for the agent --domain in capitals; env LAPSBRIDGE_REALM).")
  String realm;

  @Option(names = "--kdc", paramLabel = "HOST", description = "KDC address (default: krb5.conf, KRB5_CONFIG; env LAPSBRIDGE_KDC).")
  String kdc;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "Find domain controllers through DNS SRV _ldap._tcp.dc._msdcs.DOMAIN, trying them in priority and weight order; --host wins when given. get-password and inventory take several (comma-separated) and search each in turn (env LAPSBRIDGE_DOMAIN). kds public-key also puts it into the key identifiers.")
  String domain;

  @Option(names = "--dns-server", paramLabel = "HOST[:PORT]", description = "DNS server to ask for the SRV records and the controllers' addresses, for split-horizon DNS (default: the system's; env LAPSBRIDGE_DNS_SERVER).")
  String dnsServer;

  /** The process environment; a test passes its own through {@link CommandFactory}. */
  private final Map<String, String> environment;

  ConnectionOptions() {
    this(System.getenv());
  }

  ConnectionOptions(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The command this mixin is part of, for its stderr. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  LapsDirectory open() throws DirectoryException {
    ConnectionSettings settings = settings();
    warnIfCleartext(settings);
    return LapsDirectory.open(settings);
  }

  /**
   * Every connection {@code get-password} and {@code inventory} search: one per domain or listed
   * profile, else the one of {@link #settings()}.
   */
  List<ConnectionSettings> eachDirectory() {
    List<ConnectionSettings> each =
        new SettingsResolver(environment).administrators(typed());
    each.forEach(this::warnIfCleartext);
    return each;
  }

  private void warnIfCleartext(ConnectionSettings settings) {
    if (settings.security() == TransportSecurity.NONE && settings.kerberos() == null
        && mixee != null) {
      // Refused without --insecure; with it, still said every time, as a script would hide it.
      mixee.commandLine().getErr().println("lapsbridge: warning: --insecure: the bind password"
          + " and every value read cross the network in clear text");
    }
  }

  /** What an administrator's command connects with, after environment and profile. */
  ConnectionSettings settings() {
    return new SettingsResolver(environment).administrator(typed());
  }

  /** The agent's transport: never a bind identity from the environment or a profile. */
  ResolvedConnection transportOnly() {
    return new SettingsResolver(environment).transportOnly(typed());
  }

  private ConnectionArguments typed() {
    return new ConnectionArguments(host, port, ldaps, startTls, insecure, bindDn,
        bindPasswordFile, trustStore, baseDn, profile, config, timeoutSeconds,
        trustStorePasswordFile,
        new KerberosArguments(kerberos, keytab, principal, realm, kdc, domain, dnsServer));
  }
}
