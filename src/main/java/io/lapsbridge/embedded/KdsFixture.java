package io.lapsbridge.embedded;

import io.lapsbridge.crypto.DhParameters;
import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdfHash;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.SecretAgreement;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.StandInDirectory.LdifSource;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The stand-in's encrypted Windows LAPS fixtures, made at start by our own encryptor: two KDS
 * root keys (DH, as {@code Add-KdsRootKey} makes by default, and ECDH P-384) under {@code
 * cn=Master Root Keys}, workstations with encrypted passwords and history, and the DSRM password
 * and its history on {@code DC1}. The root key data is fixed (a hash of a label), so anything
 * exported from one start decrypts the values of another; the encrypted values themselves differ
 * per start because their content keys and nonces are random.
 *
 * <p>Fixture passwords are test data documented in docs/kds.md, like the bind passwords of the
 * fixture users.
 */
public final class KdsFixture {
  /** The fixture domain's SID (see test-ldap/fixture-kds.ldif). */
  public static final String DOMAIN_SID = "S-1-5-21-1000000001-2000000002-3000000003";

  public static final String DOMAIN_ADMINS_SID =
      Sid.of(DOMAIN_SID).withRid(Sid.DOMAIN_ADMINS_RID).toString();
  public static final String LAPS_READERS_SID = Sid.of(DOMAIN_SID).withRid(1105).toString();

  /** The DH root key, in use since 2026-01-01. */
  public static final UUID DH_ROOT_KEY = UUID.fromString("7c1b9a52-3f0e-4d6a-9b1e-5a2f8c4d6e01");

  /** The ECDH P-384 root key, in use since 2026-06-01. */
  public static final UUID ECDH_ROOT_KEY = UUID.fromString("2e8f4c71-6a3d-4b9e-8c05-d17a3b9e4f02");

  /** A root key that exists nowhere in the directory: values made with it cannot be decrypted. */
  public static final UUID MISSING_ROOT_KEY =
      UUID.fromString("0badc0de-0000-4000-8000-00000000dead");

  private static final String DOMAIN = "example.com";

  /** RFC 5114 section 2.3 group, the parameters Windows writes into a DH root key. */
  private static final String RFC5114_DH_PARAMETERS =
      "0c0200004448504d0001000087a8e61db4b6663cffbbd19c651959998ceef608660dd0f25d2ceed4435e3b00"
          + "e00df8f1d61957d4faf7df4561b2aa3016c3d91134096faa3bf4296d830e9a7c209e0c6497517abd5a8a"
          + "9d306bcf67ed91f9e6725b4758c022e0b1ef4275bf7b6c5bfc11d45f9088b941f54eb1e59bb8bc39a0bf"
          + "12307f5c4fdb70c581b23f76b63acae1caa6b7902d52526735488a0ef13c6d9a51bfa4ab3ad834779652"
          + "4d8ef6a167b5a41825d967e144e5140564251ccacb83e6b486f6b3ca3f7971506026c0b857f689962856"
          + "ded4010abd0be621c3a3960a54e710c375f26375d7014103a4b54330c198af126116d2276e11715f6938"
          + "77fad7ef09cadb094ae91e1a15973fb32c9b73134d0b2e77506660edbd484ca7b18f21ef205407f4793a"
          + "1a0ba12510dbc15077be463fff4fed4aac0bb555be3a6c1b0c6b47b1bc3773bf7e8c6f62901228f8c28c"
          + "bb18a55ae31341000a650196f931c77a57f2ddf463e5e9ec144b777de62aaab8a8628ac376d282d6ed38"
          + "64e67982428ebc831d14348f6f2f9193b5045af2767164e1dfc967c1fb3f2e55a4bd1bffe83b9c80d052"
          + "b985d182ea0adb2a3b7313d3fe14c8484b1e052588b9b7d2bbd2df016199ecd06e1557cd0915b3353bbb"
          + "64e0ec377fd028370df92b52c7891428cdc67eb6184b523d1db246c32f63078490f00ef8d647d148d479"
          + "54515e2327cfef98c582664b4c0f6cc41659";

  /**
   * One encrypted value the fixture writes.
   *
   * @param computer the computer's {@code cn}
   * @param attribute where it is stored
   * @param account the managed account in the payload
   * @param password the plaintext password (fixture data)
   * @param updated the payload and header time
   * @param rootKey the root key it is encrypted with
   * @param sid the protection descriptor's SID
   * @param damaged whether a ciphertext byte is flipped after encryption, so GCM must refuse it
   */
  public record Value(
      String computer,
      LapsAttribute attribute,
      String account,
      String password,
      String updated,
      UUID rootKey,
      String sid,
      boolean damaged) {
    @Override
    public String toString() {
      return "Value[" + computer + ", " + attribute.ldapName() + ", " + updated + "]";
    }
  }

