package io.lapsbridge.config;

import io.lapsbridge.entra.EntraCredential;
import io.lapsbridge.entra.EntraSettings;
import io.lapsbridge.model.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the Entra options as {@link SettingsResolver} does the LDAP ones: the command line
 * wins, then the {@code LAPSBRIDGE_*} environment, then the profile, then the defaults. The
 * credential is chosen at the first of those levels that names one, and two at one level are an
 * error. A client secret comes from a file or {@code LAPSBRIDGE_CLIENT_SECRET}, never argv, and a
 * profile names files only.
 */
public final class EntraSettingsResolver {
  /** The profile keys of the Entra options (beside {@link ConnectionProfile#KEYS}). */
  static final Set<String> KEYS = Set.of("tenant", "client-id", "client-secret-file",
      "client-certificate", "client-certificate-password-file", "auth", "token-cache",
      "graph-url", "authority-url", "graph-trust-store");

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, String> environment;
  private final Path defaultProfileFile;

  public EntraSettingsResolver(Map<String, String> environment) {
    this(environment, ConnectionProfile.defaultFile());
  }

  EntraSettingsResolver(Map<String, String> environment, Path defaultProfileFile) {
    this.environment = Map.copyOf(environment);
    this.defaultProfileFile = defaultProfileFile;
  }

  /** What an Entra command connects with. */
  public EntraSettings resolve(EntraArguments typed) {
    Optional<ConnectionProfile> profile = profile(typed);
    String tenant = first(typed.tenant(), env("LAPSBRIDGE_TENANT"), key(profile, "tenant"));
    String clientId = first(typed.clientId(), env("LAPSBRIDGE_CLIENT_ID"),
        key(profile, "client-id"));
    if (tenant == null || tenant.isBlank()) {
      throw new SettingsException("Entra ID needs a tenant: give --tenant (or set"
          + " LAPSBRIDGE_TENANT, or 'tenant' in the profile)");
    }
    if (!tenant.matches("[A-Za-z0-9.-]+")) {
      throw new SettingsException("--tenant must be a tenant id or domain name: '" + tenant + "'");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new SettingsException("Entra ID needs an application (client) id: give --client-id"
          + " (or set LAPSBRIDGE_CLIENT_ID, or 'client-id' in the profile)");
    }
    URI graph = https("--graph-url", first(typed.graphUrl(), env("LAPSBRIDGE_GRAPH_URL"),
        key(profile, "graph-url")), EntraSettings.PUBLIC_GRAPH);
    URI authority = https("--authority-url", first(typed.authorityUrl(),
        env("LAPSBRIDGE_AUTHORITY_URL"), key(profile, "authority-url")),
        EntraSettings.PUBLIC_AUTHORITY);
    Path trustStore = path(first(pathText(typed.graphTrustStore()),
        env("LAPSBRIDGE_GRAPH_TRUST_STORE"), key(profile, "graph-trust-store")));
    Path tokenCache = path(first(pathText(typed.tokenCache()), env("LAPSBRIDGE_TOKEN_CACHE"),
        key(profile, "token-cache")));
    return new EntraSettings(tenant, clientId, credential(typed, profile), authority, graph,
        trustStore, tokenCache, TIMEOUT);
  }

