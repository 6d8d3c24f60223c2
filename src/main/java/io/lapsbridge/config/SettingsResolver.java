package io.lapsbridge.config;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DcLocator;
import io.lapsbridge.directory.KerberosLogin;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the connection options: the command line wins, then the {@code LAPSBRIDGE_*}
 * environment, then the profile ({@code --profile}, or {@code default} when the file has one),
 * then the defaults. A profile cannot turn TLS off, and never holds a password.
 */
public final class SettingsResolver {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, String> environment;
  private final Path defaultProfileFile;
  private final Function<Map<String, String>, TicketCacheName> cacheNames;

  /** Over {@code environment}, with the profile file in the user's home when none is named. */
  public SettingsResolver(Map<String, String> environment) {
    this(environment, ConnectionProfile.defaultFile());
  }

  SettingsResolver(Map<String, String> environment, Path defaultProfileFile) {
    this(environment, defaultProfileFile, TicketCacheName::of);
  }

  SettingsResolver(Map<String, String> environment, Path defaultProfileFile,
      Function<Map<String, String>, TicketCacheName> cacheNames) {
    this.environment = Map.copyOf(environment);
    this.defaultProfileFile = defaultProfileFile;
    this.cacheNames = cacheNames;
  }

  /**
   * What an administrator's command connects with: a host or one domain is required, TLS unless
   * {@code --insecure} or a Kerberos bind (sealed), and with a bind DN the password from its
   * file, {@code LAPSBRIDGE_BIND_PASSWORD} or a prompt.
   */
  public ConnectionSettings administrator(ConnectionArguments typed) {
    ResolvedConnection given = resolve(typed, true);
    requireKerberosForItsOptions(typed, given);
    List<String> domains = given.domains();
    if (domains.size() > 1) {
      throw new SettingsException("--domain names " + domains.size() + " domains ("
          + String.join(", ", domains) + "); this command works on one domain (get-password"
          + " and inventory search several)");
    }
    if (!searchProfiles(typed).isEmpty() && given.host() == null && domains.isEmpty()) {
      throw new SettingsException("profile '" + profileName(typed) + "' lists the profiles "
          + String.join(", ", searchProfiles(typed)) + " to search; this command works on one:"
          + " choose one with --profile (get-password and inventory search them all)");
    }
    return settings(given, domains.isEmpty() ? null : domains.get(0));
  }

  /**
   * What {@code get-password} and {@code inventory} search, in order: each domain of {@code
   * --domain} (comma-separated) with the same settings, or each profile that the chosen
   * profile's {@code profiles} key lists (for forests that need their own credentials), or the
   * one connection of {@link #administrator}.
   */
  public List<ConnectionSettings> administrators(ConnectionArguments typed) {
    ResolvedConnection given = resolve(typed, true);
    requireKerberosForItsOptions(typed, given);
    List<String> domains = given.domains();
    if (domains.size() > 1) {
      List<ConnectionSettings> each = new ArrayList<>();
      for (String domain : domains) {
        each.add(settings(given, domain));
      }
      return each;
    }
    List<String> listed = searchProfiles(typed);
    if (!listed.isEmpty() && given.host() == null && domains.isEmpty()) {
      List<ConnectionSettings> each = new ArrayList<>();
      for (String name : listed) {
        ConnectionArguments one = new ConnectionArguments(typed.host(), typed.port(),
            typed.ldaps(), typed.startTls(), typed.insecure(), typed.bindDn(),
            typed.bindPasswordFile(), typed.trustStore(), typed.baseDn(), name,
            typed.profileFile(), typed.timeoutSeconds(), typed.trustStorePasswordFile(),
            typed.kerberos());
        if (!searchProfiles(one).isEmpty()) {
          throw new SettingsException("profile '" + name + "', listed by '"
              + profileName(typed) + "', lists profiles itself; list only connection profiles");
        }
        each.add(administrator(one));
      }
      return each;
    }
    return List.of(settings(given, domains.isEmpty() ? null : domains.get(0)));
  }

  /** A typed Kerberos option without a Kerberos bind is a mistake worth saying. */
  private static void requireKerberosForItsOptions(ConnectionArguments typed,
      ResolvedConnection given) {
    KerberosArguments k = typed.kerberos();
    if (!given.kerberos().kerberos()
        && (k.keytab() != null || k.principal() != null || k.realm() != null || k.kdc() != null)) {
      throw new SettingsException("--keytab, --kerberos-principal, --realm and --kdc go with --kerberos");
    }
  }

