package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;

/**
 * A BCrypt public key blob as MS-GKDI carries it: the ephemeral key in a public-key-mode key
 * identifier, or a group public key in a Group Key Envelope.
 */
public sealed interface PublicKeyBlob permits FfcDhPublicKey, EcdhPublicKey {
  /** The secret agreement this key belongs to. */
  SecretAgreement agreement();

  /** The exact bytes Windows writes. */
  byte[] encode();

  /** Reads a {@code DHPB} or {@code ECK1}/{@code ECK3} blob, chosen by its magic. */
  static PublicKeyBlob parse(byte[] blob) throws LapsCryptoException {
    if (blob.length < 4) {
      throw new LapsCryptoException(Reason.TRUNCATED_BLOB, "public key blob is too short");
    }
    try {
      long magic = LittleEndianReader.of(blob).u32();
      if (magic == FfcDhPublicKey.MAGIC) {
        return FfcDhPublicKey.parse(blob);
      }
      return EcdhPublicKey.parse(blob);
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("public key blob", e);
    }
  }
}
