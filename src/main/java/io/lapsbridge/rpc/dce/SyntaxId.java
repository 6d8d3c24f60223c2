package io.lapsbridge.rpc.dce;

import java.util.UUID;

/** An interface or transfer syntax: UUID and version (major.minor). */
public record SyntaxId(UUID uuid, int major, int minor) {
  /** NDR 2.0, the only transfer syntax spoken here. */
  public static final SyntaxId NDR =
      new SyntaxId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2, 0);

  public SyntaxId {
    if (uuid == null || major < 0 || major > 0xFFFF || minor < 0 || minor > 0xFFFF) {
      throw new IllegalArgumentException("invalid syntax id");
    }
  }

  @Override
  public String toString() {
    return uuid + " v" + major + "." + minor;
  }
}
