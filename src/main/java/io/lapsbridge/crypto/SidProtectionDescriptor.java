package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.LittleEndianWriter;
import java.io.IOException;
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

  /** Checks the SID with the one strict parser, and keeps its canonical text. */
  public SidProtectionDescriptor {
    sid = Sid.of(sid).toString();
  }

  /** The principal as a SID value. */
  public Sid principal() {
    return Sid.of(sid);
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
    Sid target = principal();
    int aclSize = 8 + aceSize(target) + aceSize(Sid.EVERYONE);
    int daclOffset = 20;
    int ownerOffset = daclOffset + aclSize;
    int groupOffset = ownerOffset + Sid.SYSTEM.binaryLength();
    LittleEndianWriter out = new LittleEndianWriter()
        .u8(1).u8(0).u16(0x8004) // revision 1; SE_DACL_PRESENT | SE_SELF_RELATIVE
        .u32(ownerOffset)
        .u32(groupOffset)
        .u32(0)
        .u32(daclOffset)
        .u8(2).u8(0).u16(aclSize).u16(2).u16(0); // ACL revision 2, two ACEs
    ace(out, 0x3, target);
    ace(out, 0x2, Sid.EVERYONE);
    return out.sid(Sid.SYSTEM).sid(Sid.SYSTEM).toByteArray();
  }

  private static int aceSize(Sid sid) {
    return 8 + sid.binaryLength();
  }

  /** ACCESS_ALLOWED, no flags. */
  private static void ace(LittleEndianWriter out, int mask, Sid sid) {
    out.u8(0).u8(0).u16(aceSize(sid)).u32(mask).sid(sid);
  }

  private static LapsCryptoException malformed(String message) {
    return new LapsCryptoException(Reason.MALFORMED_BLOB, message);
  }
}
