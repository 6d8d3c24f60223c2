package io.lapsbridge.wire;

import io.lapsbridge.model.AttributeFamily;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every LAPS attribute with its schema definition. This enum is the one source of truth from
 * which all schema-extension LDIF files are generated and against which {@code schema check}
 * compares a live directory.
 *
 * <p>Sources: the legacy AdmPwd schema file (v1.0) and Microsoft's Windows LAPS technical
 * reference. Both families store the password as AD "Printable String" (2.5.5.5) without
 * enforcing its character set, so the LDAP syntax for other servers is Directory String: a strict
 * Printable String would reject the JSON's braces and quotes.
 */
public enum LapsAttribute {
  LEGACY_PASSWORD(
      Names.LEGACY_PASSWORD,
      "ms-Mcs-AdmPwd",
      Oids.LEGACY_ATTRIBUTES + ".1",
      AttributeFamily.LEGACY,
      Syntax.PRINTABLE_STRING,
      true,
      904,
      null,
      "Stores password of local Administrator account on workstation"),
  LEGACY_EXPIRATION_TIME(
      Names.LEGACY_EXPIRATION_TIME,
      "ms-Mcs-AdmPwdExpirationTime",
      Oids.LEGACY_ATTRIBUTES + ".2",
      AttributeFamily.LEGACY,
      Syntax.LARGE_INTEGER,
      true,
      0,
      null,
      "Stores timestamp of last password change"),
  PASSWORD_EXPIRATION_TIME(
      Names.PASSWORD_EXPIRATION_TIME,
      "ms-LAPS-PasswordExpirationTime",
      Oids.WINDOWS_ATTRIBUTES + ".1",
      AttributeFamily.WINDOWS,
      Syntax.LARGE_INTEGER,
      true,
      0,
      null,
      "The current password expiration time of the managed local account (FILETIME, UTC)"),
  PASSWORD(
      Names.PASSWORD,
      "ms-LAPS-Password",
      Oids.WINDOWS_ATTRIBUTES + ".2",
      AttributeFamily.WINDOWS,
      Syntax.PRINTABLE_STRING,
      true,
      904,
      null,
      "The clear-text password of the managed local account, as JSON"),
  ENCRYPTED_PASSWORD(
      Names.ENCRYPTED_PASSWORD,
      "ms-LAPS-EncryptedPassword",
      Oids.WINDOWS_ATTRIBUTES + ".3",
      AttributeFamily.WINDOWS,
      Syntax.OCTET_STRING,
      true,
      904,
      Oids.ENCRYPTED_PROPERTY_SET,
      "The encrypted password of the managed local account"),
  ENCRYPTED_PASSWORD_HISTORY(
      Names.ENCRYPTED_PASSWORD_HISTORY,
      "ms-LAPS-EncryptedPasswordHistory",
      Oids.WINDOWS_ATTRIBUTES + ".4",
      AttributeFamily.WINDOWS,
      Syntax.OCTET_STRING,
      false,
      904,
      Oids.ENCRYPTED_PROPERTY_SET,
      "The encrypted password history of the managed local account"),
  ENCRYPTED_DSRM_PASSWORD(
      Names.ENCRYPTED_DSRM_PASSWORD,
      "ms-LAPS-EncryptedDSRMPassword",
      Oids.WINDOWS_ATTRIBUTES + ".5",
      AttributeFamily.WINDOWS,
      Syntax.OCTET_STRING,
      true,
      904,
      Oids.ENCRYPTED_PROPERTY_SET,
      "The encrypted Directory Services Restore Mode password of a domain controller"),
  ENCRYPTED_DSRM_PASSWORD_HISTORY(
      Names.ENCRYPTED_DSRM_PASSWORD_HISTORY,
      "ms-LAPS-EncryptedDSRMPasswordHistory",
      Oids.WINDOWS_ATTRIBUTES + ".6",
      AttributeFamily.WINDOWS,
      Syntax.OCTET_STRING,
      false,
      904,
      Oids.ENCRYPTED_PROPERTY_SET,
      "The encrypted DSRM password history of a domain controller"),
  CURRENT_PASSWORD_VERSION(
      Names.CURRENT_PASSWORD_VERSION,
      "ms-LAPS-CurrentPasswordVersion",
      Oids.WINDOWS_ATTRIBUTES + ".7",
      AttributeFamily.WINDOWS,
      Syntax.GUID,
      true,
      904,
      Oids.ENCRYPTED_PROPERTY_SET,
      "The logical version (a GUID) of the most recently persisted password");