  /** Every encrypted value, in the order written; history entries newest first. */
  public static final List<Value> VALUES =
      List.of(
          new Value("ENC-WS-01", LapsAttribute.ENCRYPTED_PASSWORD, "Administrator",
              "Enc-Current-Pw-01", "2026-11-20T08:00:00Z", DH_ROOT_KEY, DOMAIN_ADMINS_SID, false),
          new Value("ENC-WS-01", LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, "Administrator",
              "Enc-History-Pw-02", "2026-10-21T08:00:00Z", DH_ROOT_KEY, DOMAIN_ADMINS_SID, false),
          new Value("ENC-WS-01", LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, "Administrator",
              "Enc-History-Pw-03", "2026-09-21T08:00:00Z", DH_ROOT_KEY, DOMAIN_ADMINS_SID, false),
          new Value("ENC-WS-02", LapsAttribute.ENCRYPTED_PASSWORD, "LapsAdmin",
              "Enc-Ecdh-Pw-04", "2026-11-22T13:30:00Z", ECDH_ROOT_KEY, LAPS_READERS_SID, false),
          new Value("ENC-WS-02", LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, "LapsAdmin",
              "Enc-Damaged-Pw-05", "2026-10-23T13:30:00Z", ECDH_ROOT_KEY, LAPS_READERS_SID, true),
          new Value("ENC-WS-02", LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, "LapsAdmin",
              "Enc-Lost-Key-Pw-06", "2026-09-23T13:30:00Z", MISSING_ROOT_KEY, LAPS_READERS_SID,
              false),
          new Value("DC1", LapsAttribute.ENCRYPTED_DSRM_PASSWORD, "Administrator",
              "Enc-Dsrm-Pw-07", "2026-11-18T06:00:00Z", DH_ROOT_KEY, DOMAIN_ADMINS_SID, false),
          new Value("DC1", LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY, "Administrator",
              "Enc-Dsrm-History-Pw-08", "2026-10-19T06:00:00Z", DH_ROOT_KEY, DOMAIN_ADMINS_SID,
              false));

  /** The expiry written beside the fixture passwords. */
  public static final String EXPIRATION = "2026-12-20T08:00:00Z";

  private KdsFixture() {}

  /** The fixture root key with this id (the data is derived from a fixed label). */
  public static KdsRootKey rootKey(UUID id) {
    try {
      boolean dh = !id.equals(ECDH_ROOT_KEY);
      byte[] data = sha512("lapsbridge stand-in KDS root key " + id);
      FileTime created =
          FileTime.of(Instant.parse(dh ? "2026-01-01T00:00:00Z" : "2026-06-01T00:00:00Z"));
      FileTime useStart = new FileTime(created.ticks() + 10 * 3600 * 10_000_000L);
      return dh
          ? KdsRootKey.fromAttributes(
              id, 1, data, KdsRootKey.KDF_ALGORITHM, KdfHash.SHA512.kdfParameters(), "DH",
              HexFormat.of().parseHex(RFC5114_DH_PARAMETERS), 512, 2048, created, useStart)
          : KdsRootKey.fromAttributes(
              id, 1, data, KdsRootKey.KDF_ALGORITHM, KdfHash.SHA512.kdfParameters(),
              SecretAgreement.ECDH_P384.windowsName(), null, 384, 384, created, useStart);
    } catch (LapsCryptoException e) {
      throw new IllegalStateException("fixture root key is invalid: " + e.getMessage(), e);
    }
  }

  /** The root keys and encrypted computers as LDIF, generated now. */
  public static LdifSource ldif(String baseDn) {
    return new LdifSource() {
      @Override
      public String name() {
        return "generated KDS fixtures (" + KdsFixture.class.getSimpleName() + ")";
      }

      @Override
      public java.io.InputStream open() throws java.io.IOException {
        try {
          return new java.io.ByteArrayInputStream(
              render(baseDn).getBytes(StandardCharsets.UTF_8));
        } catch (LapsCryptoException e) {
          throw new java.io.IOException("cannot encrypt the KDS fixtures: " + e.getMessage(), e);
        }
      }
    };
  }