  private ConnectionSettings settings(ResolvedConnection given, String domain) {
    boolean byHost = given.host() != null && !given.host().isBlank();
    if (!byHost && domain == null) {
      throw new SettingsException("--host or --domain is required (or set LAPSBRIDGE_HOST or"
          + " LAPSBRIDGE_DOMAIN)");
    }
    TransportSecurity security = given.security();
    KerberosArguments kerberos = given.kerberos();
    if (security == TransportSecurity.NONE && !given.insecure() && !kerberos.kerberos()) {
      throw new SettingsException(
          "refusing a connection without TLS: add --ldaps or --start-tls, or --kerberos (which"
              + " seals the session), or --insecure to accept cleartext credentials");
    }
    int port = given.port() != null ? given.port()
        : !byHost ? 0 : given.ldaps() ? 636 : 389;
    if ((port < 1 && byHost) || port < 0 || port > 65535) {
      throw new SettingsException("--port must be between 1 and 65535: " + port);
    }
    DcLocator locator = null;
    if (!byHost) {
      try {
        locator = new DcLocator(domain, Optional.ofNullable(dnsServer(given)));
      } catch (IllegalArgumentException e) {
        throw new SettingsException("--domain: " + e.getMessage());
      }
    }
    return new ConnectionSettings(byHost ? given.host() : null, port, security,
        kerberos.kerberos() ? null : given.bindDn(),
        kerberos.kerberos() || given.bindDn() == null ? null : BindPassword.read(given, environment),
        given.trustStore(), given.baseDn(), given.timeout(),
        given.trustStorePasswordFile() == null ? null
            : BindPassword.fromFile(given.trustStorePasswordFile(), "--trust-store-password-file"),
        kerberos.kerberos() ? login(kerberos) : null, locator);
  }

  /** {@code HOST} or {@code HOST:PORT}, checked; null for the system's resolver. */
  private static String dnsServer(ResolvedConnection given) {
    String server = given.kerberos().dnsServer();
    if (server == null || server.isBlank()) {
      return null;
    }
    String value = server.strip();
    int colon = value.lastIndexOf(':');
    if (colon >= 0 && value.indexOf(':') == colon) {
      String port = value.substring(colon + 1);
      boolean valid = colon > 0 && !port.isEmpty() && port.length() <= 5
          && port.chars().allMatch(Character::isDigit) && Integer.parseInt(port) >= 1
          && Integer.parseInt(port) <= 65535;
      if (!valid) {
        throw new SettingsException("--dns-server '" + value + "' is not HOST or HOST:PORT with"
            + " a port from 1 to 65535");
      }
    }
    return value;
  }

