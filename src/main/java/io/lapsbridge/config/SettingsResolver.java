package io.lapsbridge.config;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the connection options: the command line wins, then the {@code LAPSBRIDGE_*}
 * environment, then the profile ({@code --profile}, or {@code default} when the file has one),
 * then the defaults. A profile cannot turn TLS off, and never holds a password.
 */
public final class SettingsResolver {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, String> environment;
  private final Path defaultProfileFile;

  /** Over {@code environment}, with the profile file in the user's home when none is named. */
  public SettingsResolver(Map<String, String> environment) {
    this(environment, ConnectionProfile.defaultFile());
  }

  SettingsResolver(Map<String, String> environment, Path defaultProfileFile) {
    this.environment = Map.copyOf(environment);
    this.defaultProfileFile = defaultProfileFile;
  }

  /**
   * What an administrator's command connects with: a host is required, TLS unless {@code
   * --insecure}, and with a bind DN the password from its file, {@code
   * LAPSBRIDGE_BIND_PASSWORD} or a prompt.
   */
  public ConnectionSettings administrator(ConnectionArguments typed) {
    ResolvedConnection given = resolve(typed, true);
    if (given.host() == null || given.host().isBlank()) {
      throw new SettingsException("--host is required (or set LAPSBRIDGE_HOST)");
    }
    TransportSecurity security = given.security();
    if (security == TransportSecurity.NONE && !given.insecure()) {
      throw new SettingsException(
          "refusing a connection without TLS: add --ldaps or --start-tls, or --insecure to accept"
              + " cleartext credentials");
    }
    int port = given.port() != null ? given.port() : given.ldaps() ? 636 : 389;
    if (port < 1 || port > 65535) {
      throw new SettingsException("--port must be between 1 and 65535: " + port);
    }
    return new ConnectionSettings(given.host(), port, security, given.bindDn(),
        given.bindDn() == null ? null : BindPassword.read(given, environment),
        given.trustStore(), given.baseDn(), given.timeout(),
        given.trustStorePasswordFile() == null ? null
            : BindPassword.fromFile(given.trustStorePasswordFile(), "--trust-store-password-file"));
  }

  /**
   * For the agent: the transport (host, port, TLS, trust store, base DN, timeout) from the
   * environment and the profile, as for every command, but never the bind identity. The agent
   * binds as the machine with Kerberos; an administrator's {@code LAPSBRIDGE_BIND_DN} or a
   * {@code default} profile's {@code bind-dn} must not quietly turn that into their simple bind,
   * so {@code --bind-dn} and {@code --bind-password-file} count only when typed.
   */
  public ResolvedConnection transportOnly(ConnectionArguments typed) {
    return resolve(typed, false);
  }

  private ResolvedConnection resolve(ConnectionArguments typed, boolean bindIdentity) {
    // The command line, then the environment; what is still open comes from the profile.
    String host = orElse(typed.host(), environment.get("LAPSBRIDGE_HOST"));
    Integer port = typed.port() != null ? typed.port() : number("LAPSBRIDGE_PORT");
    Path trustStore = orElse(typed.trustStore(), path("LAPSBRIDGE_TRUST_STORE"));
    Path trustStorePasswordFile = orElse(typed.trustStorePasswordFile(),
        path("LAPSBRIDGE_TRUST_STORE_PASSWORD_FILE"));
    String baseDn = orElse(typed.baseDn(), environment.get("LAPSBRIDGE_BASE_DN"));
    Integer timeout = typed.timeoutSeconds() != null
        ? typed.timeoutSeconds() : number("LAPSBRIDGE_TIMEOUT");
    String profileName = orElse(typed.profile(), environment.get("LAPSBRIDGE_PROFILE"));
    Path named = orElse(typed.profileFile(), path("LAPSBRIDGE_CONFIG"));
    Path file = orElse(named, defaultProfileFile);
    String bindDn = typed.bindDn();
    Path bindPasswordFile = typed.bindPasswordFile();
    if (bindIdentity) {
      bindDn = orElse(bindDn, environment.get("LAPSBRIDGE_BIND_DN"));
      bindPasswordFile = orElse(bindPasswordFile, path("LAPSBRIDGE_BIND_PASSWORD_FILE"));
    }

    if (named != null && !Files.isRegularFile(named)) {
      // Only the default file may be absent; a named one that is missing is a typo.
      throw new SettingsException((typed.profileFile() != null ? "--config " : "LAPSBRIDGE_CONFIG ")
          + file + " does not exist");
    }
    boolean explicit = profileName != null;
    Optional<ConnectionProfile> chosen = ConnectionProfile.load(
        file, explicit ? profileName : ConnectionProfile.DEFAULT_NAME, explicit);
    boolean ldaps = typed.ldaps();
    boolean startTls = typed.startTls();
    if (chosen.isPresent()) {
      ConnectionProfile profile = chosen.get();
      host = orElse(host, profile.get("host").orElse(null));
      port = port != null ? port : number(file, profile, "port");
      // Typed transport flags, --insecure included, leave the profile's security unused.
      if (!ldaps && !startTls && !typed.insecure()) {
        String security = profile.get("security").orElse("");
        ldaps = security.equals("ldaps");
        startTls = security.equals("start-tls");
      }
      if (bindIdentity) {
        bindDn = orElse(bindDn, profile.get("bind-dn").orElse(null));
        bindPasswordFile = orElse(bindPasswordFile,
            profile.get("bind-password-file").map(Path::of).orElse(null));
      }
      timeout = timeout != null ? timeout : number(file, profile, "timeout");
      trustStore = orElse(trustStore, profile.get("trust-store").map(Path::of).orElse(null));
      trustStorePasswordFile = orElse(trustStorePasswordFile,
          profile.get("trust-store-password-file").map(Path::of).orElse(null));
      baseDn = orElse(baseDn, profile.get("base-dn").orElse(null));
    }
    if (timeout != null && timeout < 1) {
      // Zero would mean "wait forever" to the LDAP SDK, and a negative one is a typo.
      throw new SettingsException("--timeout must be at least 1 second: " + timeout);
    }
    return new ResolvedConnection(host, port, ldaps, startTls, typed.insecure(), bindDn,
        bindPasswordFile, trustStore, baseDn,
        timeout != null ? Duration.ofSeconds(timeout) : DEFAULT_TIMEOUT, trustStorePasswordFile);
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private Path path(String variable) {
    return Optional.ofNullable(environment.get(variable)).map(Path::of).orElse(null);
  }

  private Integer number(String variable) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new SettingsException(variable + " is not a number: '" + value + "'");
    }
  }

  private static Integer number(Path file, ConnectionProfile profile, String option) {
    String value = profile.get(option).orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new SettingsException(file + ": " + profile.name() + "." + option
          + " is not a number: '" + value + "'");
    }
  }
}
