package io.lapsbridge.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** ACE header flags (MS-DTYP 2.4.4.1) and their SDDL codes. */
public final class AceFlags {
  public static final int OBJECT_INHERIT = 0x01;
  public static final int CONTAINER_INHERIT = 0x02;
  public static final int NO_PROPAGATE_INHERIT = 0x04;
  public static final int INHERIT_ONLY = 0x08;
  public static final int INHERITED = 0x10;
  public static final int SUCCESSFUL_ACCESS = 0x40;
  public static final int FAILED_ACCESS = 0x80;

  static final Map<String, Integer> CODES = new LinkedHashMap<>();

  static {
    CODES.put("OI", OBJECT_INHERIT);
    CODES.put("CI", CONTAINER_INHERIT);
    CODES.put("NP", NO_PROPAGATE_INHERIT);
    CODES.put("IO", INHERIT_ONLY);
    CODES.put("ID", INHERITED);
    CODES.put("SA", SUCCESSFUL_ACCESS);
    CODES.put("FA", FAILED_ACCESS);
  }

  static final int ALL = 0xDF;

  private AceFlags() {}

  static String toSddl(int flags) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Integer> code : CODES.entrySet()) {
      if ((flags & code.getValue()) != 0) {
        text.append(code.getKey());
      }
    }
    return text.toString();
  }
}
