package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;

/**
 * The hash of a KDS root key's SP 800-108 KDF, as named in {@code msKds-KDFParam} (MS-GKDI 2.2.1).
 */
public enum KdfHash {
  SHA1("SHA1", "HmacSHA1"),
  SHA256("SHA256", "HmacSHA256"),
  SHA384("SHA384", "HmacSHA384"),
  SHA512("SHA512", "HmacSHA512");

  private final String windowsName;
  private final String hmac;

  KdfHash(String windowsName, String hmac) {
    this.windowsName = windowsName;
    this.hmac = hmac;
  }

  /** The name Windows writes into the KDF parameters, e.g. {@code SHA512}. */
  public String windowsName() {
    return windowsName;
  }

  String hmacAlgorithm() {
    return hmac;
  }

  public static KdfHash ofWindowsName(String name) throws LapsCryptoException {
    for (KdfHash h : values()) {
      if (h.windowsName.equalsIgnoreCase(name)) {
        return h;
      }
    }
    throw new LapsCryptoException(
        Reason.UNSUPPORTED_ALGORITHM, "unsupported KDF hash '" + name + "'");
  }

  /**
   * Reads {@code msKds-KDFParam}: uint32 0, uint32 1, uint32 cbHashName, uint32 0, hash name
   * UTF-16Z.
   */
  public static KdfHash fromKdfParameters(byte[] blob) throws LapsCryptoException {
    try {
      return read(LittleEndianReader.of(blob));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("KDF parameters", e);
    }
  }

  private static KdfHash read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    long zero1 = r.u32();
    long one = r.u32();
    int cbName = r.u32Length(1, "hash name length");
    long zero2 = r.u32();
    if (zero1 != 0 || one != 1 || zero2 != 0) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "KDF parameters have a bad header");
    }
    String name = Bytes.fromUtf16z(r.bytes(cbName, "the hash name"), "KDF hash name");
    r.expectEnd("KDF parameters");
    return ofWindowsName(name);
  }

  /** Writes {@code msKds-KDFParam} as Windows does. */
  public byte[] kdfParameters() {
    byte[] name = Bytes.utf16z(windowsName);
    return new LittleEndianWriter().u32(0).u32(1).u32(name.length).u32(0).bytes(name).toByteArray();
  }
}
