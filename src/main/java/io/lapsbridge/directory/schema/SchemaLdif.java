package io.lapsbridge.directory.schema;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFModifyChangeRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.WindowsGuid;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the schema-extension LDIF for each target and family from {@link LapsAttribute}.
 * The files under {@code schema-ldif/} are this class's output, checked in; a test fails when
 * they drift.
 */
public final class SchemaLdif {
  /** The placeholder for the forest's configuration naming context, as ldifde's -c expects. */
  public static final String CONFIGURATION_PLACEHOLDER = "CN=Configuration,DC=X";

  private static final String SCHEMA_NC = "CN=Schema," + CONFIGURATION_PLACEHOLDER;

  private SchemaLdif() {}

  /** The complete file text, header comment included. */
  public static String render(SchemaTarget target, FamilySelection families) {
    List<LDIFChangeRecord> records =
        switch (target) {
          case AD -> activeDirectoryRecords(families);
          case APACHEDS -> apacheDs(families);
          case OPENLDAP -> openLdap(families);
        };
    StringBuilder text = new StringBuilder(header(target, families));
    for (LDIFChangeRecord record : records) {
      text.append('\n').append(record.toLDIFString(0));
    }
    return text.toString();
  }

  /** The records {@code Update-AdmPwdADSchema} and {@code Update-LapsADSchema} would send. */
  public static List<LDIFChangeRecord> activeDirectoryRecords(FamilySelection families) {
    List<LDIFChangeRecord> records = new ArrayList<>();
    if (families != FamilySelection.LEGACY) {
      records.add(encryptedPropertySet());
    }
    // Legacy order follows the AdmPwd cmdlet: expiration time first, then the password.
    List<LapsAttribute> attributes = new ArrayList<>(families.attributes());
    attributes.sort(
        (a, b) -> a == LapsAttribute.LEGACY_EXPIRATION_TIME ? -1
            : b == LapsAttribute.LEGACY_EXPIRATION_TIME ? 1 : 0);
    for (LapsAttribute attribute : attributes) {
      records.add(attributeSchema(attribute));
    }
    records.add(schemaUpdateNow());
    records.add(
        new LDIFModifyChangeRecord(
            "CN=Computer," + SCHEMA_NC,
            new Modification(
                ModificationType.ADD,
                "mayContain",
                attributes.stream().map(LapsAttribute::ldapName).toArray(String[]::new))));
    records.add(schemaUpdateNow());
    return records;
  }

  private static LDIFChangeRecord attributeSchema(LapsAttribute attribute) {
    List<Attribute> values = new ArrayList<>();
    values.add(new Attribute("objectClass", "top", "attributeSchema"));
    values.add(new Attribute("cn", attribute.cn()));
    values.add(new Attribute("lDAPDisplayName", attribute.ldapName()));
    values.add(new Attribute("adminDisplayName", attribute.cn()));
    values.add(new Attribute("adminDescription", attribute.description()));
    values.add(new Attribute("attributeID", attribute.oid()));
    values.add(new Attribute("attributeSyntax", attribute.syntax().adAttributeSyntax()));
    values.add(new Attribute("oMSyntax", Integer.toString(attribute.syntax().adOmSyntax())));
    values.add(new Attribute("isSingleValued", Boolean.toString(attribute.singleValued()).toUpperCase(java.util.Locale.ROOT)));
    values.add(new Attribute("systemOnly", "FALSE"));
    values.add(new Attribute("searchFlags", Integer.toString(attribute.searchFlags())));
    values.add(new Attribute("isMemberOfPartialAttributeSet", "FALSE"));
    values.add(new Attribute("showInAdvancedViewOnly", "FALSE"));
    if (attribute.syntax() == LapsAttribute.Syntax.GUID) {
      values.add(new Attribute("rangeLower", "16"));
      values.add(new Attribute("rangeUpper", "16"));
    }
    attribute
        .attributeSecurityGuid()
        .ifPresent(guid -> values.add(new Attribute("attributeSecurityGUID", WindowsGuid.encode(guid))));
    return new LDIFAddChangeRecord("CN=" + attribute.cn() + "," + SCHEMA_NC, values);
  }

  /** The controlAccessRight that groups the encrypted attributes into one property set. */
  private static LDIFChangeRecord encryptedPropertySet() {
    return new LDIFAddChangeRecord(
        "CN=" + LapsAttribute.Oids.ENCRYPTED_PROPERTY_SET_NAME + ",CN=Extended-Rights,"
            + CONFIGURATION_PLACEHOLDER,
        new Attribute("objectClass", "top", "controlAccessRight"),
        new Attribute("cn", LapsAttribute.Oids.ENCRYPTED_PROPERTY_SET_NAME),
        new Attribute("displayName", LapsAttribute.Oids.ENCRYPTED_PROPERTY_SET_NAME),
        new Attribute("rightsGuid", LapsAttribute.Oids.ENCRYPTED_PROPERTY_SET.toString()),
        new Attribute("validAccesses", "48"),
        new Attribute("appliesTo", LapsAttribute.Oids.COMPUTER_CLASS_GUID.toString()));
  }

