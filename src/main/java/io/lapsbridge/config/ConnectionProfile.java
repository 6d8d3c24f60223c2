package io.lapsbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named set of connection defaults from a properties file, so that admins need not repeat
 * them. Keys are {@code <profile>.<option>} with the long option names: {@code host}, {@code
 * port}, {@code security} ({@code ldaps} or {@code start-tls}), {@code bind-dn}, {@code
 * bind-password-file}, {@code trust-store}, {@code base-dn}, {@code timeout}, {@code kerberos}
 * ({@code true} or {@code false}), {@code keytab}, {@code principal}, {@code realm}, {@code kdc},
 * {@code domain} (comma-separated), {@code dns-server}; and {@code profiles}, other profiles
 * (comma-separated) that {@code get-password} and {@code inventory} search in turn. A profile can name a password file
 * but never hold a password, and it cannot turn TLS off: {@code --insecure} stays on the command
 * line where a reviewer sees it.
 *
 * @param name the profile name
 * @param values the profile's options, by option name
 */
record ConnectionProfile(String name, Map<String, String> values) {
  static final Set<String> KEYS =
      Set.of("host", "port", "security", "bind-dn", "bind-password-file", "trust-store",
          "trust-store-password-file", "base-dn", "timeout", "kerberos", "keytab", "principal",
          "realm", "kdc", "domain", "dns-server", "profiles");

  static final String DEFAULT_NAME = "default";

  /** The file used when neither --config nor LAPSBRIDGE_CONFIG names one. */
  static Path defaultFile() {
    return Path.of(System.getProperty("user.home"), ".config", "lapsbridge", "profiles.properties");
  }

  /**
   * Loads {@code name} from {@code file}. A missing file or profile is an error only when the
   * user asked for it explicitly; the implicit "default" profile is optional.
   */
  static Optional<ConnectionProfile> load(Path file, String name, boolean explicit) {
    if (!Files.isRegularFile(file)) {
      if (explicit) {
        throw new SettingsException("profile file " + file + " does not exist");
      }
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new SettingsException("cannot read profile file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    String prefix = name + ".";
    for (String key : properties.stringPropertyNames()) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      String option = key.substring(prefix.length());
      if (!KEYS.contains(option) && !EntraSettingsResolver.KEYS.contains(option)) {
        java.util.Set<String> allowed = new java.util.TreeSet<>(KEYS);
        allowed.addAll(EntraSettingsResolver.KEYS);
        throw new SettingsException(file + ": unknown key '" + key + "'; allowed options: "
            + String.join(", ", allowed));
      }
      values.put(option, properties.getProperty(key).strip());
    }
    if (values.isEmpty()) {
      if (explicit) {
        throw new SettingsException("profile '" + name + "' is not defined in " + file);
      }
      return Optional.empty();
    }
    String security = values.get("security");
    if (security != null && !security.equals("ldaps") && !security.equals("start-tls")) {
      throw new SettingsException(file + ": " + name + ".security must be 'ldaps' or 'start-tls', not '"
          + security + "'");
    }
    return Optional.of(new ConnectionProfile(name, values));
  }

  Optional<String> get(String option) {
    return Optional.ofNullable(values.get(option));
  }
}