  private EntraCredential credential(EntraArguments typed, Optional<ConnectionProfile> profile) {
    // The command line, then the environment, then the profile: the first level naming one.
    List<String> named = new ArrayList<>();
    if (typed.deviceCode()) {
      named.add("--device-code");
    }
    if (typed.clientCertificate() != null) {
      named.add("--client-certificate");
    }
    if (typed.clientSecretFile() != null) {
      named.add("--client-secret-file");
    }
    if (!named.isEmpty()) {
      only(named, "on the command line");
      if (typed.deviceCode()) {
        return new EntraCredential.DeviceCode();
      }
      return typed.clientCertificate() != null
          ? certificate(typed.clientCertificate(), first(pathText(
              typed.clientCertificatePasswordFile()),
              env("LAPSBRIDGE_CLIENT_CERTIFICATE_PASSWORD_FILE"),
              key(profile, "client-certificate-password-file")))
          : secretFile(typed.clientSecretFile(), "--client-secret-file");
    }
    String certificate = env("LAPSBRIDGE_CLIENT_CERTIFICATE");
    String secretFile = env("LAPSBRIDGE_CLIENT_SECRET_FILE");
    String secret = environment.get("LAPSBRIDGE_CLIENT_SECRET");
    for (String[] option : new String[][] {{"LAPSBRIDGE_CLIENT_CERTIFICATE", certificate},
        {"LAPSBRIDGE_CLIENT_SECRET_FILE", secretFile}, {"LAPSBRIDGE_CLIENT_SECRET", secret}}) {
      if (option[1] != null) {
        named.add(option[0]);
      }
    }
    if (!named.isEmpty()) {
      only(named, "in the environment");
      if (certificate != null) {
        return certificate(Path.of(certificate), first(
            pathText(typed.clientCertificatePasswordFile()),
            env("LAPSBRIDGE_CLIENT_CERTIFICATE_PASSWORD_FILE"),
            key(profile, "client-certificate-password-file")));
      }
      if (secretFile != null) {
        return secretFile(Path.of(secretFile), "LAPSBRIDGE_CLIENT_SECRET_FILE");
      }
      if (secret.isEmpty()) {
        throw new SettingsException("LAPSBRIDGE_CLIENT_SECRET is empty");
      }
      return new EntraCredential.ClientSecret(Secret.of(secret));
    }
    String auth = key(profile, "auth");
    String profileCertificate = key(profile, "client-certificate");
    String profileSecret = key(profile, "client-secret-file");
    if (auth != null && !auth.equals("device-code")) {
      throw new SettingsException("profile key 'auth' may only be 'device-code', not '" + auth
          + "' (a secret or certificate is named by its file key)");
    }
    for (String[] option : new String[][] {{"auth", auth},
        {"client-certificate", profileCertificate}, {"client-secret-file", profileSecret}}) {
      if (option[1] != null) {
        named.add("'" + option[0] + "'");
      }
    }
    if (!named.isEmpty()) {
      only(named, "in the profile");
      if (auth != null) {
        return new EntraCredential.DeviceCode();
      }
      if (profileCertificate != null) {
        return certificate(Path.of(profileCertificate), first(
            pathText(typed.clientCertificatePasswordFile()),
            env("LAPSBRIDGE_CLIENT_CERTIFICATE_PASSWORD_FILE"),
            key(profile, "client-certificate-password-file")));
      }
      return secretFile(Path.of(profileSecret), "client-secret-file");
    }
    throw new SettingsException("Entra ID needs a credential: --client-secret-file,"
        + " --client-certificate or --device-code (or LAPSBRIDGE_CLIENT_SECRET_FILE,"
        + " LAPSBRIDGE_CLIENT_SECRET, LAPSBRIDGE_CLIENT_CERTIFICATE)");
  }

  private static void only(List<String> named, String where) {
    if (named.size() > 1) {
      throw new SettingsException("choose one Entra credential " + where + ", not "
          + String.join(" and ", named));
    }
  }

  private static EntraCredential certificate(Path file, String passwordFile) {
    if (!Files.isRegularFile(file)) {
      throw new SettingsException("--client-certificate " + file + " does not exist");
    }
    return new EntraCredential.ClientCertificate(file, passwordFile == null ? null
        : BindPassword.fromFile(Path.of(passwordFile), "--client-certificate-password-file"));
  }

  private static EntraCredential secretFile(Path file, String option) {
    return new EntraCredential.ClientSecret(BindPassword.fromFile(file, option));
  }

  private Optional<ConnectionProfile> profile(EntraArguments typed) {
    String name = first(typed.profile(), env("LAPSBRIDGE_PROFILE"));
    Path named = typed.profileFile() != null ? typed.profileFile()
        : path(env("LAPSBRIDGE_CONFIG"));
    Path file = named != null ? named : defaultProfileFile;
    if (named != null && !Files.isRegularFile(named)) {
      throw new SettingsException((typed.profileFile() != null ? "--config " : "LAPSBRIDGE_CONFIG ")
          + file + " does not exist");
    }
    boolean explicit = name != null;
    return ConnectionProfile.load(file, explicit ? name : ConnectionProfile.DEFAULT_NAME,
        explicit);
  }

  private static URI https(String option, String value, URI fallback) {
    if (value == null) {
      return fallback;
    }
    URI uri;
    try {
      uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(option + " is not a URL: '" + value + "'");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      // Tokens and passwords travel on it: TLS always.
      throw new SettingsException(option + " must be an https:// URL: '" + value + "'");
    }
    return uri;
  }

  private String env(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String key(Optional<ConnectionProfile> profile, String key) {
    return profile.flatMap(p -> p.get(key)).orElse(null);
  }

  private static String pathText(Path path) {
    return path == null ? null : path.toString();
  }

  private static Path path(String text) {
    return text == null ? null : Path.of(text);
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
