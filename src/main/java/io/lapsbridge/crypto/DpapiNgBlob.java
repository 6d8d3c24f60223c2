package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KEKIdentifier;
import org.bouncycastle.asn1.cms.KEKRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorInfo;
import org.bouncycastle.asn1.cms.OtherKeyAttribute;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * A DPAPI-NG blob: RFC 5652 ContentInfo / EnvelopedData with one KEK recipient whose key
 * identifier is an MS-GKDI {@link GkdiKeyIdentifier} and whose {@code OtherKeyAttribute} is a
 * {@link SidProtectionDescriptor}; CEK wrapped with AES-256 key wrap, content AES-256-GCM.
 *
 * @param wrappedKey the RFC 3394-wrapped content key (40 bytes)
 * @param gcmNonce the 12-byte GCM nonce from GCMParameters
 * @param ciphertext GCM ciphertext with the 16-byte tag appended
 * @param layout whether the ciphertext follows the structure (Windows LAPS) or sits inside it
 */
// Byte arrays on purpose (key material and encodings, wiped where secret): equals, hashCode and
// toString are overridden for them, so no array is compared by reference or printed.
@SuppressWarnings("ArrayRecordComponent")
public record DpapiNgBlob(
    GkdiKeyIdentifier keyIdentifier,
    SidProtectionDescriptor descriptor,
    byte[] wrappedKey,
    byte[] gcmNonce,
    byte[] ciphertext,
    Layout layout) {

  /** Where the GCM ciphertext is stored. */
  public enum Layout {
    /** After the DER ContentInfo, {@code encryptedContent} absent: what Windows LAPS writes. */
    DETACHED,
    /** Inside {@code encryptedContent}: what {@code NCryptProtectSecret} produces. */
    EMBEDDED
  }

  /** Microsoft's protection-info key attribute. */
  public static final ASN1ObjectIdentifier PROTECTION_INFO =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.311.74.1");

  static final int WRAPPED_KEY_LENGTH = 40;
  static final int GCM_NONCE_LENGTH = 12;
  static final int GCM_TAG_LENGTH = 16;

  public DpapiNgBlob {
    if (keyIdentifier == null || descriptor == null || layout == null) {
      throw new IllegalArgumentException("key identifier, descriptor and layout are required");
    }
    if (wrappedKey == null || wrappedKey.length != WRAPPED_KEY_LENGTH) {
      throw new IllegalArgumentException("wrapped key must be 40 bytes");
    }
    if (gcmNonce == null || gcmNonce.length != GCM_NONCE_LENGTH) {
      throw new IllegalArgumentException("GCM nonce must be 12 bytes");
    }
    if (ciphertext == null || ciphertext.length < GCM_TAG_LENGTH) {
      throw new IllegalArgumentException("ciphertext must hold at least the 16-byte tag");
    }
    wrappedKey = wrappedKey.clone();
    gcmNonce = gcmNonce.clone();
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  @Override
  public byte[] gcmNonce() {
    return gcmNonce.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The same blob with the other ciphertext placement. */
  public DpapiNgBlob withLayout(Layout other) {
    return new DpapiNgBlob(keyIdentifier, descriptor, wrappedKey, gcmNonce, ciphertext, other);
  }

  /** Parses either layout; the layout is detected from {@code encryptedContent}. */
  public static DpapiNgBlob parse(byte[] bytes) throws LapsCryptoException {
    int end = outerEnd(bytes);
    byte[] structure = Arrays.copyOfRange(bytes, 0, end);
    byte[] trailing = Arrays.copyOfRange(bytes, end, bytes.length);

    byte[] keyId;
    ASN1Encodable keyAttr;
    byte[] wrapped;
    byte[] nonce;
    int icvLen;
    ASN1OctetString embedded;
    try {
      ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(structure));
      if (!CMSObjectIdentifiers.envelopedData.equals(info.getContentType())) {
        throw malformed("CMS content type is not EnvelopedData");
      }
      EnvelopedData env = EnvelopedData.getInstance(info.getContent());
      if (env.getVersion().intValueExact() != 2
          || env.getOriginatorInfo() != null
          || env.getUnprotectedAttrs() != null) {
        throw malformed("EnvelopedData is not version 2 without originator or attributes");
      }
      ASN1Set recipients = env.getRecipientInfos();
      if (recipients.size() != 1) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_DESCRIPTOR,
            "blob has " + recipients.size() + " recipients; only a single SID is supported");
      }
      ASN1Encodable recipient = RecipientInfo.getInstance(recipients.getObjectAt(0)).getInfo();
      if (!(recipient instanceof KEKRecipientInfo kek)) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_DESCRIPTOR, "blob recipient is not a KEK recipient");
      }
      if (kek.getVersion().intValueExact() != 4) {
        throw malformed("KEKRecipientInfo version is not 4");
      }
      KEKIdentifier kekId = kek.getKekid();
      OtherKeyAttribute other = kekId.getOther();
      if (kekId.getDate() != null || other == null || !PROTECTION_INFO.equals(other.getKeyAttrId())) {
        throw malformed("KEK identifier lacks the protection descriptor attribute");
      }
      keyId = kekId.getKeyIdentifier().getOctets();
      keyAttr = other.getKeyAttr();
      if (keyAttr == null) {
        throw malformed("protection descriptor attribute is empty");
      }
      AlgorithmIdentifier wrapAlg = kek.getKeyEncryptionAlgorithm();
      if (!NISTObjectIdentifiers.id_aes256_wrap.equals(wrapAlg.getAlgorithm())
          || !absentOrNull(wrapAlg.getParameters())) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_ALGORITHM,
            "key wrap algorithm " + wrapAlg.getAlgorithm().getId() + " is not AES-256 wrap");
      }
      wrapped = kek.getEncryptedKey().getOctets();

      EncryptedContentInfo content = env.getEncryptedContentInfo();
      if (!CMSObjectIdentifiers.data.equals(content.getContentType())) {
        throw malformed("encrypted content type is not id-data");
      }
      AlgorithmIdentifier contentAlg = content.getContentEncryptionAlgorithm();
      if (!NISTObjectIdentifiers.id_aes256_GCM.equals(contentAlg.getAlgorithm())) {
        throw new LapsCryptoException(
            Reason.UNSUPPORTED_ALGORITHM,
            "content algorithm " + contentAlg.getAlgorithm().getId() + " is not AES-256-GCM");
      }
      if (contentAlg.getParameters() == null) {
        throw malformed("AES-GCM parameters are missing");
      }
      GCMParameters gcm = GCMParameters.getInstance(contentAlg.getParameters());
      nonce = gcm.getNonce();
      icvLen = gcm.getIcvLen();
      embedded = content.getEncryptedContent();
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports bad DER and wrong types as assorted runtime exceptions.
      throw malformed("CMS structure is not valid DER EnvelopedData");
    }

    GkdiKeyIdentifier identifier = GkdiKeyIdentifier.parse(keyId);
    SidProtectionDescriptor descriptor = SidProtectionDescriptor.parse(keyAttr);
    if (wrapped.length != WRAPPED_KEY_LENGTH) {
      throw malformed("wrapped content key is " + wrapped.length + " bytes, not 40");
    }
    if (nonce.length != GCM_NONCE_LENGTH) {
      throw malformed("AES-GCM nonce is " + nonce.length + " bytes, not 12");
    }
    if (icvLen != GCM_TAG_LENGTH) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "AES-GCM tag length " + icvLen + " is not 16");
    }
    byte[] ciphertext;
    Layout layout;
    if (embedded != null) {
      if (trailing.length != 0) {
        throw malformed(trailing.length + " bytes follow a blob whose content is embedded");
      }
      ciphertext = embedded.getOctets();
      layout = Layout.EMBEDDED;
    } else {
      ciphertext = trailing;
      layout = Layout.DETACHED;
    }
    if (ciphertext.length < GCM_TAG_LENGTH) {
      throw new LapsCryptoException(
          Reason.TRUNCATED_BLOB,
          "ciphertext is " + ciphertext.length + " bytes, shorter than the 16-byte GCM tag");
    }
    return new DpapiNgBlob(identifier, descriptor, wrapped, nonce, ciphertext, layout);
  }

  /** DER: the structure, then (detached layout) the ciphertext. */
  public byte[] encode() {
    KEKIdentifier kekId =
        new KEKIdentifier(
            keyIdentifier.encode(), null, new OtherKeyAttribute(PROTECTION_INFO, descriptor.toAsn1()));
    KEKRecipientInfo kek =
        new KEKRecipientInfo(
            kekId,
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_wrap),
            new DEROctetString(wrappedKey));
    AlgorithmIdentifier gcm =
        new AlgorithmIdentifier(
            NISTObjectIdentifiers.id_aes256_GCM, new GCMParameters(gcmNonce, GCM_TAG_LENGTH));
    EncryptedContentInfo content =
        new EncryptedContentInfo(
            CMSObjectIdentifiers.data,
            gcm,
            layout == Layout.EMBEDDED ? new DEROctetString(ciphertext) : null);
    EnvelopedData env =
        new EnvelopedData(
            (OriginatorInfo) null, new DERSet(new RecipientInfo(kek)), content, (Attributes) null);
    try {
      byte[] der =
          new ContentInfo(CMSObjectIdentifiers.envelopedData, env).getEncoded(ASN1Encoding.DER);
      return layout == Layout.EMBEDDED ? der : ByteArrays.concat(der, ciphertext);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding in memory failed", e);
    }
  }

  /** Where the outer DER SEQUENCE ends: the detached ciphertext starts there. */
  private static int outerEnd(byte[] b) throws LapsCryptoException {
    if (b.length < 2) {
      throw new LapsCryptoException(Reason.TRUNCATED_BLOB, "DPAPI-NG blob is " + b.length + " bytes");
    }
    if (b[0] != 0x30) {
      throw malformed("DPAPI-NG blob does not start with a DER SEQUENCE");
    }
    int first = b[1] & 0xFF;
    long length;
    int header;
    if (first < 0x80) {
      length = first;
      header = 2;
    } else {
      int n = first & 0x7F;
      if (n == 0 || n > 4) {
        throw malformed("DPAPI-NG blob has an indefinite or oversized DER length");
      }
      if (b.length < 2 + n) {
        throw new LapsCryptoException(Reason.TRUNCATED_BLOB, "DPAPI-NG blob ends in its DER length");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = length << 8 | (b[2 + i] & 0xFF);
      }
      header = 2 + n;
    }
    if (header + length > b.length) {
      throw new LapsCryptoException(
          Reason.TRUNCATED_BLOB,
          "DPAPI-NG structure needs " + (header + length) + " bytes but the blob has " + b.length);
    }
    return (int) (header + length);
  }

  private static boolean absentOrNull(ASN1Encodable params) {
    return params == null || DERNull.INSTANCE.equals(params);
  }

  private static LapsCryptoException malformed(String message) {
    return new LapsCryptoException(Reason.MALFORMED_BLOB, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DpapiNgBlob d && Arrays.equals(encode(), d.encode()) && layout == d.layout;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "DpapiNgBlob[" + keyIdentifier + ", " + descriptor + ", " + layout + ", "
        + ciphertext.length + " ciphertext bytes]";
  }
}
