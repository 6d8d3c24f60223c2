package io.lapsbridge.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** Directory-service access rights (MS-ADTS 5.1.3.2) and their SDDL codes. */
public final class AccessMask {
  public static final int CREATE_CHILD = 0x1;
  public static final int DELETE_CHILD = 0x2;
  public static final int LIST_CHILDREN = 0x4;
  public static final int SELF_WRITE = 0x8;
  public static final int READ_PROPERTY = 0x10;
  public static final int WRITE_PROPERTY = 0x20;
  public static final int DELETE_TREE = 0x40;
  public static final int LIST_OBJECT = 0x80;
  public static final int CONTROL_ACCESS = 0x100;
  public static final int DELETE = 0x10000;
  public static final int READ_CONTROL = 0x20000;
  public static final int WRITE_DAC = 0x40000;
  public static final int WRITE_OWNER = 0x80000;
  public static final int GENERIC_ALL = 0x10000000;
  public static final int GENERIC_EXECUTE = 0x20000000;
  public static final int GENERIC_WRITE = 0x40000000;
  public static final int GENERIC_READ = 0x80000000;

  /** What "Full Control" in the AD security UI sets. */
  public static final int FULL_CONTROL = 0xF01FF;

  /** Rendering order: bit order, so that Full Control reads as Windows renders it. */
  static final Map<String, Integer> CODES = new LinkedHashMap<>();

  static {
    CODES.put("CC", CREATE_CHILD);
    CODES.put("DC", DELETE_CHILD);
    CODES.put("LC", LIST_CHILDREN);
    CODES.put("SW", SELF_WRITE);
    CODES.put("RP", READ_PROPERTY);
    CODES.put("WP", WRITE_PROPERTY);
    CODES.put("DT", DELETE_TREE);
    CODES.put("LO", LIST_OBJECT);
    CODES.put("CR", CONTROL_ACCESS);
    CODES.put("SD", DELETE);
    CODES.put("RC", READ_CONTROL);
    CODES.put("WD", WRITE_DAC);
    CODES.put("WO", WRITE_OWNER);
    CODES.put("GA", GENERIC_ALL);
    CODES.put("GX", GENERIC_EXECUTE);
    CODES.put("GW", GENERIC_WRITE);
    CODES.put("GR", GENERIC_READ);
  }

  private AccessMask() {}

  /**
   * Maps generic rights to the directory rights they stand for (MS-ADTS 5.1.3.3), so that a
   * check for one bit sees GenericAll and GenericRead.
   */
  public static int effective(int mask) {
    int result = mask & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ);
    if ((mask & GENERIC_ALL) != 0) {
      result |= FULL_CONTROL;
    }
    if ((mask & GENERIC_READ) != 0) {
      result |= READ_CONTROL | LIST_CHILDREN | READ_PROPERTY | LIST_OBJECT;
    }
    if ((mask & GENERIC_WRITE) != 0) {
      result |= READ_CONTROL | SELF_WRITE | WRITE_PROPERTY;
    }
    if ((mask & GENERIC_EXECUTE) != 0) {
      result |= READ_CONTROL | LIST_CHILDREN;
    }
    return result;
  }

  /** SDDL rights: codes when every bit has one, else {@code 0x} hex. */
  static String toSddl(int mask) {
    StringBuilder codes = new StringBuilder();
    int covered = 0;
    for (Map.Entry<String, Integer> code : CODES.entrySet()) {
      if ((mask & code.getValue()) != 0) {
        codes.append(code.getKey());
        covered |= code.getValue();
      }
    }
    if (covered != mask || mask == 0) {
      return "0x" + Integer.toHexString(mask);
    }
    return codes.toString();
  }
}