  static String render(String baseDn) throws LapsCryptoException {
    StringBuilder ldif = new StringBuilder();
    String keys =
        "cn=Master Root Keys,cn=Group Key Distribution Service,cn=Services,cn=Configuration,"
            + baseDn;
    for (UUID id : List.of(DH_ROOT_KEY, ECDH_ROOT_KEY)) {
      rootKeyEntry(ldif, keys, rootKey(id), baseDn);
    }
    LapsEncryptor encryptor = new LapsEncryptor(new SecureRandom());
    String workstations = "ou=Workstations,ou=Computers," + baseDn;
    String expiry = FileTimeText.toDecimal(FileTime.of(Instant.parse(EXPIRATION)));
    for (String name : List.of("ENC-WS-01", "ENC-WS-02")) {
      ldif.append("dn: cn=").append(name).append(',').append(workstations).append('\n')
          .append("changetype: add\n")
          .append("objectClass: top\nobjectClass: user\nobjectClass: computer\n")
          .append("cn: ").append(name).append('\n')
          .append("sAMAccountName: ").append(name).append("$\n")
          .append("dNSHostName: ").append(name.toLowerCase(java.util.Locale.ROOT)).append('.')
          .append(DOMAIN).append('\n')
          .append("operatingSystem: Windows 11 Enterprise\n")
          .append("userAccountControl: 4096\n")
          .append(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName()).append(": ").append(expiry)
          .append('\n');
      for (Value value : VALUES) {
        if (value.computer().equals(name)) {
          binary(ldif, value.attribute().ldapName(), encrypt(encryptor, value));
        }
      }
      ldif.append('\n');
    }
    ldif.append("dn: cn=DC1,ou=Domain Controllers,").append(baseDn).append('\n')
        .append("changetype: modify\n");
    ldif.append("add: ").append(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName()).append('\n')
        .append(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName()).append(": ").append(expiry)
        .append("\n-\n");
    for (Value value : VALUES) {
      if (value.computer().equals("DC1")) {
        ldif.append("add: ").append(value.attribute().ldapName()).append('\n');
        binary(ldif, value.attribute().ldapName(), encrypt(encryptor, value));
        ldif.append("-\n");
      }
    }
    ldif.append('\n');
    return ldif.toString();
  }

  private static void rootKeyEntry(StringBuilder ldif, String parent, KdsRootKey key, String base) {
    ldif.append("dn: cn=").append(key.id()).append(',').append(parent).append('\n')
        .append("changetype: add\n")
        .append("objectClass: top\nobjectClass: msKds-ProvRootKey\n")
        .append("cn: ").append(key.id()).append('\n')
        .append("msKds-Version: 1\n")
        .append("msKds-KDFAlgorithmID: ").append(KdsRootKey.KDF_ALGORITHM).append('\n');
    binary(ldif, "msKds-KDFParam", key.kdfHash().kdfParameters());
    ldif.append("msKds-SecretAgreementAlgorithmID: ").append(key.agreement().windowsName())
        .append('\n');
    DhParameters dh = key.dhParameters();
    if (dh != null) {
      binary(ldif, "msKds-SecretAgreementParam", dh.encode());
    }
    ldif.append("msKds-PrivateKeyLength: ").append(key.privateKeyLength()).append('\n')
        .append("msKds-PublicKeyLength: ").append(key.publicKeyLength()).append('\n')
        .append("msKds-CreateTime: ").append(key.createTime().ticks()).append('\n')
        .append("msKds-UseStartTime: ").append(key.useStartTime().ticks()).append('\n')
        .append("msKds-DomainID: cn=DC1,ou=Domain Controllers,").append(base).append('\n');
    byte[] data = key.keyData();
    binary(ldif, "msKds-RootKeyData", data);
    java.util.Arrays.fill(data, (byte) 0);
    ldif.append('\n');
  }

  private static byte[] encrypt(LapsEncryptor encryptor, Value value) throws LapsCryptoException {
    FileTime updated = FileTime.of(Instant.parse(value.updated()));
    GroupPublicKey key =
        GroupPublicKey.derive(
            rootKey(value.rootKey()), new SidProtectionDescriptor(value.sid()),
            GkdiInterval.of(updated), DOMAIN, DOMAIN);
    byte[] encrypted =
        encryptor.encrypt(
            key,
            new WindowsLapsPasswordJson.Value(
                value.account(), updated, Secret.of(value.password())));
    if (value.damaged()) {
      // The last byte is part of the GCM tag in Windows' detached layout.
      encrypted[encrypted.length - 1] ^= 0x5A;
    }
    return encrypted;
  }

  private static void binary(StringBuilder ldif, String attribute, byte[] value) {
    ldif.append(attribute).append(":: ").append(Base64.getEncoder().encodeToString(value))
        .append('\n');
  }

  private static byte[] sha512(String label) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(label.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
