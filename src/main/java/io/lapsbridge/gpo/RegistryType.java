package io.lapsbridge.gpo;

import java.util.Optional;

/** The registry value types a Registry.pol record may carry (winnt.h {@code REG_*}). */
public enum RegistryType {
  REG_NONE(0),
  REG_SZ(1),
  REG_EXPAND_SZ(2),
  REG_BINARY(3),
  REG_DWORD(4),
  REG_DWORD_BIG_ENDIAN(5),
  REG_LINK(6),
  REG_MULTI_SZ(7),
  REG_RESOURCE_LIST(8),
  REG_FULL_RESOURCE_DESCRIPTOR(9),
  REG_RESOURCE_REQUIREMENTS_LIST(10),
  REG_QWORD(11);

  private final int code;

  RegistryType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<RegistryType> of(long code) {
    for (RegistryType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
