package io.lapsbridge.directory.schema;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.AttributeUsage;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassType;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * RFC 4512 definitions of the LAPS attributes and of the classes that may hold them, derived
 * from {@link LapsAttribute} for servers that are not Active Directory.
 */
public final class LapsSchemaDefinitions {
  /**
   * The stand-in's {@code computer} class before any LAPS extension. {@code test-ldap/} declares
   * exactly this definition, and a test keeps the two in step.
   */
  public static final String STAND_IN_COMPUTER_CLASS =
      "( 1.2.840.113556.1.3.30 NAME 'computer' SUP user STRUCTURAL MAY ( dNSHostName $"
          + " operatingSystem $ operatingSystemVersion ) X-SCHEMA 'adlike' )";

  /**
   * OpenLDAP has no {@code computer} class, so its scripts add one auxiliary class per family.
   * One class per family (not one for both) lets the legacy and the Windows LAPS files be
   * applied one after the other, as an estate moving off legacy LAPS does: two definitions of
   * one class cannot coexist in slapd. The OIDs are UUID-based (ITU-T X.667, arc 2.25), which
   * need no registration.
   */
  public static final String OPENLDAP_LEGACY_CLASS = "lapsLegacyComputer";

  public static final String OPENLDAP_LEGACY_CLASS_OID =
      "2.25.106456187256000465631195600290308568680";

  public static final String OPENLDAP_WINDOWS_CLASS = "lapsWindowsComputer";

  public static final String OPENLDAP_WINDOWS_CLASS_OID =
      "2.25.27060774458983450408175906726444964177";

  /** Every OpenLDAP auxiliary class the scripts define. */
  public static final List<String> OPENLDAP_AUXILIARY_CLASSES =
      List.of(OPENLDAP_LEGACY_CLASS, OPENLDAP_WINDOWS_CLASS);

  /** The ApacheDS schema that holds the LAPS attributes. */
  public static final String STAND_IN_SCHEMA_NAME = "laps";

  private LapsSchemaDefinitions() {}

  /** One attribute as an RFC 4512 AttributeTypeDescription. */
  public static String attributeType(LapsAttribute attribute, String schemaName) {
    LapsAttribute.Syntax syntax = attribute.syntax();
    Map<String, String[]> extensions =
        schemaName == null ? Map.of() : Map.of("X-SCHEMA", new String[] {schemaName});
    return new AttributeTypeDefinition(
            attribute.oid(),
            new String[] {attribute.ldapName()},
            attribute.description(),
            false,
            null,
            syntax.equalityRule(),
            syntax.orderingRule().orElse(null),
            null,
            syntax.ldapSyntaxOid(),
            attribute.singleValued(),
            false,
            false,
            AttributeUsage.USER_APPLICATIONS,
            extensions)
        .toString();
  }

  /** The stand-in's {@code computer} class with {@code attributes} added to its MAY list. */
  public static String computerClassWith(String currentDefinition, List<LapsAttribute> attributes)
      throws LDAPException {
    ObjectClassDefinition current = new ObjectClassDefinition(currentDefinition);
    Set<String> may = new LinkedHashSet<>(List.of(current.getOptionalAttributes()));
    Set<String> lower = new LinkedHashSet<>();
    may.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
    for (LapsAttribute attribute : attributes) {
      if (lower.add(attribute.ldapName().toLowerCase(Locale.ROOT))) {
        may.add(attribute.ldapName());
      }
    }
    return new ObjectClassDefinition(
            current.getOID(),
            current.getNames(),
            current.getDescription(),
            current.isObsolete(),
            current.getSuperiorClasses(),
            current.getObjectClassType(),
            current.getRequiredAttributes(),
            may.toArray(String[]::new),
            current.getExtensions())
        .toString();
  }

  /** The OpenLDAP auxiliary class for {@code family}, allowing that family's attributes. */
  public static String openLdapAuxiliaryClass(AttributeFamily family) {
    List<String> may = new ArrayList<>();
    for (LapsAttribute attribute : LapsAttribute.values()) {
      if (attribute.family() == family) {
        may.add(attribute.ldapName());
      }
    }
    boolean legacy = family == AttributeFamily.LEGACY;
    return new ObjectClassDefinition(
            legacy ? OPENLDAP_LEGACY_CLASS_OID : OPENLDAP_WINDOWS_CLASS_OID,
            legacy ? OPENLDAP_LEGACY_CLASS : OPENLDAP_WINDOWS_CLASS,
            legacy
                ? "Computer that stores a legacy Microsoft LAPS password"
                : "Computer that stores a Windows LAPS password",
            "top",
            ObjectClassType.AUXILIARY,
            List.of(),
            may,
            Map.of())
        .toString();
  }
}
