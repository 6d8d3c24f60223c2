package io.lapsbridge.cli;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.model.Secret;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The connection options every directory command shares, the agent included. Each also reads a
 * {@code LAPSBRIDGE_*} environment variable and a profile key; the command line wins, then the
 * environment, then the profile. The bind password never comes from argv: it is read
 * from a file, from {@code LAPSBRIDGE_BIND_PASSWORD}, or from a prompt.
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

  LapsDirectory open() throws DirectoryException {
    return LapsDirectory.open(settings());
  }

  ConnectionSettings settings() {
    applyDefaults(true);
    if (host == null || host.isBlank()) {
      throw new UsageException("--host is required (or set LAPSBRIDGE_HOST)");
    }
    if (ldaps && startTls) {
      throw new UsageException("choose one of --ldaps and --start-tls");
    }
    TransportSecurity security =
        ldaps ? TransportSecurity.LDAPS : startTls ? TransportSecurity.START_TLS : TransportSecurity.NONE;
    if (security == TransportSecurity.NONE && !insecure) {
      throw new UsageException(
          "refusing a connection without TLS: add --ldaps or --start-tls, or --insecure to accept"
              + " cleartext credentials");
    }
    int effectivePort = port != null ? port : ldaps ? 636 : 389;
    if (effectivePort < 1 || effectivePort > 65535) {
      throw new UsageException("--port must be between 1 and 65535: " + effectivePort);
    }
    return new ConnectionSettings(
        host,
        effectivePort,
        security,
        bindDn,
        bindDn == null ? null : bindPassword(),
        trustStore,
        baseDn,
        timeout());
  }

  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /**
   * For the agent: fills the transport (host, port, TLS, trust store, base DN, timeout) from the
   * environment and the profile, as for every command, but never the bind identity. The agent
   * binds as the machine with Kerberos; an administrator's {@code LAPSBRIDGE_BIND_DN} or a
   * {@code default} profile's {@code bind-dn} must not quietly turn that into their simple bind,
   * so {@code --bind-dn} and {@code --bind-password-file} count only when typed.
   */
  ConnectionOptions transportOnly() {
    applyDefaults(false);
    return this;
  }

  private void applyDefaults(boolean bindIdentity) {
    if (host == null) {
      host = environment.get("LAPSBRIDGE_HOST");
    }
    if (port == null) {
      port = number("LAPSBRIDGE_PORT", environment.get("LAPSBRIDGE_PORT"));
    }
    if (trustStore == null) {
      trustStore = Optional.ofNullable(environment.get("LAPSBRIDGE_TRUST_STORE")).map(Path::of)
          .orElse(null);
    }
    if (baseDn == null) {
      baseDn = environment.get("LAPSBRIDGE_BASE_DN");
    }
    if (timeoutSeconds == null) {
      timeoutSeconds = number("LAPSBRIDGE_TIMEOUT", environment.get("LAPSBRIDGE_TIMEOUT"));
    }
    if (profile == null) {
      profile = environment.get("LAPSBRIDGE_PROFILE");
    }
    if (config == null) {
      config = Optional.ofNullable(environment.get("LAPSBRIDGE_CONFIG")).map(Path::of)
          .orElse(null);
    }
    if (bindIdentity) {
      if (bindDn == null) {
        bindDn = environment.get("LAPSBRIDGE_BIND_DN");
      }
      if (bindPasswordFile == null) {
        bindPasswordFile = Optional.ofNullable(environment.get("LAPSBRIDGE_BIND_PASSWORD_FILE"))
            .map(Path::of).orElse(null);
      }
    }
    applyProfile(bindIdentity);
    if (timeoutSeconds == null) {
      timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    }
  }

  private static final int DEFAULT_TIMEOUT_SECONDS = 15;

  private static Integer number(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " is not a number: '" + value + "'");
    }
  }

  /** Fills what the command line and environment left open; they always win. */
  private void applyProfile(boolean bindIdentity) {
    boolean explicit = profile != null;
    Path file = config != null ? config : ConnectionProfile.defaultFile();
    ConnectionProfile chosen =
        ConnectionProfile.load(file, explicit ? profile : ConnectionProfile.DEFAULT_NAME, explicit)
            .orElse(null);
    if (chosen == null) {
      return;
    }
    if (host == null) {
      host = chosen.get("host").orElse(null);
    }
    if (port == null) {
      String value = chosen.get("port").orElse(null);
      if (value != null) {
        try {
          port = Integer.valueOf(value);
        } catch (NumberFormatException e) {
          throw new UsageException(file + ": " + chosen.name() + ".port is not a number: '" + value + "'");
        }
      }
    }
    if (!ldaps && !startTls && !insecure) {
      String security = chosen.get("security").orElse("");
      ldaps = security.equals("ldaps");
      startTls = security.equals("start-tls");
    }
    if (bindIdentity && bindDn == null) {
      bindDn = chosen.get("bind-dn").orElse(null);
    }
    if (bindIdentity && bindPasswordFile == null) {
      bindPasswordFile = chosen.get("bind-password-file").map(Path::of).orElse(null);
    }
    if (timeoutSeconds == null) {
      String value = chosen.get("timeout").orElse(null);
      if (value != null) {
        try {
          timeoutSeconds = Integer.valueOf(value);
        } catch (NumberFormatException e) {
          throw new UsageException(file + ": " + chosen.name() + ".timeout is not a number: '" + value + "'");
        }
      }
    }
    if (trustStore == null) {
      trustStore = chosen.get("trust-store").map(Path::of).orElse(null);
    }
    if (baseDn == null) {
      baseDn = chosen.get("base-dn").orElse(null);
    }
  }

  /** The first line of {@code --bind-password-file}; the file's bytes are wiped after. */
  static Secret readBindPasswordFile(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        return Secret.fromUtf8Line(firstLine(bytes));
      } finally {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
    } catch (IOException e) {
      throw new UsageException("cannot read --bind-password-file " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  private Secret bindPassword() {
    if (bindPasswordFile != null) {
      return readBindPasswordFile(bindPasswordFile);
    }
    String fromEnvironment = environment.get("LAPSBRIDGE_BIND_PASSWORD");
    if (fromEnvironment != null) {
      return Secret.of(fromEnvironment);
    }
    Console console = Terminal.console();
    if (console == null) {
      throw new UsageException(
          "a bind password is needed: give --bind-password-file or LAPSBRIDGE_BIND_PASSWORD"
              + " (no terminal to prompt on)");
    }
    char[] typed = console.readPassword("Password for %s: ", bindDn);
    if (typed == null) {
      throw new UsageException("no bind password entered");
    }
    return Secret.adopt(typed);
  }

  private static byte[] firstLine(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    return java.util.Arrays.copyOf(bytes, end);
  }
}