  private KerberosLogin login(KerberosArguments kerberos) {
    TicketCacheName caches = cacheNames.apply(environment);
    Optional<Path> keytab = Optional.ofNullable(kerberos.keytab());
    if (keytab.isPresent() && kerberos.principal() == null) {
      throw new SettingsException("--keytab needs --kerberos-principal (the keytab's user@REALM)");
    }
    if (keytab.isPresent() && !Files.isRegularFile(keytab.get())) {
      throw new SettingsException("--keytab " + keytab.get() + " does not exist");
    }
    return new KerberosLogin(keytab, Optional.ofNullable(kerberos.principal()),
        Optional.ofNullable(kerberos.realm()), Optional.ofNullable(kerberos.kdc()),
        keytab.isPresent() ? Optional.empty() : caches.resolve(), caches.krb5Conf());
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
    KerberosArguments typedKerberos = typed.kerberos();
    // Where to connect is one choice per level: a host there wins over a domain there.
    String host = typed.host();
    String domain = host == null ? typedKerberos.domain() : null;
    if (host == null && domain == null) {
      host = environment.get("LAPSBRIDGE_HOST");
      domain = host == null ? environment.get("LAPSBRIDGE_DOMAIN") : null;
    }
    String dnsServer = orElse(typedKerberos.dnsServer(), environment.get("LAPSBRIDGE_DNS_SERVER"));
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
    // The bind identity is also one choice per level: --kerberos or --bind-dn, never both.
    String bindDn = typed.bindDn();
    Path bindPasswordFile = typed.bindPasswordFile();
    boolean kerberos = typedKerberos.kerberos();
    if (kerberos && bindDn != null) {
      throw new SettingsException("choose one of --kerberos and --bind-dn");
    }
    Path keytab = typedKerberos.keytab();
    String principal = typedKerberos.principal();
    String realm = typedKerberos.realm();
    String kdc = typedKerberos.kdc();
    if (bindIdentity) {
      if (!kerberos && bindDn == null) {
        kerberos = flag("LAPSBRIDGE_KERBEROS", environment.get("LAPSBRIDGE_KERBEROS"));
        bindDn = environment.get("LAPSBRIDGE_BIND_DN");
        if (kerberos && bindDn != null) {
          throw new SettingsException("LAPSBRIDGE_KERBEROS and LAPSBRIDGE_BIND_DN are both set;"
              + " unset one");
        }
      }
      bindPasswordFile = orElse(bindPasswordFile, path("LAPSBRIDGE_BIND_PASSWORD_FILE"));
      keytab = orElse(keytab, path("LAPSBRIDGE_KEYTAB"));
      principal = orElse(principal, environment.get("LAPSBRIDGE_PRINCIPAL"));
      realm = orElse(realm, environment.get("LAPSBRIDGE_REALM"));
      kdc = orElse(kdc, environment.get("LAPSBRIDGE_KDC"));
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
      if (host == null && domain == null) {
        host = profile.get("host").orElse(null);
        domain = host == null ? profile.get("domain").orElse(null) : null;
      }
      dnsServer = orElse(dnsServer, profile.get("dns-server").orElse(null));
      port = port != null ? port : number(file, profile, "port");
      // Typed transport flags, --insecure included, leave the profile's security unused.
      if (!ldaps && !startTls && !typed.insecure()) {
        String security = profile.get("security").orElse("");
        ldaps = security.equals("ldaps");
        startTls = security.equals("start-tls");
      }
      if (bindIdentity) {
        if (!kerberos && bindDn == null) {
          kerberos = flag(file + ": " + profile.name() + ".kerberos",
              profile.get("kerberos").orElse(null));
          bindDn = profile.get("bind-dn").orElse(null);
          if (kerberos && bindDn != null) {
            throw new SettingsException(file + ": profile '" + profile.name() + "' sets both"
                + " kerberos and bind-dn; keep one");
          }
        }
        bindPasswordFile = orElse(bindPasswordFile,
            profile.get("bind-password-file").map(Path::of).orElse(null));
        keytab = orElse(keytab, profile.get("keytab").map(Path::of).orElse(null));
        principal = orElse(principal, profile.get("principal").orElse(null));
        realm = orElse(realm, profile.get("realm").orElse(null));
        kdc = orElse(kdc, profile.get("kdc").orElse(null));
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
        timeout != null ? Duration.ofSeconds(timeout) : DEFAULT_TIMEOUT, trustStorePasswordFile,
        new KerberosArguments(kerberos, keytab, principal, realm, kdc, domain, dnsServer));
  }

  /** The chosen profile's {@code profiles} list; empty without one. */
  private List<String> searchProfiles(ConnectionArguments typed) {
    return profileOf(typed).flatMap(p -> p.get("profiles"))
        .map(list -> java.util.Arrays.stream(list.split(",", -1)).map(String::strip)
            .filter(n -> !n.isEmpty()).distinct().toList())
        .orElse(List.of());
  }

  private String profileName(ConnectionArguments typed) {
    return profileOf(typed).map(ConnectionProfile::name).orElse("");
  }

  private Optional<ConnectionProfile> profileOf(ConnectionArguments typed) {
    String profileName = orElse(typed.profile(), environment.get("LAPSBRIDGE_PROFILE"));
    Path file = orElse(orElse(typed.profileFile(), path("LAPSBRIDGE_CONFIG")), defaultProfileFile);
    boolean explicit = profileName != null;
    return ConnectionProfile.load(
        file, explicit ? profileName : ConnectionProfile.DEFAULT_NAME, explicit);
  }

  /** {@code true}, {@code yes}, {@code 1}; {@code false}, {@code no}, {@code 0}; unset is false. */
  private static boolean flag(String where, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new SettingsException(
          where + " must be true or false, not '" + value.strip() + "'");
    };
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
