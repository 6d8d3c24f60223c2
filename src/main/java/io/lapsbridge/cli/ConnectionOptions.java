package io.lapsbridge.cli;

import io.lapsbridge.config.ConnectionArguments;
import io.lapsbridge.config.ResolvedConnection;
import io.lapsbridge.config.SettingsResolver;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Path;
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
    if (settings.security() == TransportSecurity.NONE && mixee != null) {
      // Refused without --insecure; with it, still said every time, as a script would hide it.
      mixee.commandLine().getErr().println("lapsbridge: warning: --insecure: the bind password"
          + " and every value read cross the network in clear text");
    }
    return LapsDirectory.open(settings);
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
        trustStorePasswordFile);
  }
}
