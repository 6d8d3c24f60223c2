package io.lapsbridge.security;

import java.util.UUID;

/**
 * GUIDs in Windows byte order (MS-DTYP 2.3.4.2): the first three fields little-endian, the last
 * eight bytes as they are. {@code schemaIDGUID}, {@code objectGUID} and ACE object types use it.
 */
public final class Guids {
  /** The {@code computer} class: the same in every forest. */
  public static final UUID COMPUTER_CLASS = UUID.fromString("bf967a86-0de6-11d0-a285-00aa003049e2");

  /** The {@code organizationalUnit} class: the same in every forest. */
  public static final UUID ORGANIZATIONAL_UNIT_CLASS =
      UUID.fromString("bf967aa5-0de6-11d0-a285-00aa003049e2");

  /** The {@code ms-LAPS-Encrypted-Password-Attributes} property set (a rightsGuid). */
  public static final UUID LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES =
      UUID.fromString("f3531ec6-6330-4f8e-8d39-7a671fbac605");

  /** The {@code container} class. */
  public static final UUID CONTAINER_CLASS = UUID.fromString("bf967a8b-0de6-11d0-a285-00aa003049e2");

  /** The {@code domainDNS} class. */
  public static final UUID DOMAIN_DNS_CLASS = UUID.fromString("19195a5b-6da0-11d0-afd3-00c04fd930c9");

  /** Stands for any other class: matches no inherited-object-type of interest here. */
  public static final UUID OTHER_CLASS = new UUID(0L, 0L);

  private Guids() {}

  static UUID read(ByteReader in, int offset) throws SecurityFormatException {
    return fromBytes(in.slice(offset, 16, "GUID"));
  }

  /** Decodes 16 bytes in Windows order. */
  public static UUID fromBytes(byte[] b) {
    if (b.length != 16) {
      throw new IllegalArgumentException("a GUID has 16 bytes, not " + b.length);
    }
    long high =
        (b[3] & 0xffL) << 56 | (b[2] & 0xffL) << 48 | (b[1] & 0xffL) << 40 | (b[0] & 0xffL) << 32
            | (b[5] & 0xffL) << 24 | (b[4] & 0xffL) << 16 | (b[7] & 0xffL) << 8 | (b[6] & 0xffL);
    long low = 0;
    for (int i = 8; i < 16; i++) {
      low = low << 8 | (b[i] & 0xffL);
    }
    return new UUID(high, low);
  }

  /** Encodes in Windows order. */
  public static byte[] toBytes(UUID guid) {
    long high = guid.getMostSignificantBits();
    long low = guid.getLeastSignificantBits();
    byte[] b = new byte[16];
    b[0] = (byte) (high >>> 32);
    b[1] = (byte) (high >>> 40);
    b[2] = (byte) (high >>> 48);
    b[3] = (byte) (high >>> 56);
    b[4] = (byte) (high >>> 16);
    b[5] = (byte) (high >>> 24);
    b[6] = (byte) high;
    b[7] = (byte) (high >>> 8);
    for (int i = 15; i >= 8; i--) {
      b[i] = (byte) low;
      low >>>= 8;
    }
    return b;
  }
}
