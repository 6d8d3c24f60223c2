package io.lapsbridge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A security identifier (MS-DTYP 2.4.2): revision 1, a 48-bit identifier authority and up to 15
 * 32-bit sub-authorities.
 */
public record Sid(long authority, List<Long> subAuthorities) {
  public static final Sid EVERYONE = of("S-1-1-0");
  public static final Sid CREATOR_OWNER = of("S-1-3-0");
  public static final Sid ENTERPRISE_DOMAIN_CONTROLLERS = of("S-1-5-9");
  public static final Sid SELF = of("S-1-5-10");
  public static final Sid AUTHENTICATED_USERS = of("S-1-5-11");
  public static final Sid SYSTEM = of("S-1-5-18");
  public static final Sid BUILTIN_ADMINISTRATORS = of("S-1-5-32-544");

  /** Domain-independent SDDL aliases (domain-relative ones such as DA need a domain SID). */
  static final Map<String, Sid> ALIASES =
      Map.of(
          "WD", EVERYONE,
          "CO", CREATOR_OWNER,
          "ED", ENTERPRISE_DOMAIN_CONTROLLERS,
          "PS", SELF,
          "AU", AUTHENTICATED_USERS,
          "SY", SYSTEM,
          "BA", BUILTIN_ADMINISTRATORS,
          "BU", of("S-1-5-32-545"),
          "AO", of("S-1-5-32-548"),
          "RU", of("S-1-5-32-554"));

  private static final Map<Sid, String> WELL_KNOWN_NAMES =
      Map.of(
          EVERYONE, "Everyone",
          CREATOR_OWNER, "CREATOR OWNER",
          ENTERPRISE_DOMAIN_CONTROLLERS, "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS",
          SELF, "NT AUTHORITY\\SELF",
          AUTHENTICATED_USERS, "NT AUTHORITY\\Authenticated Users",
          SYSTEM, "NT AUTHORITY\\SYSTEM",
          BUILTIN_ADMINISTRATORS, "BUILTIN\\Administrators",
          of("S-1-5-32-545"), "BUILTIN\\Users",
          of("S-1-5-32-548"), "BUILTIN\\Account Operators",
          of("S-1-5-32-554"), "BUILTIN\\Pre-Windows 2000 Compatible Access");

  private static final int MAX_SUB_AUTHORITIES = 15;

  public Sid {
    if (authority < 0 || authority > 0xFFFF_FFFF_FFFFL) {
      throw new IllegalArgumentException("SID authority out of range: " + authority);
    }
    subAuthorities = List.copyOf(subAuthorities);
    if (subAuthorities.size() > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException(
          "a SID has at most 15 sub-authorities, not " + subAuthorities.size());
    }
    for (long value : subAuthorities) {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("SID sub-authority out of range: " + value);
      }
    }
  }

  /** Parses {@code S-1-<authority>-<sub>...}; throws IllegalArgumentException when malformed. */
  public static Sid of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a SID string: " + text));
  }

  /** Parses {@code S-1-<authority>-<sub>...}, or nothing when the text is not a SID string. */
  public static Optional<Sid> parse(String text) {
    String[] parts = text.split("-", -1);
    if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
      return Optional.empty();
    }
    try {
      long authority =
          parts[2].startsWith("0x") || parts[2].startsWith("0X")
              ? Long.parseLong(parts[2].substring(2), 16)
              : Long.parseLong(parts[2]);
      List<Long> subs = new ArrayList<>();
      for (int i = 3; i < parts.length; i++) {
        if (parts[i].isEmpty() || !parts[i].chars().allMatch(Character::isDigit)) {
          return Optional.empty();
        }
        subs.add(Long.parseLong(parts[i]));
      }
      return Optional.of(new Sid(authority, subs));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Sid read(ByteReader in, int offset) throws SecurityFormatException {
    int revision = in.u8(offset, "SID revision");
    if (revision != 1) {
      throw SecurityFormatException.atOffset(offset, "SID revision " + revision + ", expected 1");
    }
    int count = in.u8(offset + 1, "SID sub-authority count");
    if (count > MAX_SUB_AUTHORITIES) {
      throw SecurityFormatException.atOffset(
          offset + 1, "SID has " + count + " sub-authorities, at most 15 are allowed");
    }
    in.require(offset, 8 + 4 * count, "SID");
    long authority = 0;
    for (int i = 0; i < 6; i++) {
      authority = authority << 8 | in.u8(offset + 2 + i, "SID authority");
    }
    List<Long> subs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      subs.add(in.u32(offset + 8 + 4 * i, "SID sub-authority"));
    }
    return new Sid(authority, subs);
  }

  /** Decodes a binary SID that fills the whole array, as {@code objectSid} holds it. */
  public static Sid fromBytes(byte[] bytes) throws SecurityFormatException {
    Sid sid = read(new ByteReader(bytes, bytes.length), 0);
    if (sid.length() != bytes.length) {
      throw SecurityFormatException.atOffset(
          sid.length(), (bytes.length - sid.length()) + " bytes after the SID");
    }
    return sid;
  }

  /** The binary size: 8 bytes of header plus 4 per sub-authority. */
  public int length() {
    return 8 + 4 * subAuthorities.size();
  }

  void write(ByteWriter out) {
    out.u8(1).u8(subAuthorities.size());
    for (int shift = 40; shift >= 0; shift -= 8) {
      out.u8((int) (authority >>> shift));
    }
    for (long value : subAuthorities) {
      out.u32(value);
    }
  }

  public byte[] toBytes() {
    ByteWriter out = new ByteWriter();
    write(out);
    return out.toByteArray();
  }

  /** The last sub-authority: the relative identifier of a domain account. */
  public Optional<Long> rid() {
    return subAuthorities.isEmpty()
        ? Optional.empty()
        : Optional.of(subAuthorities.get(subAuthorities.size() - 1));
  }

  /** The name Windows gives a well-known, domain-independent SID. */
  public Optional<String> wellKnownName() {
    return Optional.ofNullable(WELL_KNOWN_NAMES.get(this));
  }

  /** The SDDL alias when there is one, else the S- string. */
  String toSddl() {
    for (Map.Entry<String, Sid> alias : ALIASES.entrySet()) {
      if (alias.getValue().equals(this)) {
        return alias.getKey();
      }
    }
    return toString();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("S-1-");
    text.append(authority < 1L << 32 ? Long.toString(authority) : "0x" + Long.toHexString(authority).toUpperCase(java.util.Locale.ROOT));
    for (long value : subAuthorities) {
      text.append('-').append(value);
    }
    return text.toString();
  }
}
