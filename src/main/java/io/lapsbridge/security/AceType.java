package io.lapsbridge.security;

/**
 * The ACE types this codec reads and writes (MS-DTYP 2.4.4.1), with their SDDL codes. Object
 * types carry a flags word and up to two GUIDs.
 */
public enum AceType {
  ACCESS_ALLOWED(0x00, "A", false, Kind.ALLOW),
  ACCESS_DENIED(0x01, "D", false, Kind.DENY),
  SYSTEM_AUDIT(0x02, "AU", false, Kind.AUDIT),
  ACCESS_ALLOWED_OBJECT(0x05, "OA", true, Kind.ALLOW),
  ACCESS_DENIED_OBJECT(0x06, "OD", true, Kind.DENY),
  SYSTEM_AUDIT_OBJECT(0x07, "OU", true, Kind.AUDIT);

  /** Whether an ACE grants, denies or audits. */
  public enum Kind {
    ALLOW,
    DENY,
    AUDIT
  }

  private final int code;
  private final String sddl;
  private final boolean object;
  private final Kind kind;

  AceType(int code, String sddl, boolean object, Kind kind) {
    this.code = code;
    this.sddl = sddl;
    this.object = object;
    this.kind = kind;
  }

  public int code() {
    return code;
  }

  public String sddl() {
    return sddl;
  }

  public boolean isObject() {
    return object;
  }

  public Kind kind() {
    return kind;
  }

  static AceType fromCode(int code, int offset) throws SecurityFormatException {
    for (AceType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw SecurityFormatException.atOffset(offset, "unsupported ACE type 0x" + Integer.toHexString(code));
  }

  static AceType fromSddl(String text, int position) throws SecurityFormatException {
    for (AceType type : values()) {
      if (type.sddl.equals(text)) {
        return type;
      }
    }
    throw SecurityFormatException.atPosition(position, "unsupported ACE type '" + text + "'");
  }
}
