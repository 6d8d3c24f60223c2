package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.io.IOException;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * A DPAPI-NG protection descriptor naming one principal, {@code SID=S-1-5-21-...-512}: the only
 * form Windows LAPS writes ({@code ADPasswordEncryptionPrincipal}).
 *
 * <p>On the wire (the CMS {@code keyAttr}) it is SEQUENCE { OID 1.3.6.1.4.1.311.74.1.1, SEQUENCE
 * OF (OR) SEQUENCE OF (AND) SEQUENCE { UTF8String name, UTF8String value } }. For key derivation
 * it becomes a self-relative security descriptor ({@link #securityDescriptor()}).
 *
 * @param sid the principal's SID in {@code S-1-...} form
 */
public record SidProtectionDescriptor(String sid) {
  /** Microsoft's SID protection descriptor type. */
  public static final ASN1ObjectIdentifier SID_TYPE =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.311.74.1.1");

  private static final Pattern SID_TEXT = Pattern.compile("S-1-\\d{1,15}(-\\d{1,10}){1,15}");
  private static final long MAX_AUTHORITY = (1L << 48) - 1;

  public SidProtectionDescriptor {
    if (sid == null || !SID_TEXT.matcher(sid).matches()) {
      throw new IllegalArgumentException("not a SID in S-1-... form");
    }
    String[] parts = sid.split("-");
    if (Long.parseLong(parts[2]) > MAX_AUTHORITY) {
      throw new IllegalArgumentException("SID identifier authority is out of range");
    }
    for (int i = 3; i < parts.length; i++) {
      if (Long.parseLong(parts[i]) > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("SID sub-authority is out of range");
      }
    }
  }

  /** The descriptor string as Windows shows it, {@code SID=S-1-...}. */
  public String descriptorString() {
    return "SID=" + sid;
  }

  @Override
  public String toString() {
    return descriptorString();
  }

  /** Reads the {@code keyAttr} value of the CMS KEK recipient. */
  public static SidProtectionDescriptor parse(ASN1Encodable keyAttr) throws LapsCryptoException {
    try {
      ASN1Sequence outer = ASN1Sequence.getInstance(keyAttr);
      if (outer.size() != 2) {
        throw malformed("protection descriptor is not SEQUENCE { type, parameters }");
      }
      ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(outer.getObjectAt(0));
      if (!SID_TYPE.equals(type)) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_DESCRIPTOR,
            "protection descriptor type " + type.getId() + " is not a SID descriptor");
      }
      ASN1Sequence alternatives = ASN1Sequence.getInstance(outer.getObjectAt(1));
      if (alternatives.size() != 1) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_DESCRIPTOR,
            "protection descriptor has " + alternatives.size() + " OR alternatives, not 1");
      }
      ASN1Sequence items = ASN1Sequence.getInstance(alternatives.getObjectAt(0));
      if (items.size() != 1) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_DESCRIPTOR,
            "protection descriptor has " + items.size() + " AND items, not 1");
      }
      ASN1Sequence item = ASN1Sequence.getInstance(items.getObjectAt(0));
      if (item.size() != 2) {
        throw malformed("protection descriptor item is not SEQUENCE { name, value }");
      }
      String name = ASN1UTF8String.getInstance(item.getObjectAt(0)).getString();
      String value = ASN1UTF8String.getInstance(item.getObjectAt(1)).getString();
      if (!"SID".equals(name)) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_DESCRIPTOR, "protection descriptor item '" + name + "' is not SID");
      }
      try {
        return new SidProtectionDescriptor(value);
      } catch (IllegalArgumentException e) {
        throw malformed("protection descriptor SID: " + e.getMessage());
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw malformed("protection descriptor is not valid ASN.1");
    }
  }

  /** Parses the DER bytes of a {@code keyAttr}. */
  public static SidProtectionDescriptor parse(byte[] der) throws LapsCryptoException {
    try {
      return parse(ASN1Primitive.fromByteArray(der));
    } catch (IOException | IllegalArgumentException e) {
      throw malformed("protection descriptor is not valid ASN.1");
    }
  }

  /** The {@code keyAttr} value. */
  public ASN1Primitive toAsn1() {
    DERSequence item =
        new DERSequence(new ASN1Encodable[] {new DERUTF8String("SID"), new DERUTF8String(sid)});
    DERSequence and = new DERSequence(item);
    DERSequence or = new DERSequence(and);
    return new DERSequence(new ASN1Encodable[] {SID_TYPE, or});
  }

  public byte[] encode() {
    try {
      return toAsn1().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding in memory failed", e);
    }
  }

  /**
   * The self-relative security descriptor that enters MS-GKDI key derivation: DACL granting the
   * SID 0x3 (may get the private seed keys) and Everyone 0x2 (may get the public key only), owner
   * and group S-1-5-18. Layout verified byte-for-byte against Windows-generated vectors.
   */
  public byte[] securityDescriptor() {
    byte[] target = binarySid(sid);
    byte[] everyone = binarySid("S-1-1-0");
    byte[] system = binarySid("S-1-5-18");
    byte[] ace1 = ace(0x3, target);
    byte[] ace2 = ace(0x2, everyone);
    int aclSize = 8 + ace1.length + ace2.length;
    byte[] acl =
        Bytes.concat(
            new byte[] {2, 0, (byte) aclSize, (byte) (aclSize >>> 8), 2, 0, 0, 0}, ace1, ace2);
    int daclOffset = 20;
    int ownerOffset = daclOffset + acl.length;
    int groupOffset = ownerOffset + system.length;
    byte[] header =
        new Bytes.Writer()
            .put(new byte[] {1, 0, 0x04, (byte) 0x80}) // revision 1; SE_DACL_PRESENT|SE_SELF_RELATIVE
            .u32(ownerOffset)
            .u32(groupOffset)
            .u32(0)
            .u32(daclOffset)
            .toByteArray();
    return Bytes.concat(header, acl, system, system);
  }

  private static byte[] ace(int mask, byte[] sid) {
    int size = 8 + sid.length;
    byte[] head = {0, 0, (byte) size, (byte) (size >>> 8)}; // ACCESS_ALLOWED, no flags
    return Bytes.concat(head, Bytes.le32(mask), sid);
  }

  static byte[] binarySid(String text) {
    String[] parts = text.split("-");
    int subCount = parts.length - 3;
    byte[] out = new byte[8 + 4 * subCount];
    out[0] = 1;
    out[1] = (byte) subCount;
    long authority = Long.parseLong(parts[2]);
    for (int i = 0; i < 6; i++) {
      out[2 + i] = (byte) (authority >>> (8 * (5 - i)));
    }
    for (int i = 0; i < subCount; i++) {
      byte[] sub = Bytes.le32((int) Long.parseLong(parts[3 + i]));
      System.arraycopy(sub, 0, out, 8 + 4 * i, 4);
    }
    return out;
  }

  private static LapsCryptoException malformed(String message) {
    return new LapsCryptoException(Reason.MALFORMED_BLOB, message);
  }
}
