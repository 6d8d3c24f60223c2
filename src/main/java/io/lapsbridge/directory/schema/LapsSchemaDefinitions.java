package io.lapsbridge.directory.schema;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.AttributeUsage;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassType;
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
   * OpenLDAP has no {@code computer} class, so its scripts add an auxiliary class. The OID is a
   * UUID-based OID (ITU-T X.667, arc 2.25), which needs no registration.
   */
  public static final String OPENLDAP_AUXILIARY_CLASS_OID =
      "2.25.250575877036685039584003886974628949608";

  public static final String OPENLDAP_AUXILIARY_CLASS = "lapsComputer";

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

  /** The OpenLDAP auxiliary class allowing {@code attributes}. */
  public static String openLdapAuxiliaryClass(List<LapsAttribute> attributes) {
    List<String> may = new ArrayList<>();
    attributes.forEach(a -> may.add(a.ldapName()));
    return new ObjectClassDefinition(
            OPENLDAP_AUXILIARY_CLASS_OID,
            OPENLDAP_AUXILIARY_CLASS,
            "Computer that stores LAPS passwords",
            "top",
            ObjectClassType.AUXILIARY,
            List.of(),
            may,
            Map.of())
        .toString();
  }
}
