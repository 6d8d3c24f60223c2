package io.lapsbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java reads FILE: caches only; the others are refused with what to run instead. */
class TicketCacheNameTest {
  @TempDir Path temp;

  private static TicketCacheName names(Map<String, String> environment, Set<Path> existing,
      boolean mac) {
    return new TicketCacheName(environment, 1000, mac, existing::contains);
  }

  private static String advice(String cache, String source) {
    return "the Kerberos ticket cache is " + cache + " (" + source + "), a " + cache.substring(0,
        cache.indexOf(':')) + ": cache that Java cannot read: Java reads FILE: caches only. Get a"
        + " ticket into a file and point KRB5CCNAME at it: kinit -c FILE:/tmp/krb5cc_1000"
        + " PRINCIPAL, then export KRB5CCNAME=FILE:/tmp/krb5cc_1000 (or bind with --keytab and"
        + " --kerberos-principal)";
  }

  @Test
  void aFileCacheIsUsedAsNamed() {
    assertEquals(Optional.of(Path.of("/tmp/x")),
        names(Map.of("KRB5CCNAME", "FILE:/tmp/x"), Set.of(), false).resolve());
    assertEquals(Optional.of(Path.of("/tmp/y")),
        names(Map.of("KRB5CCNAME", "/tmp/y"), Set.of(), false).resolve(), "no type is FILE:");
    assertEquals(Optional.of(Path.of("/tmp/krb5cc_1000")),
        names(Map.of(), Set.of(), false).resolve(), "MIT's default");
  }

  @Test
  void kcmApiAndKeyringFromKrb5ccnameAreRefusedWithTheCommandsToRun() {
    for (String cache : List.of("KCM:1000", "API:ABCD-1234", "KEYRING:persistent:1000")) {
      SettingsException e = assertThrows(SettingsException.class,
          () -> names(Map.of("KRB5CCNAME", cache), Set.of(Path.of("/tmp/krb5cc_1000")), false)
              .resolve());
      assertEquals(advice(cache, "KRB5CCNAME"), e.getMessage());
    }
  }

  @Test
  void theDefaultFromKrb5ConfCountsUnlessAFileCacheIsThereAlready() throws Exception {
    Path conf = Files.writeString(temp.resolve("krb5.conf"), "[realms]\n"
        + " default_ccache_name = FILE:/not/this\n[libdefaults]\n"
        + "  # a comment\n  default_ccache_name = KEYRING:persistent:%{uid}\n");
    Map<String, String> environment = Map.of("KRB5_CONFIG", conf.toString());
    SettingsException e = assertThrows(SettingsException.class,
        () -> names(environment, Set.of(conf), false).resolve());
    assertEquals(advice("KEYRING:persistent:1000", "default_ccache_name in " + conf),
        e.getMessage());
    // After kinit -c FILE:/tmp/krb5cc_1000, Java's default finds the ticket.
    assertEquals(Optional.of(Path.of("/tmp/krb5cc_1000")),
        names(environment, Set.of(conf, Path.of("/tmp/krb5cc_1000")), false).resolve());
  }

  @Test
  void macOsDefaultsToItsApiCache() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> names(Map.of("KRB5_CONFIG", "/none"), Set.of(Path.of("/none")), true).resolve());
    assertEquals(advice("API:", "macOS's default"), e.getMessage());
  }

  @Test
  void aDirCollectionResolvesToItsPrimaryCache() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("cc"));
    Files.writeString(dir.resolve("primary"), "tktAbc\n");
    assertEquals(Optional.of(dir.resolve("tktAbc")), new TicketCacheName(
        Map.of("KRB5CCNAME", "DIR:" + dir), 1000, false, Files::isRegularFile).resolve());
    assertEquals(Optional.of(Path.of("/tmp/one")),
        names(Map.of("KRB5CCNAME", "DIR::/tmp/one"), Set.of(), false).resolve());
  }

  @Test
  void krb5ConfigNamesTheFirstExistingFile() {
    assertEquals(Optional.of(Path.of("/b")),
        names(Map.of("KRB5_CONFIG", "/a:/b"), Set.of(Path.of("/b")), false).krb5Conf());
    assertEquals("KRB5_CONFIG names no existing file: /a", assertThrows(SettingsException.class,
        () -> names(Map.of("KRB5_CONFIG", "/a"), Set.of(), false).krb5Conf()).getMessage());
  }
}
