package io.lapsbridge.crypto;

import io.lapsbridge.model.ByteArrays;

/**
 * The password of a group managed service account (gMSA), as a DC computes it for
 * {@code msDS-ManagedPassword}: the MS-GKDI L2 seed key of the password's interval for a fixed
 * security descriptor, then SP 800-108 with the label "GMSA PASSWORD" and the account's binary
 * SID as context, 256 bytes read as UTF-16LE. An independent use of the derivation LAPS
 * encryption rests on, which makes it a cross-check against a DC's own implementation.
 */
public final class GmsaPassword {
  /** Length of the password in bytes: 128 UTF-16 code units. */
  public static final int LENGTH = 256;

  /** {@code O:SYD:(A;;FRFW;;;S-1-5-9)}, self-relative: the descriptor every gMSA key uses. */
  private static final byte[] SECURITY_DESCRIPTOR = {
    0x01, 0x00, 0x04, (byte) 0x80, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1c, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, (byte) 0x9f, 0x01, 0x12, 0x00,
    0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x09, 0x00, 0x00, 0x00,
    0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00};

  private static final byte[] LABEL = Bytes.utf16z("GMSA PASSWORD");

  private GmsaPassword() {}

  /**
   * The password for {@code interval} of the account whose binary SID is {@code accountSid},
   * without a terminating NUL. A UTF-16 NUL inside it is replaced by U+0001, as DCs do, so the
   * value can travel as a string.
   */
  public static byte[] derive(KdsRootKey root, GkdiInterval interval, byte[] accountSid) {
    byte[] seed = GkdiKeyDerivation.l2SeedKey(root, SECURITY_DESCRIPTOR, interval.l0(),
        interval.l1(), interval.l2());
    byte[] password = Kdf.sp800108(root.kdfHash(), seed, LABEL, accountSid, LENGTH);
    ByteArrays.wipe(seed);
    for (int i = 0; i < LENGTH; i += 2) {
      if (password[i] == 0 && password[i + 1] == 0) {
        password[i] = 1;
      }
    }
    return password;
  }
}
