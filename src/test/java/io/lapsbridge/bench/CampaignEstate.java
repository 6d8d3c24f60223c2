package io.lapsbridge.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The migration side of the fault campaign: an estate of computers of six kinds, each kind in
 * its own OU with its own rule, so that one plan holds every multi-action unit the planner makes
 * (mirror then rotation, encrypted mirror then rotation, cleanup then rotation, a mirror
 * refresh, a lone pipelined rotation, and computers with nothing to do); and the checks, written
 * from the kinds' definitions rather than from the code under test.
 */
final class CampaignEstate {
  static final String AS_OF = "2026-06-01T00:00:00Z";
  static final FileTime PLAN_TIME = FileTime.of(Instant.parse(AS_OF));
  static final String DECRYPTOR = "S-1-5-21-1000000001-2000000002-3000000003-512";
  private static final String ACCOUNT = "Administrator";

  /** The kinds of computer; each has an OU, a rule and a defined end state. */
  enum Kind {
    MIRROR, ENC_MIRROR, MIGRATED, REFRESH, ROTATE, IDLE;

    String ou() {
      return name().replace("_", "").toLowerCase(Locale.ROOT);
    }
  }

  /** One computer as loaded: its passwords (the device's is the one it must keep). */
  record Computer(String name, Kind kind, String legacy, String windows) {}

  private final List<Computer> computers = new ArrayList<>();

  /** {@code count} computers, kinds in turn, passwords from {@code seed}. */
  CampaignEstate(int count, long seed) {
    Random random = new Random(seed);
    Kind[] kinds = Kind.values();
    for (int i = 0; i < count; i++) {
      Kind kind = kinds[i % kinds.length];
      String legacy = password(random);
      String windows = kind == Kind.MIGRATED || kind == Kind.REFRESH ? password(random) : null;
      computers.add(new Computer(String.format(Locale.ROOT, "C%04d", i), kind, legacy, windows));
    }
  }

  List<Computer> computers() {
    return computers;
  }

  /** A password with the characters that need care in LDIF, JSON and CSV. */
  private static String password(Random random) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789=+-@\"\\,{}:";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static FileTime days(long days) {
    return FileTime.of(PLAN_TIME.toInstant().plus(Duration.ofDays(days)));
  }

  private static String json(String account, FileTime updated, String password) {
    return WindowsLapsPasswordJson.format(
        new WindowsLapsPasswordJson.Value(account, updated, Secret.of(password)));
  }

