package io.lapsbridge.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which ticket cache a {@code --kerberos} bind reads. Java's Kerberos reads {@code FILE:} caches
 * only, while {@code kinit} may write to macOS's {@code API:} cache, SSSD's {@code KCM:} or the
 * kernel {@code KEYRING:} (the defaults of macOS, RHEL and Fedora). Such a cache, named by
 * {@code KRB5CCNAME} or by {@code default_ccache_name} in krb5.conf, is refused with the
 * commands that put a ticket where Java finds it, instead of a bind failing for "no ticket".
 *
 * @param environment {@code KRB5CCNAME} and {@code KRB5_CONFIG} are read from it
 * @param uid this user's numeric id; negative when unknown
 * @param macOs whether this is macOS, whose default cache is {@code API:}
 * @param exists whether a file exists (a test passes its own)
 */
record TicketCacheName(Map<String, String> environment, long uid, boolean macOs,
    Predicate<Path> exists) {
  private static final Set<String> UNREADABLE =
      Set.of("API", "KCM", "KEYRING", "MEMORY", "MSLSA");

  /** This process's user and system. */
  static TicketCacheName of(Map<String, String> environment) {
    long uid = -1;
    for (Path owned : List.of(Path.of("/proc/self"), Path.of(System.getProperty("user.home")))) {
      try {
        uid = ((Number) Files.getAttribute(owned, "unix:uid")).longValue();
        break;
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        // not this one (no /proc on macOS; no unix view on Windows)
      }
    }
    boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
    return new TicketCacheName(environment, uid, mac, Files::isRegularFile);
  }

  /** The krb5.conf to read: the first existing file of {@code KRB5_CONFIG}; empty for none. */
  Optional<Path> krb5Conf() {
    String list = environment.get("KRB5_CONFIG");
    if (list == null || list.isBlank()) {
      return Optional.empty();
    }
    for (String file : list.split(":", -1)) {
      if (!file.isBlank() && exists.test(Path.of(file))) {
        return Optional.of(Path.of(file));
      }
    }
    throw new SettingsException("KRB5_CONFIG names no existing file: " + list);
  }

  /**
   * The {@code FILE:} cache to read, as a path (empty for the JDK's default when this user's id
   * is unknown); or a SettingsException saying what to do.
   */
  Optional<Path> resolve() {
    if (uid < 0 && !environment.containsKey("KRB5CCNAME")) {
      return Optional.empty();
    }
    return Optional.of(named());
  }

  private Path named() {
    String name = environment.get("KRB5CCNAME");
    String source = "KRB5CCNAME";
    if (name == null || name.isBlank()) {
      Path conf = krb5Conf().orElse(Path.of("/etc/krb5.conf"));
      Optional<String> configured = defaultCcacheName(conf);
      if (configured.isPresent()) {
        name = configured.get();
        source = "default_ccache_name in " + conf;
      } else if (macOs) {
        name = "API:";
        source = "macOS's default";
      } else {
        return fileCache();
      }
    }
    name = expand(name.strip());
    int colon = name.indexOf(':');
    String type = colon > 0 ? name.substring(0, colon).toUpperCase(Locale.ROOT) : "FILE";
    String residual = colon > 0 ? name.substring(colon + 1) : name;
    if (type.equals("FILE")) {
      return Path.of(residual);
    }
    if (type.equals("DIR")) {
      return directoryCache(residual, name, source);
    }
    if (!source.equals("KRB5CCNAME") && exists.test(fileCache())) {
      // kinit -c FILE:/tmp/krb5cc_UID was run already; Java's default finds that one.
      return fileCache();
    }
    String what = UNREADABLE.contains(type) ? type + ": cache" : "cache of type " + type + ":";
    throw new SettingsException("the Kerberos ticket cache is " + name + " (" + source
        + "), a " + what + " that Java cannot read: Java reads FILE: caches only. Get a ticket"
        + " into a file and point KRB5CCNAME at it: kinit -c FILE:" + fileCache()
        + " PRINCIPAL, then export KRB5CCNAME=FILE:" + fileCache()
        + " (or bind with --keytab and --kerberos-principal)");
  }

  /** MIT's DIR: collection: the file named in its {@code primary}, else {@code tkt}. */
  private Path directoryCache(String residual, String name, String source) {
    if (residual.startsWith(":")) {
      return Path.of(residual.substring(1)); // DIR::/path/to/one/cache
    }
    Path dir = Path.of(residual);
    Path primary = dir.resolve("primary");
    try {
      if (exists.test(primary)) {
        return dir.resolve(Files.readString(primary, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new SettingsException("cannot read " + primary + " of the ticket cache " + name
          + " (" + source + "): " + e.getClass().getSimpleName());
    }
    return dir.resolve("tkt");
  }

  private Path fileCache() {
    return Path.of("/tmp/krb5cc_" + (uid >= 0 ? Long.toString(uid) : "UID"));
  }

  private String expand(String name) {
    String id = uid >= 0 ? Long.toString(uid) : "UID";
    return name.replace("%{uid}", id).replace("%{USERID}", id).replace("%{euid}", id)
        .replace("%{TEMP}", "/tmp");
  }

  /** {@code default_ccache_name} of {@code [libdefaults]}; empty if unset or unreadable. */
  Optional<String> defaultCcacheName(Path conf) {
    if (!exists.test(conf)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    return defaultCcacheName(lines);
  }

  static Optional<String> defaultCcacheName(List<String> lines) {
    boolean libdefaults = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("#") || line.startsWith(";") || line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        libdefaults = line.equalsIgnoreCase("[libdefaults]");
        continue;
      }
      int equals = line.indexOf('=');
      if (libdefaults && equals > 0
          && line.substring(0, equals).strip().equals("default_ccache_name")) {
        return Optional.of(line.substring(equals + 1).strip());
      }
    }
    return Optional.empty();
  }
}
