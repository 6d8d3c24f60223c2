package io.lapsbridge.embedded;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;

/**
 * Generates a sample estate of computers covering every LAPS state, deterministically from a
 * seeded random source and a clock. Computers are produced one at a time so that 10k or 100k of
 * them never sit in memory together.
 */
public final class SampleEstate {
  /** The LAPS state a sample computer is generated in. */
  public enum State {
    LEGACY_ONLY,
    WINDOWS_CLEARTEXT,
    BOTH_FAMILIES,
    NEITHER,
    LEGACY_EXPIRED,
    WINDOWS_EXPIRED,
    MALFORMED_EXPIRY,
    MALFORMED_JSON;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One generated computer.
   *
   * @param name the computer name ({@code cn})
   * @param dn its DN
   * @param state the LAPS state it was generated in
   * @param attributes every attribute of the entry, objectClass first
   */
  public record Computer(String name, String dn, State state, Map<String, List<String>> attributes) {
    /** Never list attribute values: some are passwords. */
    @Override
    public String toString() {
      return "Computer[" + dn + ", " + state.label() + "]";
    }
  }

  private final String baseDn;
  private final RandomGenerator random;
  private final PasswordGenerator passwords;
  private final Clock clock;

  public SampleEstate(String baseDn, RandomGenerator random, Clock clock) {
    this.baseDn = baseDn;
    this.random = random;
    this.passwords = new PasswordGenerator(random);
    this.clock = clock;
  }

  /** The state of the computer at {@code index}: states rotate so every one appears. */
  public static State stateOf(int index) {
    State[] states = State.values();
    return states[index % states.length];
  }

  /** The index of the first computer in {@code state}. */
  public static int firstIndexOf(State state) {
    int index = 0;
    while (stateOf(index) != state) {
      index++;
    }
    return index;
  }

  /** The name of the computer at {@code index}; one in five is a server. */
  public static String nameOf(int index) {
    return index % 5 == 4
        ? String.format(Locale.ROOT, "SRV-%05d", index + 1)
        : String.format(Locale.ROOT, "WS-%05d", index + 1);
  }

  public void generate(int count, Consumer<Computer> sink) {
    for (int i = 0; i < count; i++) {
      sink.accept(computer(i));
    }
  }

  Computer computer(int index) {
    String name = nameOf(index);
    boolean server = name.startsWith("SRV");
    String ou = server ? "ou=Servers,ou=Computers," : "ou=Workstations,ou=Computers,";
    String dn = "cn=" + name + "," + ou + baseDn;
    State state = stateOf(index);
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    attributes.put("objectClass", List.of("top", "user", "computer"));
    attributes.put("cn", List.of(name));
    attributes.put("sAMAccountName", List.of(name + "$"));
    attributes.put("dNSHostName", List.of(name.toLowerCase(Locale.ROOT) + "." + domainOf(baseDn)));
    attributes.put(
        "operatingSystem",
        List.of(server ? "Windows Server 2022 Standard" : "Windows 11 Enterprise"));
    attributes.put("userAccountControl", List.of("4096"));

    Instant now = clock.instant();
    Instant updated = now.minus(Duration.ofHours(1 + random.nextInt(24 * 20)));
    Instant future = now.plus(Duration.ofHours(24 + random.nextInt(24 * 29)));
    Instant past = now.minus(Duration.ofHours(1 + random.nextInt(24 * 60)));
    switch (state) {
      case LEGACY_ONLY -> legacy(attributes, future);
      case WINDOWS_CLEARTEXT -> windows(attributes, updated, future);
      case BOTH_FAMILIES -> {
        legacy(attributes, future);
        windows(attributes, updated, future);
      }
      case NEITHER -> {}
      case LEGACY_EXPIRED -> legacy(attributes, past);
      case WINDOWS_EXPIRED -> windows(attributes, updated.minus(Duration.ofDays(60)), past);
      case MALFORMED_EXPIRY -> {
        legacy(attributes, future);
        attributes.put(
            LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(), List.of("-42"));
      }
      case MALFORMED_JSON -> {
        windows(attributes, updated, future);
        attributes.put(LapsAttribute.PASSWORD.ldapName(), List.of("{\"n\":\"Administrator\",\"t\":"));
      }
    }
    return new Computer(name, dn, state, attributes);
  }

  private void legacy(Map<String, List<String>> attributes, Instant expires) {
    attributes.put(LapsAttribute.LEGACY_PASSWORD.ldapName(), List.of(password()));
    attributes.put(
        LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(),
        List.of(FileTimeText.toDecimal(FileTime.of(expires))));
  }

  private void windows(Map<String, List<String>> attributes, Instant updated, Instant expires) {
    WindowsLapsPasswordJson.Value value =
        new WindowsLapsPasswordJson.Value(
            "Administrator", FileTime.of(updated), Secret.of(password()));
    attributes.put(LapsAttribute.PASSWORD.ldapName(), List.of(WindowsLapsPasswordJson.format(value)));
    attributes.put(
        LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(),
        List.of(FileTimeText.toDecimal(FileTime.of(expires))));
  }

  /** Windows LAPS defaults: complexity 4, 14 characters. */
  private String password() {
    try (Secret secret = passwords.generate(4, 14)) {
      return secret.reveal();
    }
  }

  /** {@code DC=example,DC=com} gives {@code example.com}; parsed as a DN, never split on commas. */
  private static String domainOf(String baseDn) {
    Deque<String> labels = new ArrayDeque<>();
    try {
      // ApacheDS iterates a DN from its root: DC=com first.
      for (Rdn rdn : new Dn(baseDn)) {
        if (rdn.size() == 1 && rdn.getType().equalsIgnoreCase("dc")) {
          labels.addFirst(rdn.getValue());
        }
      }
    } catch (LdapInvalidDnException e) {
      throw new IllegalArgumentException("the base DN '" + baseDn + "' is not a DN", e);
    }
    return String.join(".", labels);
  }
}
