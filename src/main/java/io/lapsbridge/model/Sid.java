package io.lapsbridge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Windows security identifier (MS-DTYP 2.4.2): revision 1, a 48-bit identifier authority and
 * 1 to 15 unsigned 32-bit sub-authorities. The one SID type of the code base: {@link #of} is the
 * strict parser of the {@code S-1-...} text form, {@link #toBytes} the binary form that
 * {@code objectSid} and security descriptors hold. Decoding untrusted bytes is a wire concern
 * ({@code wire.LittleEndianReader#sid}), because only there can a malformed value be reported
 * with its offset.
 *
 * @param authority the identifier authority, 0 to 2^48-1
 * @param subAuthorities 1 to 15 values, each 0 to 2^32-1
 */
public record Sid(long authority, List<Long> subAuthorities) {
  /** At most 15 sub-authorities (SID_MAX_SUB_AUTHORITIES). */
  public static final int MAX_SUB_AUTHORITIES = 15;

  /** The identifier authority is six bytes. */
  public static final long MAX_AUTHORITY = (1L << 48) - 1;

  private static final long MAX_SUB_AUTHORITY = 0xFFFF_FFFFL;

  public static final Sid EVERYONE = of("S-1-1-0");
  public static final Sid CREATOR_OWNER = of("S-1-3-0");
  public static final Sid ENTERPRISE_DOMAIN_CONTROLLERS = of("S-1-5-9");
  public static final Sid SELF = of("S-1-5-10");
  public static final Sid AUTHENTICATED_USERS = of("S-1-5-11");
  public static final Sid SYSTEM = of("S-1-5-18");
  public static final Sid BUILTIN_ADMINISTRATORS = of("S-1-5-32-544");
  public static final Sid BUILTIN_USERS = of("S-1-5-32-545");
  public static final Sid ACCOUNT_OPERATORS = of("S-1-5-32-548");
  public static final Sid PRE_WINDOWS_2000_COMPATIBLE_ACCESS = of("S-1-5-32-554");

  /** The relative identifier of a domain's Domain Admins group. */
  public static final long DOMAIN_ADMINS_RID = 512;

  private static final Map<Sid, String> WELL_KNOWN_NAMES =
      Map.of(
          EVERYONE, "Everyone",
          CREATOR_OWNER, "CREATOR OWNER",
          ENTERPRISE_DOMAIN_CONTROLLERS, "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS",
          SELF, "NT AUTHORITY\\SELF",
          AUTHENTICATED_USERS, "NT AUTHORITY\\Authenticated Users",
          SYSTEM, "NT AUTHORITY\\SYSTEM",
          BUILTIN_ADMINISTRATORS, "BUILTIN\\Administrators",
          BUILTIN_USERS, "BUILTIN\\Users",
          ACCOUNT_OPERATORS, "BUILTIN\\Account Operators",
          PRE_WINDOWS_2000_COMPATIBLE_ACCESS, "BUILTIN\\Pre-Windows 2000 Compatible Access");

  public Sid {
    if (authority < 0 || authority > MAX_AUTHORITY) {
      throw new IllegalArgumentException(
          "SID identifier authority " + authority + " is outside 0.." + MAX_AUTHORITY);
    }
    subAuthorities = List.copyOf(subAuthorities);
    if (subAuthorities.isEmpty() || subAuthorities.size() > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException(
          "a SID has 1 to 15 sub-authorities, not " + subAuthorities.size());
    }
    for (long value : subAuthorities) {
      if (value < 0 || value > MAX_SUB_AUTHORITY) {
        throw new IllegalArgumentException(
            "SID sub-authority " + value + " is outside 0.." + MAX_SUB_AUTHORITY);
      }
    }
  }

  /**
   * Parses the text form of MS-DTYP 2.4.2.1: {@code S-1-}, the authority in decimal (below 2^32)
   * or as {@code 0x} and up to 12 hex digits, then 1 to 15 decimal sub-authorities. A lower-case
   * {@code s} is accepted, as Windows does; nothing else is (no spaces, signs or empty parts).
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static Sid of(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a SID is required, not null");
    }
    String[] parts = text.split("-", -1);
    if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
      throw invalid(text, "it does not start with S-1-");
    }
    int subCount = parts.length - 3;
    if (subCount == 0) {
      throw invalid(text, "it has no sub-authorities");
    }
    if (subCount > MAX_SUB_AUTHORITIES) {
      throw invalid(text, "it has " + subCount + " sub-authorities, at most 15 are allowed");
    }
    long authority = authority(text, parts[2]);
    List<Long> subs = new ArrayList<>(subCount);
    for (int i = 3; i < parts.length; i++) {
      long value = decimal(parts[i], 10);
      if (value < 0 || value > MAX_SUB_AUTHORITY) {
        throw invalid(text, "sub-authority " + (i - 2) + " '" + parts[i]
            + "' is not a decimal number from 0 to 4294967295");
      }
      subs.add(value);
    }
    return new Sid(authority, subs);
  }

  /** Parses like {@link #of}, or nothing when {@code text} is not a SID. */
  public static Optional<Sid> parse(String text) {
    try {
      return Optional.of(of(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@link #of} accepts {@code text}. */
  public static boolean isValid(String text) {
    return parse(text).isPresent();
  }

  private static long authority(String text, String part) {
    if (part.startsWith("0x") || part.startsWith("0X")) {
      String hex = part.substring(2);
      if (hex.isEmpty() || hex.length() > 12 || !hex.chars().allMatch(Sid::isHexDigit)) {
        throw invalid(text, "authority '" + part + "' is not 0x and 1 to 12 hex digits");
      }
      return Long.parseLong(hex, 16);
    }
    long value = decimal(part, 10);
    if (value < 0 || value > MAX_SUB_AUTHORITY) {
      throw invalid(text, "authority '" + part
          + "' is not a decimal number below 2^32 (write larger ones as 0x and 12 hex digits)");
    }
    return value;
  }

  /** An ASCII decimal of at most {@code maxDigits} digits, or -1. */
  private static long decimal(String part, int maxDigits) {
    if (part.isEmpty() || part.length() > maxDigits) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException("'" + text + "' is not a SID: " + problem);
  }

  /** The SID of a domain account: this domain SID with {@code rid} appended. */
  public Sid withRid(long rid) {
    List<Long> subs = new ArrayList<>(subAuthorities);
    subs.add(rid);
    return new Sid(authority, subs);
  }

  /**
   * Whether this is an account of an Active Directory domain ({@code S-1-5-21-a-b-c-rid}): the
   * NT authority, sub-authority 21, three domain identifiers and the relative identifier.
   */
  public boolean isDomainAccount() {
    return authority == 5 && subAuthorities.size() == 5 && subAuthorities.get(0) == 21;
  }

  /** The last sub-authority: the relative identifier of a domain account. */
  public long rid() {
    return subAuthorities.get(subAuthorities.size() - 1);
  }

  /** The name Windows gives a well-known, domain-independent SID. */
  public Optional<String> wellKnownName() {
    return Optional.ofNullable(WELL_KNOWN_NAMES.get(this));
  }

  /** The binary size: 8 bytes of header plus 4 per sub-authority. */
  public int binaryLength() {
    return 8 + 4 * subAuthorities.size();
  }

  /**
   * The binary form (MS-DTYP 2.4.2.2): revision, count, the authority big-endian in six bytes,
   * then each sub-authority little-endian.
   */
  public byte[] toBytes() {
    byte[] out = new byte[binaryLength()];
    out[0] = 1;
    out[1] = (byte) subAuthorities.size();
    for (int i = 0; i < 6; i++) {
      out[2 + i] = (byte) (authority >>> (8 * (5 - i)));
    }
    for (int i = 0; i < subAuthorities.size(); i++) {
      long value = subAuthorities.get(i);
      for (int b = 0; b < 4; b++) {
        out[8 + 4 * i + b] = (byte) (value >>> (8 * b));
      }
    }
    return out;
  }

  /** The text form; an authority of 2^32 or more is written as 0x and 12 hex digits. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("S-1-");
    text.append(authority <= MAX_SUB_AUTHORITY
        ? Long.toString(authority)
        : String.format(Locale.ROOT, "0x%012X", authority));
    for (long value : subAuthorities) {
      text.append('-').append(value);
    }
    return text.toString();
  }
}
