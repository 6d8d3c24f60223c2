package io.lapsbridge.security;

import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SDDL for the subset LAPS delegation needs: owner, group, DACL and SACL with the P, AI and AR
 * flags, NO_ACCESS_CONTROL, the ACE types of {@link AceType}, rights as codes or {@code 0x} hex,
 * GUIDs, and SIDs as S- strings or domain-independent aliases (WD, PS, AU, SY, BA, ...).
 *
 * <p>Domain-relative aliases such as DA are not accepted because they need a domain SID; write
 * the full SID. Rendering lists rights in bit order, which matches Windows for Full Control.
 */
public final class Sddl {
  private Sddl() {}

  /** Renders a descriptor. Control bits that SDDL cannot express are not shown. */
  public static String render(SecurityDescriptor sd) {
    StringBuilder text = new StringBuilder();
    sd.owner().ifPresent(sid -> text.append("O:").append(sid(sid)));
    sd.group().ifPresent(sid -> text.append("G:").append(sid(sid)));
    int control = sd.control();
    if ((control & SecurityDescriptor.DACL_PRESENT) != 0) {
      text.append("D:");
      appendAcl(text, sd.dacl(), control & SecurityDescriptor.DACL_PROTECTED,
          control & SecurityDescriptor.DACL_AUTO_INHERIT_REQ, control & SecurityDescriptor.DACL_AUTO_INHERITED);
    }
    if ((control & SecurityDescriptor.SACL_PRESENT) != 0) {
      text.append("S:");
      appendAcl(text, sd.sacl(), control & SecurityDescriptor.SACL_PROTECTED,
          control & SecurityDescriptor.SACL_AUTO_INHERIT_REQ, control & SecurityDescriptor.SACL_AUTO_INHERITED);
    }
    return text.toString();
  }

  private static void appendAcl(
      StringBuilder text, Optional<Acl> acl, int protectedFlag, int autoInheritReq, int autoInherited) {
    if (protectedFlag != 0) {
      text.append('P');
    }
    if (autoInheritReq != 0) {
      text.append("AR");
    }
    if (autoInherited != 0) {
      text.append("AI");
    }
    if (acl.isEmpty()) {
      text.append("NO_ACCESS_CONTROL");
      return;
    }
    for (Ace ace : acl.get().aces()) {
      text.append(ace.toSddl());
    }
  }

  /** Parses SDDL; components must come in the order O, G, D, S, each at most once. */
  public static SecurityDescriptor parse(String sddl) throws SecurityFormatException {
    return new Parser(sddl, null).descriptor();
  }

  /**
   * Parses SDDL that may use domain-relative aliases (DA, DU, DC, DD, CA, SA, EA, RS, ...), as a
   * class's {@code defaultSecurityDescriptor} does. Forest-root aliases (EA, SA) resolve against
   * {@code domain} too, which is right for a single-domain forest.
   */
  public static SecurityDescriptor parse(String sddl, Sid domain) throws SecurityFormatException {
    return new Parser(sddl, domain).descriptor();
  }

  private static final java.util.Map<String, Long> DOMAIN_RIDS = java.util.Map.ofEntries(
      java.util.Map.entry("LA", 500L), java.util.Map.entry("LG", 501L), java.util.Map.entry("RO", 498L),
      java.util.Map.entry("DA", 512L), java.util.Map.entry("DU", 513L), java.util.Map.entry("DG", 514L),
      java.util.Map.entry("DC", 515L), java.util.Map.entry("DD", 516L), java.util.Map.entry("CA", 517L),
      java.util.Map.entry("SA", 518L), java.util.Map.entry("EA", 519L), java.util.Map.entry("PA", 520L),
      java.util.Map.entry("CN", 522L), java.util.Map.entry("AP", 525L), java.util.Map.entry("KA", 526L),
      java.util.Map.entry("EK", 527L));

  /** Domain-independent SDDL aliases (domain-relative ones such as DA need a domain SID). */
  private static final java.util.Map<String, Sid> ALIASES =
      java.util.Map.of(
          "WD", Sid.EVERYONE,
          "CO", Sid.CREATOR_OWNER,
          "ED", Sid.ENTERPRISE_DOMAIN_CONTROLLERS,
          "PS", Sid.SELF,
          "AU", Sid.AUTHENTICATED_USERS,
          "SY", Sid.SYSTEM,
          "BA", Sid.BUILTIN_ADMINISTRATORS,
          "BU", Sid.BUILTIN_USERS,
          "AO", Sid.ACCOUNT_OPERATORS,
          "RU", Sid.PRE_WINDOWS_2000_COMPATIBLE_ACCESS);