  /** How a value is stored, in AD's terms and in standard LDAP's. */
  public enum Syntax {
    /** AD 2.5.5.5 / oMSyntax 19; served to other LDAP servers as Directory String. */
    PRINTABLE_STRING("2.5.5.5", 19, "1.3.6.1.4.1.1466.115.121.1.15", "caseExactMatch", null),
    /** AD 2.5.5.16 / 65, a decimal FILETIME; an INTEGER with ordering elsewhere. */
    LARGE_INTEGER(
        "2.5.5.16", 65, "1.3.6.1.4.1.1466.115.121.1.27", "integerMatch", "integerOrderingMatch"),
    /** AD 2.5.5.10 / 4, binary. */
    OCTET_STRING("2.5.5.10", 4, "1.3.6.1.4.1.1466.115.121.1.40", "octetStringMatch", null),
    /** AD 2.5.5.10 / 4 restricted to exactly 16 bytes. */
    GUID("2.5.5.10", 4, "1.3.6.1.4.1.1466.115.121.1.40", "octetStringMatch", null);

    private final String adAttributeSyntax;
    private final int adOmSyntax;
    private final String ldapSyntaxOid;
    private final String equalityRule;
    private final String orderingRule;

    Syntax(
        String adAttributeSyntax,
        int adOmSyntax,
        String ldapSyntaxOid,
        String equalityRule,
        String orderingRule) {
      this.adAttributeSyntax = adAttributeSyntax;
      this.adOmSyntax = adOmSyntax;
      this.ldapSyntaxOid = ldapSyntaxOid;
      this.equalityRule = equalityRule;
      this.orderingRule = orderingRule;
    }

    public String adAttributeSyntax() {
      return adAttributeSyntax;
    }

    public int adOmSyntax() {
      return adOmSyntax;
    }

    public String ldapSyntaxOid() {
      return ldapSyntaxOid;
    }

    public String equalityRule() {
      return equalityRule;
    }

    public Optional<String> orderingRule() {
      return Optional.ofNullable(orderingRule);
    }

    public boolean isBinary() {
      return this == OCTET_STRING || this == GUID;
    }
  }

  private final String ldapName;
  private final String cn;
  private final String oid;
  private final AttributeFamily family;
  private final Syntax syntax;
  private final boolean singleValued;
  private final int searchFlags;
  private final UUID attributeSecurityGuid;
  private final String description;

  LapsAttribute(
      String ldapName,
      String cn,
      String oid,
      AttributeFamily family,
      Syntax syntax,
      boolean singleValued,
      int searchFlags,
      UUID attributeSecurityGuid,
      String description) {
    this.ldapName = ldapName;
    this.cn = cn;
    this.oid = oid;
    this.family = family;
    this.syntax = syntax;
    this.singleValued = singleValued;
    this.searchFlags = searchFlags;
    this.attributeSecurityGuid = attributeSecurityGuid;
    this.description = description;
  }

  /** The lDAPDisplayName, which is what every LDAP operation uses. */
  public String ldapName() {
    return ldapName;
  }

  /** The schema object's common name in AD's schema naming context. */
  public String cn() {
    return cn;
  }

  public String oid() {
    return oid;
  }

  public AttributeFamily family() {
    return family;
  }

  public Syntax syntax() {
    return syntax;
  }

