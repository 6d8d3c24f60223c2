package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFModifyChangeRecord;
import io.lapsbridge.directory.schema.FamilySelection;
import io.lapsbridge.directory.schema.LapsSchemaDefinitions;
import io.lapsbridge.directory.schema.SchemaLdif;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks and extends the LAPS schema of a live directory. */
public final class SchemaService {
  /** LDAP syntaxes that hold each LAPS syntax faithfully. */
  private static final Map<LapsAttribute.Syntax, Set<String>> ACCEPTED_SYNTAXES =
      Map.of(
          LapsAttribute.Syntax.PRINTABLE_STRING,
          Set.of(
              "1.3.6.1.4.1.1466.115.121.1.44",
              "1.3.6.1.4.1.1466.115.121.1.15",
              "1.3.6.1.4.1.1466.115.121.1.26"),
          LapsAttribute.Syntax.LARGE_INTEGER,
          Set.of("1.2.840.113556.1.4.906", "1.3.6.1.4.1.1466.115.121.1.27"),
          LapsAttribute.Syntax.OCTET_STRING,
          Set.of("1.3.6.1.4.1.1466.115.121.1.40"),
          LapsAttribute.Syntax.GUID,
          Set.of("1.3.6.1.4.1.1466.115.121.1.40"));

  private static final String AD_CAPABILITY = "1.2.840.113556.1.4.800";

  private final LDAPConnection connection;

  public SchemaService(LapsDirectory directory) {
    this.connection = directory.connection();
  }