  /** The SDDL alias of a SID when there is one, else its S- string. */
  static String sid(Sid sid) {
    for (java.util.Map.Entry<String, Sid> alias : ALIASES.entrySet()) {
      if (alias.getValue().equals(sid)) {
        return alias.getKey();
      }
    }
    return sid.toString();
  }

  private static final java.util.Map<String, Sid> MORE_ALIASES = java.util.Map.of(
      "RS", Sid.of("S-1-5-32-553"), "RD", Sid.of("S-1-5-32-555"), "PU", Sid.of("S-1-5-32-547"), "SO", Sid.of("S-1-5-32-549"),
      "PO", Sid.of("S-1-5-32-550"), "BO", Sid.of("S-1-5-32-551"), "RE", Sid.of("S-1-5-32-552"),
      "CG", Sid.of("S-1-3-1"), "NU", Sid.of("S-1-5-2"), "AN", Sid.of("S-1-5-7"));

  /** Parses one ACE string such as {@code (OA;CIIO;RP;guid;guid;PS)}. */
  public static Ace parseAce(String text) throws SecurityFormatException {
    Parser parser = new Parser(text, null);
    Ace ace = parser.ace();
    parser.expectEnd();
    return ace;
  }

  private static final class Parser {
    private final String text;
    private final Sid domain;
    private int position;

    Parser(String text, Sid domain) {
      this.text = text;
      this.domain = domain;
    }

    SecurityDescriptor descriptor() throws SecurityFormatException {
      int control = SecurityDescriptor.SELF_RELATIVE;
      Sid owner = null;
      Sid group = null;
      Optional<Acl> dacl = Optional.empty();
      Optional<Acl> sacl = Optional.empty();
      String order = "OGDS";
      int next = 0;
      while (position < text.length()) {
        int start = position;
        char component = text.charAt(position);
        int index = order.indexOf(component);
        if (index < 0 || position + 1 >= text.length() || text.charAt(position + 1) != ':') {
          throw SecurityFormatException.atPosition(position, "expected O:, G:, D: or S:");
        }
        if (index < next) {
          throw SecurityFormatException.atPosition(start, component + ": is repeated or out of order");
        }
        next = index + 1;
        position += 2;
        switch (component) {
          case 'O' -> owner = sid();
          case 'G' -> group = sid();
          case 'D' -> {
            int[] flags = aclFlags();
            control |= SecurityDescriptor.DACL_PRESENT
                | (flags[0] != 0 ? SecurityDescriptor.DACL_PROTECTED : 0)
                | (flags[1] != 0 ? SecurityDescriptor.DACL_AUTO_INHERIT_REQ : 0)
                | (flags[2] != 0 ? SecurityDescriptor.DACL_AUTO_INHERITED : 0);
            dacl = flags[3] != 0 ? Optional.empty() : Optional.of(aces());
          }
          default -> {
            int[] flags = aclFlags();
            control |= SecurityDescriptor.SACL_PRESENT
                | (flags[0] != 0 ? SecurityDescriptor.SACL_PROTECTED : 0)
                | (flags[1] != 0 ? SecurityDescriptor.SACL_AUTO_INHERIT_REQ : 0)
                | (flags[2] != 0 ? SecurityDescriptor.SACL_AUTO_INHERITED : 0);
            sacl = flags[3] != 0 ? Optional.empty() : Optional.of(aces());
          }
        }
      }
      return new SecurityDescriptor(
          control, Optional.ofNullable(owner), Optional.ofNullable(group), sacl, dacl);
    }

    /** P, AR, AI, NO_ACCESS_CONTROL, in any order. */
    private int[] aclFlags() {
      int[] flags = new int[4];
      while (true) {
        if (text.startsWith("NO_ACCESS_CONTROL", position)) {
          flags[3] = 1;
          position += "NO_ACCESS_CONTROL".length();
        } else if (text.startsWith("AR", position)) {
          flags[1] = 1;
          position += 2;
        } else if (text.startsWith("AI", position)) {
          flags[2] = 1;
          position += 2;
        } else if (text.startsWith("P", position)) {
          flags[0] = 1;
          position += 1;
        } else {
          return flags;
        }
      }
    }