  public boolean singleValued() {
    return singleValued;
  }

  /** AD searchFlags: 904 is preserve-on-delete, confidential, never-value-audit, RODC-filtered. */
  public int searchFlags() {
    return searchFlags;
  }

  /** The property set this attribute belongs to, if any. */
  public Optional<UUID> attributeSecurityGuid() {
    return Optional.ofNullable(attributeSecurityGuid);
  }

  public String description() {
    return description;
  }

  /** Confidential attributes need CONTROL_ACCESS to read in AD. */
  public boolean isConfidential() {
    return (searchFlags & 0x80) != 0;
  }

  public static List<LapsAttribute> of(AttributeFamily family) {
    return Arrays.stream(values()).filter(a -> a.family == family).toList();
  }

  /** The attribute holding {@code family}'s cleartext password. */
  public static LapsAttribute passwordOf(AttributeFamily family) {
    return family == AttributeFamily.LEGACY ? LEGACY_PASSWORD : PASSWORD;
  }

  /** The attribute holding {@code family}'s expiry time. */
  public static LapsAttribute expirationOf(AttributeFamily family) {
    return family == AttributeFamily.LEGACY ? LEGACY_EXPIRATION_TIME : PASSWORD_EXPIRATION_TIME;
  }

  public static Optional<LapsAttribute> byLdapName(String name) {
    return Arrays.stream(values()).filter(a -> a.ldapName.equalsIgnoreCase(name)).findFirst();
  }

  /** Well-known object identifiers. */
  /**
   * The lDAPDisplayNames as compile-time constants, for the places Java requires one (annotation
   * values such as a command's help text). Everywhere else, use {@link #ldapName()}.
   */
  public static final class Names {
    public static final String LEGACY_PASSWORD = "ms-Mcs-AdmPwd";
    public static final String LEGACY_EXPIRATION_TIME = "ms-Mcs-AdmPwdExpirationTime";
    public static final String PASSWORD_EXPIRATION_TIME = "msLAPS-PasswordExpirationTime";
    public static final String PASSWORD = "msLAPS-Password";
    public static final String ENCRYPTED_PASSWORD = "msLAPS-EncryptedPassword";
    public static final String ENCRYPTED_PASSWORD_HISTORY = "msLAPS-EncryptedPasswordHistory";
    public static final String ENCRYPTED_DSRM_PASSWORD = "msLAPS-EncryptedDSRMPassword";
    public static final String ENCRYPTED_DSRM_PASSWORD_HISTORY =
        "msLAPS-EncryptedDSRMPasswordHistory";
    public static final String CURRENT_PASSWORD_VERSION = "msLAPS-CurrentPasswordVersion";

    private Names() {}
  }

  public static final class Oids {
    /** The legacy AdmPwd schema root; {@code .2} holds its attributes. */
    public static final String LEGACY_ROOT =
        "1.2.840.113556.1.8000.2554.50051.45980.28112.18903.35903.6685103.1224907";

    public static final String LEGACY_ATTRIBUTES = LEGACY_ROOT + ".2";
    public static final String WINDOWS_ATTRIBUTES = "1.2.840.113556.1.6.44.1";

    /** AD's {@code computer} class. */
    public static final String COMPUTER_CLASS = "1.2.840.113556.1.3.30";

    /** The {@code computer} class schemaIDGUID, fixed in every forest. */
    public static final UUID COMPUTER_CLASS_GUID =
        UUID.fromString("bf967a86-0de6-11d0-a285-00aa003049e2");

    /** The {@code ms-LAPS-Encrypted-Password-Attributes} property set (rightsGuid). */
    public static final UUID ENCRYPTED_PROPERTY_SET =
        UUID.fromString("f3531ec6-6330-4f8e-8d39-7a671fbac605");

    public static final String ENCRYPTED_PROPERTY_SET_NAME =
        "ms-LAPS-Encrypted-Password-Attributes";

    private Oids() {}
  }
}