  public SchemaReport check(FamilySelection families) throws DirectoryException {
    Schema schema = readSchema();
    ObjectClassDefinition computer = schema.getObjectClass("computer");
    Set<String> computerMay = new HashSet<>();
    if (computer != null) {
      for (AttributeTypeDefinition type : computer.getOptionalAttributes(schema, true)) {
        for (String name : type.getNames()) {
          computerMay.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    // OpenLDAP installs have no computer class; our auxiliary classes link them instead.
    for (String name : LapsSchemaDefinitions.OPENLDAP_AUXILIARY_CLASSES) {
      ObjectClassDefinition auxiliary = schema.getObjectClass(name);
      if (auxiliary != null) {
        for (String may : auxiliary.getOptionalAttributes()) {
          computerMay.add(may.toLowerCase(Locale.ROOT));
        }
      }
    }
    List<SchemaReport.AttributeStatus> statuses = new ArrayList<>();
    for (LapsAttribute attribute : families.attributes()) {
      AttributeTypeDefinition type = schema.getAttributeType(attribute.ldapName());
      boolean linked = computerMay.contains(attribute.ldapName().toLowerCase(Locale.ROOT));
      if (type == null) {
        statuses.add(
            new SchemaReport.AttributeStatus(
                attribute, SchemaReport.State.MISSING, linked, "attribute type not defined"));
        continue;
      }
      List<String> problems = new ArrayList<>();
      if (!type.getOID().equals(attribute.oid())) {
        problems.add("OID " + type.getOID() + ", expected " + attribute.oid());
      }
      if (type.isSingleValued() != attribute.singleValued()) {
        problems.add(attribute.singleValued() ? "multi-valued, expected single-valued"
            : "single-valued, expected multi-valued");
      }
      String syntax = type.getBaseSyntaxOID(schema);
      if (syntax != null && !ACCEPTED_SYNTAXES.get(attribute.syntax()).contains(syntax)) {
        problems.add("syntax " + syntax + " cannot hold " + attribute.syntax());
      }
      statuses.add(
          new SchemaReport.AttributeStatus(
              attribute,
              problems.isEmpty() ? SchemaReport.State.PRESENT : SchemaReport.State.INCOMPATIBLE,
              linked,
              problems.isEmpty()
                  ? (linked ? "ok" : "not allowed on the computer class")
                  : String.join("; ", problems)));
    }
    return new SchemaReport(serverKind(), statuses);
  }

  /** The changes that would add what {@link #check} found missing; empty when nothing is. */
  public List<SchemaChange> plan(FamilySelection families) throws DirectoryException {
    SchemaReport report = check(families);
    List<LapsAttribute> missing = new ArrayList<>();
    List<LapsAttribute> unlinked = new ArrayList<>();
    for (SchemaReport.AttributeStatus status : report.attributes()) {
      if (status.state() == SchemaReport.State.INCOMPATIBLE) {
        throw new DirectoryException(
            DirectoryException.Kind.SCHEMA_MISSING,
            "schema attribute " + status.attribute().ldapName() + " exists but is incompatible ("
                + status.detail() + "); lapsbridge will not redefine it");
      }
      if (status.state() == SchemaReport.State.MISSING) {
        missing.add(status.attribute());
      }
      if (!status.linkedToComputer()) {
        unlinked.add(status.attribute());
      }
    }
    if (missing.isEmpty() && unlinked.isEmpty()) {
      return List.of();
    }
    return switch (report.server()) {
      case APACHEDS -> planApacheDs(missing, unlinked);
      case ACTIVE_DIRECTORY -> planActiveDirectory(missing, unlinked);
      case OTHER -> throw new DirectoryException(
          DirectoryException.Kind.SCHEMA_MISSING,
          "schema extend supports Active Directory and ApacheDS; for this server apply"
              + " `lapsbridge schema print --target openldap` by hand");
    };
  }

  /**
   * Applies a plan in order; stops at the first failure, naming the step and, when earlier
   * steps were applied, what was applied and what remains (a second run adds the rest).
   */
  public void apply(List<SchemaChange> plan, List<LDIFChangeRecord> records)
      throws DirectoryException {
    for (int i = 0; i < records.size(); i++) {
      LDIFChangeRecord record = records.get(i);
      try {
        record.processChange(connection);
      } catch (LDAPException e) {
        if (ResultCode.ENTRY_ALREADY_EXISTS.equals(e.getResultCode())
            || ResultCode.ATTRIBUTE_OR_VALUE_EXISTS.equals(e.getResultCode())) {
          continue; // Someone else added it meanwhile: the goal is met.
        }
        throw withProgress(stepFailure(plan.get(i), record, e, i == 0), plan, i);
      }
    }
  }

  private static DirectoryException stepFailure(SchemaChange step, LDIFChangeRecord record,
      LDAPException e, boolean first) {
    if (ResultCode.REFERRAL.equals(e.getResultCode())) {
      return new DirectoryException(
          DirectoryException.Kind.REJECTED,
          "schema changes must go to the schema master; this server referred the request"
              + " elsewhere" + Ldap.diagnosticSuffix(e.getDiagnosticMessage()),
          Ldap.code(e.getResultCode()),
          e);
    }
    if (first && SchemaPreflight.refusedOnFirstWrite(e)) {
      return new DirectoryException(DirectoryException.Kind.REJECTED, "schema extend step '"
          + step.description() + "' was refused: " + SchemaPreflight.refusalHint()
          + Ldap.diagnosticSuffix(e.getDiagnosticMessage()), Ldap.code(e.getResultCode()), e);
    }
    return LapsDirectory.failure(
        "schema extend step '" + step.description() + "'", record.getDN(), null, e);
  }

  static DirectoryException withProgress(DirectoryException failure,
      List<SchemaChange> plan, int failed) {
    if (failed == 0) {
      return failure;
    }
    return new DirectoryException(failure.kind(), failure.getMessage() + "; applied before it: "
        + descriptions(plan.subList(0, failed)) + "; not applied: "
        + descriptions(plan.subList(failed, plan.size())), failure.resultCode().orElse(null), failure);
  }

  private static String descriptions(List<SchemaChange> steps) {
    return String.join(", ", steps.stream().map(SchemaChange::description).toList());
  }

  /** Plans and applies; returns what was done. */
  public List<SchemaChange> extend(FamilySelection families) throws DirectoryException {
    List<SchemaChange> plan = plan(families);
    if (!plan.isEmpty() && serverKind() == ServerKind.ACTIVE_DIRECTORY) {
      SchemaPreflight.check(connection, rootDse());
    }
    List<LDIFChangeRecord> records = new ArrayList<>();
    for (SchemaChange change : plan) {
      records.add(parse(change.ldif()));
    }
    apply(plan, records);
    return plan;
  }

  private List<SchemaChange> planApacheDs(List<LapsAttribute> missing, List<LapsAttribute> unlinked)
      throws DirectoryException {
    List<SchemaChange> changes = new ArrayList<>();
    String schemaName = LapsSchemaDefinitions.STAND_IN_SCHEMA_NAME;
    String schemaDn = "cn=" + schemaName + ",ou=schema";
    if (!missing.isEmpty() && !exists(schemaDn)) {
      changes.add(
          change(
              "create the ApacheDS schema '" + schemaName + "'",
              new LDIFAddChangeRecord(
                  schemaDn,
                  new Attribute("objectClass", "top", "metaSchema"),
                  new Attribute("cn", schemaName),
                  new Attribute("m-dependencies", "system", "core", "adlike"))));
      for (String container : List.of("attributeTypes", "objectClasses")) {
        changes.add(
            change(
                "create " + container + " under the '" + schemaName + "' schema",
                new LDIFAddChangeRecord(
                    "ou=" + container + "," + schemaDn,
                    new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", container))));
      }
    }
    for (LapsAttribute attribute : missing) {
      changes.add(
          change(
              "add attribute type " + attribute.ldapName(),
              new LDIFModifyChangeRecord(
                  "cn=schema",
                  new Modification(
                      ModificationType.ADD,
                      "attributeTypes",
                      LapsSchemaDefinitions.attributeType(attribute, schemaName)))));
    }
    if (!unlinked.isEmpty()) {
      String current = liveComputerDefinition();
      try {
        changes.add(
            change(
                "allow " + names(unlinked) + " on the computer class",
                new LDIFModifyChangeRecord(
                    "cn=schema",
                    new Modification(ModificationType.DELETE, "objectClasses", current),
                    new Modification(
                        ModificationType.ADD,
                        "objectClasses",
                        LapsSchemaDefinitions.computerClassWith(current, unlinked)))));
      } catch (LDAPException e) {
        throw new DirectoryException(
            DirectoryException.Kind.SCHEMA_MISSING,
            "the server's computer class definition cannot be parsed: " + e.getMessage());
      }
    }
    return changes;
  }

  private List<SchemaChange> planActiveDirectory(
      List<LapsAttribute> missing, List<LapsAttribute> unlinked) throws DirectoryException {
    String configuration = rootDse().getAttributeValue("configurationNamingContext");
    String schemaNc = rootDse().getAttributeValue("schemaNamingContext");
    if (configuration == null || schemaNc == null) {
      throw new DirectoryException(
          DirectoryException.Kind.SCHEMA_MISSING,
          "the root DSE names no configuration or schema naming context");
    }
    FamilySelection all = FamilySelection.ALL;
    List<SchemaChange> changes = new ArrayList<>();
    for (LDIFChangeRecord record : SchemaLdif.activeDirectoryRecords(all)) {
      String dn = record.getDN().replace(SchemaLdif.CONFIGURATION_PLACEHOLDER, configuration);
      if (record instanceof LDIFAddChangeRecord add) {
        String cn = firstRdnValue(record);
        boolean wanted =
            cn.equalsIgnoreCase(LapsAttribute.Oids.ENCRYPTED_PROPERTY_SET_NAME)
                ? missing.stream().anyMatch(a -> a.attributeSecurityGuid().isPresent())
                    && !exists(dn)
                : missing.stream().anyMatch(a -> a.cn().equalsIgnoreCase(cn));
        if (wanted) {
          changes.add(change("add " + dn, new LDIFAddChangeRecord(dn, add.getAttributes())));
        }
      }
    }
    if (!missing.isEmpty()) {
      changes.add(change("schemaUpdateNow", schemaUpdateNow()));
    }
    if (!unlinked.isEmpty()) {
      changes.add(
          change(
              "add " + names(unlinked) + " to the computer class mayContain",
              new LDIFModifyChangeRecord(
                  "CN=Computer," + schemaNc,
                  new Modification(
                      ModificationType.ADD,
                      "mayContain",
                      unlinked.stream().map(LapsAttribute::ldapName).toArray(String[]::new)))));
      changes.add(change("schemaUpdateNow", schemaUpdateNow()));
    }
    return changes;
  }
  /** The value of a record's first RDN: the CN of the schema object it adds. */
  private static String firstRdnValue(LDIFChangeRecord record) {
    try {
      return record.getParsedDN().getRDN().getAttributeValues()[0];
    } catch (LDAPException e) {
      throw new IllegalStateException("the shipped schema LDIF has a malformed DN", e);
    }
  }


  private static LDIFChangeRecord schemaUpdateNow() {
    return new LDIFModifyChangeRecord(
        "", new Modification(ModificationType.ADD, "schemaUpdateNow", "1"));
  }

  private String liveComputerDefinition() throws DirectoryException {
    try {
      com.unboundid.ldap.sdk.Entry subschema =
          connection.getEntry("cn=schema", "objectClasses");
      if (subschema != null) {
        for (String value : subschema.getAttributeValues("objectClasses")) {
          ObjectClassDefinition definition = new ObjectClassDefinition(value);
          if (definition.hasNameOrOID("computer")) {
            return value;
          }
        }
      }
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read subschema", "cn=schema", null, e);
    }
    throw new DirectoryException(
        DirectoryException.Kind.SCHEMA_MISSING,
        "the directory has no computer class; load test-ldap/ad-schema.ldif first");
  }

  private boolean exists(String dn) throws DirectoryException {
    try {
      return connection.search(dn, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), "1.1")
              .getEntryCount()
          > 0;
    } catch (LDAPException e) {
      if (ResultCode.NO_SUCH_OBJECT.equals(e.getResultCode())) {
        return false;
      }
      throw LapsDirectory.failure("read", dn, null, e);
    }
  }

  private Schema readSchema() throws DirectoryException {
    try {
      Schema schema = connection.getSchema();
      if (schema == null) {
        throw new DirectoryException(
            DirectoryException.Kind.SCHEMA_MISSING, "the server publishes no subschema entry");
      }
      return schema;
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read subschema", "", null, e);
    }
  }

  private RootDSE rootDse() throws DirectoryException {
    try {
      RootDSE root = connection.getRootDSE();
      if (root == null) {
        throw new DirectoryException(
            DirectoryException.Kind.REJECTED, "the server's root DSE is not readable");
      }
      return root;
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read root DSE", "", null, e);
    }
  }

  private ServerKind serverKind() throws DirectoryException {
    RootDSE root = rootDse();
    if (root.hasAttributeValue("supportedCapabilities", AD_CAPABILITY)) {
      return ServerKind.ACTIVE_DIRECTORY;
    }
    String vendor = root.getVendorName();
    if (vendor != null && vendor.contains("Apache")) {
      return ServerKind.APACHEDS;
    }
    return ServerKind.OTHER;
  }

  private static SchemaChange change(String description, LDIFChangeRecord record) {
    return new SchemaChange(description, record.toLDIFString(0));
  }

  private static LDIFChangeRecord parse(String ldif) throws DirectoryException {
    try {
      return com.unboundid.ldif.LDIFReader.decodeChangeRecord(ldif.split("\n"));
    } catch (com.unboundid.ldif.LDIFException e) {
      throw new IllegalStateException("generated LDIF does not parse: " + e.getMessage(), e);
    }
  }

  private static String names(List<LapsAttribute> attributes) {
    return String.join(", ", attributes.stream().map(LapsAttribute::ldapName).toList());
  }
}
