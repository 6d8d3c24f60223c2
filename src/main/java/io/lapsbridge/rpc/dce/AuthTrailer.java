package io.lapsbridge.rpc.dce;

/**
 * The {@code sec_trailer} (MS-RPCE 2.2.2.11) and the auth value after it.
 *
 * @param padLength how many stub padding bytes precede the trailer
 * @param value the NTLM message or signature; never printed
 */
@SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
public record AuthTrailer(int type, int level, int padLength, int contextId, byte[] value) {
  public static final int TYPE_NTLM = 10;
  public static final int LEVEL_CONNECT = 2;
  public static final int LEVEL_PRIVACY = 6;
  public static final int LENGTH = 8;

  public AuthTrailer {
    if (value == null) {
      throw new IllegalArgumentException("auth value must not be null");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Same type, level and context as {@code other}: what a server checks on every PDU. */
  public boolean sameContext(AuthTrailer other) {
    return type == other.type && level == other.level && contextId == other.contextId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthTrailer a && sameContext(a) && padLength == a.padLength
        && java.util.Arrays.equals(value, a.value);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(type, level, contextId, padLength);
  }

  @Override
  public String toString() {
    return "AuthTrailer[type=" + type + ", level=" + level + ", context=" + contextId + "]";
  }
}