    private Acl aces() throws SecurityFormatException {
      List<Ace> aces = new ArrayList<>();
      while (position < text.length() && text.charAt(position) == '(') {
        aces.add(ace());
      }
      return Acl.of(aces);
    }

    Ace ace() throws SecurityFormatException {
      expect('(');
      int typeAt = position;
      AceType type = AceType.fromSddl(field(), typeAt);
      expect(';');
      int flagsAt = position;
      int flags = flags(field(), flagsAt);
      expect(';');
      int rightsAt = position;
      int mask = rights(field(), rightsAt);
      expect(';');
      int objectAt = position;
      UUID object = guid(field(), objectAt);
      expect(';');
      int inheritedAt = position;
      UUID inherited = guid(field(), inheritedAt);
      expect(';');
      Sid sid = sid();
      expect(')');
      if (!type.isObject() && (object != null || inherited != null)) {
        throw SecurityFormatException.atPosition(objectAt, type.sddl() + " ACEs take no GUIDs");
      }
      return Ace.object(type, flags, mask, object, inherited, sid);
    }

    private String field() {
      int start = position;
      while (position < text.length() && text.charAt(position) != ';' && text.charAt(position) != ')') {
        position++;
      }
      return text.substring(start, position);
    }

    private Sid sid() throws SecurityFormatException {
      int start = position;
      if (text.startsWith("S-", position)) {
        position += 2;
        while (position < text.length()
            && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '-')) {
          position++;
        }
        String value = text.substring(start, position);
        return Sid.parse(value).orElseThrow(
            () -> SecurityFormatException.atPosition(start, "malformed SID '" + value + "'"));
      }
      if (position + 2 > text.length()) {
        throw SecurityFormatException.atPosition(start, "expected a SID");
      }
      String alias = text.substring(position, position + 2);
      Sid sid = ALIASES.get(alias);
      if (sid == null && domain != null) {
        sid = MORE_ALIASES.get(alias);
        if (sid == null && DOMAIN_RIDS.containsKey(alias)) {
          sid = domain.withRid(DOMAIN_RIDS.get(alias));
        }
      }
      if (sid == null) {
        throw SecurityFormatException.atPosition(
            start, "unknown SID alias '" + alias + "' (domain-relative aliases need the full SID)");
      }
      position += 2;
      return sid;
    }

    private static int flags(String value, int at) throws SecurityFormatException {
      int flags = 0;
      for (int i = 0; i < value.length(); i += 2) {
        Integer bit = i + 2 <= value.length() ? AceFlags.CODES.get(value.substring(i, i + 2)) : null;
        if (bit == null) {
          throw SecurityFormatException.atPosition(at + i, "unknown ACE flag in '" + value + "'");
        }
        flags |= bit;
      }
      return flags;
    }

    private static int rights(String value, int at) throws SecurityFormatException {
      if (value.startsWith("0x") || value.startsWith("0X")) {
        try {
          return (int) Long.parseLong(value.substring(2), 16);
        } catch (NumberFormatException e) {
          throw SecurityFormatException.atPosition(at, "malformed hex rights '" + value + "'");
        }
      }
      if (value.isEmpty()) {
        throw SecurityFormatException.atPosition(at, "empty rights");
      }
      int mask = 0;
      for (int i = 0; i < value.length(); i += 2) {
        Integer bit = i + 2 <= value.length() ? AccessMask.CODES.get(value.substring(i, i + 2)) : null;
        if (bit == null) {
          throw SecurityFormatException.atPosition(at + i, "unknown right in '" + value + "'");
        }
        mask |= bit;
      }
      return mask;
    }

    private static UUID guid(String value, int at) throws SecurityFormatException {
      if (value.isEmpty()) {
        return null;
      }
      if (value.length() != 36) {
        throw SecurityFormatException.atPosition(at, "malformed GUID '" + value + "'");
      }
      try {
        return UUID.fromString(value);
      } catch (IllegalArgumentException e) {
        throw SecurityFormatException.atPosition(at, "malformed GUID '" + value + "'");
      }
    }

    private void expect(char c) throws SecurityFormatException {
      if (position >= text.length() || text.charAt(position) != c) {
        throw SecurityFormatException.atPosition(position, "expected '" + c + "'");
      }
      position++;
    }

    void expectEnd() throws SecurityFormatException {
      if (position != text.length()) {
        throw SecurityFormatException.atPosition(position, "unexpected text after the ACE");
      }
    }
  }
}