  /** Loads the estate under {@code ouDn} (created here). */
  void load(LDAPConnection admin, String ouDn) throws LDAPException {
    String ou = ouDn.substring(3, ouDn.indexOf(','));
    admin.add(new Entry(ouDn, new Attribute("objectClass", "top", "organizationalUnit"),
        new Attribute("ou", ou)));
    for (Kind kind : Kind.values()) {
      admin.add(new Entry("ou=" + kind.ou() + "," + ouDn,
          new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", kind.ou())));
    }
    for (Computer c : computers) {
      List<Attribute> attributes = new ArrayList<>();
      attributes.add(new Attribute("objectClass", "top", "user", "computer"));
      attributes.add(new Attribute("cn", c.name()));
      attributes.add(new Attribute("sAMAccountName", c.name() + "$"));
      attributes.add(new Attribute("ms-Mcs-AdmPwd", c.legacy()));
      switch (c.kind()) {
        case MIRROR, ENC_MIRROR -> attributes.add(expiry("ms-Mcs-AdmPwdExpirationTime", days(19)));
        case ROTATE -> attributes.add(expiry("ms-Mcs-AdmPwdExpirationTime", days(10)));
        case IDLE -> attributes.add(expiry("ms-Mcs-AdmPwdExpirationTime", days(-5)));
        case MIGRATED -> {
          // Legacy expired two months ago; Windows LAPS wrote its own password 12 days ago.
          attributes.add(expiry("ms-Mcs-AdmPwdExpirationTime", days(-61)));
          attributes.add(new Attribute("msLAPS-Password", json(ACCOUNT, days(-12), c.windows())));
          attributes.add(expiry("msLAPS-PasswordExpirationTime", days(18)));
        }
        case REFRESH -> {
          // A marked mirror (expiry = t) of 5 days ago; the legacy client rotated since.
          attributes.add(expiry("ms-Mcs-AdmPwdExpirationTime", days(27)));
          attributes.add(new Attribute("msLAPS-Password", json(ACCOUNT, days(-5), c.windows())));
          attributes.add(expiry("msLAPS-PasswordExpirationTime", days(-5)));
        }
        default -> throw new IllegalStateException(c.kind().name());
      }
      admin.add(new Entry(dn(c, ouDn), attributes));
    }
  }

  private static Attribute expiry(String name, FileTime time) {
    return new Attribute(name, FileTimeText.toDecimal(time));
  }

  static String dn(Computer c, String ouDn) {
    return "cn=" + c.name() + ",ou=" + c.kind().ou() + "," + ouDn;
  }

  /** The rules: one per kind, by subtree. */
  static String rules(String ouDn) {
    return "version: 1\nrules:\n"
        + rule("mirror", Kind.MIRROR, ouDn, "windows-cleartext", "    mirror: true\n")
        + rule("enc-mirror", Kind.ENC_MIRROR, ouDn, "windows-encrypted",
            "    mirror: {target: encrypted, decryptor: \"" + DECRYPTOR + "\"}\n")
        + rule("migrated", Kind.MIGRATED, ouDn, "windows-encrypted",
            "    cleanupLegacy: true\n    graceDays: 7\n")
        + rule("refresh", Kind.REFRESH, ouDn, "side-by-side", "    mirror: true\n")
        + rule("rotate", Kind.ROTATE, ouDn, "windows-cleartext", "")
        + rule("idle", Kind.IDLE, ouDn, "windows-cleartext", "");
  }

  private static String rule(String name, Kind kind, String ouDn, String target, String extra) {
    return "  - name: " + name + "\n    scope: {subtree: \"ou=" + kind.ou() + "," + ouDn
        + "\"}\n    target: " + target + "\n" + extra;
  }

  /** Actions the plan must hold: two per mirror, encrypted mirror and migrated, one per refresh and rotate. */
  int expectedActions() {
    int n = 0;
    for (Computer c : computers) {
      n += switch (c.kind()) {
        case MIRROR, ENC_MIRROR, MIGRATED -> 2;
        case REFRESH, ROTATE -> 1;
        case IDLE -> 0;
      };
    }
    return n;
  }

  /** What is wrong with the estate under {@code ouDn}, one line per computer. */
  static final class Findings {
    final List<String> lost = new ArrayList<>();
    final List<String> wrong = new ArrayList<>();
  }

  /**
   * Checks every computer. Always (also right after a kill): the device's password is still
   * stored where a client or a person finds it, and every stored password value is valid (the
   * JSON parses, the encrypted value decrypts, a copy equals its source); otherwise it counts as
   * lost. With {@code finished}: the exact end state each kind defines; a difference there
   * (no password lost) is "wrong".
   */
  Findings check(LDAPConnection admin, String ouDn, LapsDecryptor decryptor, boolean finished)
      throws LDAPException {
    Map<String, SearchResultEntry> byName = new HashMap<>();
    for (SearchResultEntry e : admin.search(ouDn, SearchScope.SUB, "(objectClass=computer)",
        "cn", "ms-Mcs-AdmPwd", "ms-Mcs-AdmPwdExpirationTime", "msLAPS-Password",
        "msLAPS-PasswordExpirationTime", "msLAPS-EncryptedPassword").getSearchEntries()) {
      byName.put(e.getAttributeValue("cn"), e);
    }
    Findings findings = new Findings();
    for (Computer c : computers) {
      SearchResultEntry e = byName.get(c.name());
      if (e == null) {
        findings.lost.add(c.name() + ": entry missing");
        continue;
      }
      String problem = lost(c, e, decryptor);
      if (problem != null) {
        findings.lost.add(c.name() + " (" + c.kind() + "): " + problem);
      } else if (finished) {
        String difference = endState(c, e);
        if (difference != null) {
          findings.wrong.add(c.name() + " (" + c.kind() + "): " + difference);
        }
      }
    }
    return findings;
  }

  /** Why a password is lost or invalid, or null. */
  private static String lost(Computer c, SearchResultEntry e, LapsDecryptor decryptor) {
    String legacy = e.getAttributeValue("ms-Mcs-AdmPwd");
    String json = e.getAttributeValue("msLAPS-Password");
    byte[] encrypted = e.getAttributeValueBytes("msLAPS-EncryptedPassword");
    WindowsLapsPasswordJson.Value cleartext = null;
    if (json != null) {
      try {
        cleartext = WindowsLapsPasswordJson.parse(json);
      } catch (MalformedValueException ex) {
        return "msLAPS-Password does not parse: " + ex.getMessage();
      }
    }
    DecryptedPassword decrypted = null;
    if (encrypted != null) {
      try {
        decrypted = decryptor.decrypt(encrypted);
      } catch (LapsCryptoException ex) {
        return "msLAPS-EncryptedPassword does not decrypt: " + ex.getMessage();
      }
    }
    if (legacy != null && !legacy.equals(c.legacy())) {
      return "ms-Mcs-AdmPwd changed (migration never writes it)";
    }
    if (c.kind() == Kind.MIGRATED) {
      // The device's password is the Windows LAPS one; the legacy one may go (cleanup).
      if (cleartext == null || !cleartext.password().reveal().equals(c.windows())) {
        return "the Windows LAPS password the device uses is gone or changed";
      }
      return null;
    }
    if (legacy == null) {
      return "ms-Mcs-AdmPwd, the device's password, is gone";
    }
    if (c.kind() == Kind.REFRESH) {
      // The old copy or the refreshed one; nothing else.
      if (cleartext == null) {
        return "the mirror is gone";
      }
      String p = cleartext.password().reveal();
      if (!p.equals(c.windows()) && !p.equals(c.legacy())) {
        return "the mirror holds neither the old copy nor the legacy password";
      }
    } else if (cleartext != null && !cleartext.password().reveal().equals(c.legacy())) {
      return "msLAPS-Password is not a copy of the legacy password";
    }
    if (decrypted != null && !decrypted.password().reveal().equals(c.legacy())) {
      return "msLAPS-EncryptedPassword is not a copy of the legacy password";
    }
    return null;
  }

  /** How a finished computer differs from its kind's end state, or null. */
  private static String endState(Computer c, SearchResultEntry e) {
    String plan = FileTimeText.toDecimal(PLAN_TIME);
    String legacyExpiry = e.getAttributeValue("ms-Mcs-AdmPwdExpirationTime");
    String windowsExpiry = e.getAttributeValue("msLAPS-PasswordExpirationTime");
    String json = e.getAttributeValue("msLAPS-Password");
    boolean encrypted = e.hasAttribute("msLAPS-EncryptedPassword");
    String mirror = json(ACCOUNT, PLAN_TIME, c.legacy());
    return switch (c.kind()) {
      case MIRROR -> expect(plan.equals(legacyExpiry) && mirror.equals(json)
          && plan.equals(windowsExpiry) && !encrypted,
          "expected the cleartext mirror at the plan time and the legacy expiry expired");
      case ENC_MIRROR -> expect(plan.equals(legacyExpiry) && json == null && encrypted
          && plan.equals(windowsExpiry),
          "expected the encrypted mirror at the plan time and the legacy expiry expired");
      case MIGRATED -> expect(!e.hasAttribute("ms-Mcs-AdmPwd") && legacyExpiry == null
          && json(ACCOUNT, days(-12), c.windows()).equals(json) && plan.equals(windowsExpiry),
          "expected the legacy attributes removed and the Windows expiry expired");
      case REFRESH -> expect(mirror.equals(json) && plan.equals(windowsExpiry)
          && FileTimeText.toDecimal(days(27)).equals(legacyExpiry),
          "expected the refreshed mirror at the plan time");
      case ROTATE -> expect(plan.equals(legacyExpiry) && json == null,
          "expected the legacy expiry expired");
      case IDLE -> expect(FileTimeText.toDecimal(days(-5)).equals(legacyExpiry) && json == null,
          "expected no change");
    };
  }

  private static String expect(boolean ok, String what) {
    return ok ? null : what;
  }
}