  private static LDIFChangeRecord schemaUpdateNow() {
    return new LDIFModifyChangeRecord(
        "", new Modification(ModificationType.ADD, "schemaUpdateNow", "1"));
  }

  /** ApacheDS: a schema of our own, the attribute types, then the widened computer class. */
  static List<LDIFChangeRecord> apacheDs(FamilySelection families) {
    String schema = LapsSchemaDefinitions.STAND_IN_SCHEMA_NAME;
    String schemaDn = "cn=" + schema + ",ou=schema";
    List<LDIFChangeRecord> records = new ArrayList<>();
    records.add(
        new LDIFAddChangeRecord(
            schemaDn,
            new Attribute("objectClass", "top", "metaSchema"),
            new Attribute("cn", schema),
            new Attribute("m-dependencies", "system", "core", "adlike")));
    for (String container : List.of("attributeTypes", "objectClasses")) {
      records.add(
          new LDIFAddChangeRecord(
              "ou=" + container + "," + schemaDn,
              new Attribute("objectClass", "top", "organizationalUnit"),
              new Attribute("ou", container)));
    }
    records.add(
        new LDIFModifyChangeRecord(
            "cn=schema",
            new Modification(
                ModificationType.ADD,
                "attributeTypes",
                families.attributes().stream()
                    .map(a -> LapsSchemaDefinitions.attributeType(a, schema))
                    .toArray(String[]::new))));
    try {
      records.add(
          new LDIFModifyChangeRecord(
              "cn=schema",
              new Modification(
                  ModificationType.DELETE,
                  "objectClasses",
                  LapsSchemaDefinitions.STAND_IN_COMPUTER_CLASS),
              new Modification(
                  ModificationType.ADD,
                  "objectClasses",
                  LapsSchemaDefinitions.computerClassWith(
                      LapsSchemaDefinitions.STAND_IN_COMPUTER_CLASS, families.attributes()))));
    } catch (LDAPException e) {
      throw new IllegalStateException("the built-in computer class definition is invalid", e);
    }
    return records;
  }

  /**
   * OpenLDAP: one cn=config schema entry per family ({@code cn=laps-legacy},
   * {@code cn=laps-windows}) with its attributes and auxiliary class, so the legacy file and
   * the Windows LAPS file can be applied one after the other; {@code all} holds both entries.
   */
  static List<LDIFChangeRecord> openLdap(FamilySelection families) {
    List<LDIFChangeRecord> records = new ArrayList<>();
    for (AttributeFamily family : AttributeFamily.values()) {
      List<LapsAttribute> attributes =
          families.attributes().stream().filter(a -> a.family() == family).toList();
      if (attributes.isEmpty()) {
        continue;
      }
      String cn = "laps-" + family.name().toLowerCase(java.util.Locale.ROOT);
      records.add(
          new LDIFAddChangeRecord(
              "cn=" + cn + ",cn=schema,cn=config",
              new Attribute("objectClass", "olcSchemaConfig"),
              new Attribute("cn", cn),
              new Attribute(
                  "olcAttributeTypes",
                  attributes.stream()
                      .map(a -> LapsSchemaDefinitions.attributeType(a, null))
                      .toArray(String[]::new)),
              new Attribute(
                  "olcObjectClasses", LapsSchemaDefinitions.openLdapAuxiliaryClass(family))));
    }
    return records;
  }


  private static String header(SchemaTarget target, FamilySelection families) {
    String usage =
        switch (target) {
          case AD -> """
              # Apply as a member of Schema Admins, against the schema master:
              #   ldifde -i -k -f %1$s.ldif -c "%2$s" #configurationNamingContext
              # or, with OpenLDAP's client, after replacing the placeholder:
              #   sed 's/%2$s/CN=Configuration,DC=corp,DC=example/' %1$s.ldif | ldapmodify -c -H ldaps://dc1 -Y GSSAPI
              # -k and -c make a second run skip what already exists.
              """;
          case APACHEDS -> """
              # Apply once to a directory loaded with test-ldap/ad-schema.ldif, as uid=admin,ou=system:
              #   ldapmodify -H ldap://localhost:10389 -D uid=admin,ou=system -W -f %1$s.ldif
              # `lapsbridge schema extend` does the same idempotently on a live stand-in.
              """;
          case OPENLDAP -> """
              # Apply on the OpenLDAP server as the cn=config administrator:
              #   ldapadd -Y EXTERNAL -H ldapi:/// -f %1$s.ldif
              # Then add the auxiliary class of each family in use (lapsLegacyComputer,
              # lapsWindowsComputer) to each computer entry. The legacy and the windows file may be
              # applied one after the other; laps-all holds both.
              """;
        };
    return "# LAPS schema extension (" + families.name().toLowerCase(java.util.Locale.ROOT) + " attributes) for "
        + target.name().toLowerCase(java.util.Locale.ROOT) + ".\n"
        + "# Generated by `lapsbridge schema print --target " + target.name().toLowerCase(java.util.Locale.ROOT)
        + " --family " + families.name().toLowerCase(java.util.Locale.ROOT) + "`; do not edit by hand.\n"
        + usage.formatted(families.fileStem(), CONFIGURATION_PLACEHOLDER);
  }
}
