package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.directory.schema.FamilySelection;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Duration;
import java.util.List;
import org.apache.directory.server.annotations.CreateLdapServer;
import org.apache.directory.server.annotations.CreateTransport;
import org.apache.directory.server.core.annotations.ApplyLdifs;
import org.apache.directory.server.core.annotations.CreateDS;
import org.apache.directory.server.core.annotations.CreatePartition;
import org.apache.directory.server.core.integ.AbstractLdapTestUnit;
import org.apache.directory.server.core.integ.ApacheDSTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code schema check} and {@code schema extend} on a directory that is not Active Directory and
 * has neither the LAPS schema nor the AD {@code computer} class: a stock ApacheDS with its
 * default schemas, made by apacheds-test-framework rather than the stand-in (which always loads
 * the AD schema). Every LAPS attribute must be reported missing and unlinked, and the extension
 * must refuse with SCHEMA_MISSING (exit 4) instead of writing a half schema.
 */
@ExtendWith(ApacheDSTestExtension.class)
@CreateDS(name = "PlainDirectorySchemaIT",
    partitions = @CreatePartition(name = "example", suffix = "dc=example,dc=com"))
@ApplyLdifs({
  "dn: dc=example,dc=com",
  "objectClass: top",
  "objectClass: domain",
  "dc: example"
})
@CreateLdapServer(transports = @CreateTransport(protocol = "LDAP", address = "127.0.0.1"))
public class PlainDirectorySchemaIT extends AbstractLdapTestUnit {
  private static LapsDirectory open() throws DirectoryException {
    return LapsDirectory.open(new ConnectionSettings("127.0.0.1", classLdapServer.getPort(),
        TransportSecurity.NONE, "uid=admin,ou=system", Secret.of("secret"), null,
        "dc=example,dc=com", Duration.ofSeconds(10)));
  }

  @Test
  void everyLapsAttributeIsMissingAndUnlinked() throws Exception {
    try (LapsDirectory directory = open()) {
      SchemaReport report = new SchemaService(directory).check(FamilySelection.ALL);
      assertEquals(ServerKind.APACHEDS, report.server());
      assertFalse(report.complete());
      List<LapsAttribute> checked =
          report.attributes().stream().map(SchemaReport.AttributeStatus::attribute).toList();
      assertEquals(FamilySelection.ALL.attributes(), checked);
      for (SchemaReport.AttributeStatus status : report.attributes()) {
        assertEquals(SchemaReport.State.MISSING, status.state(), status.toString());
        assertFalse(status.linkedToComputer(), status.toString());
        assertEquals("attribute type not defined", status.detail());
      }
    }
  }

  @Test
  void extendRefusesWithoutAComputerClass() throws Exception {
    try (LapsDirectory directory = open()) {
      SchemaService schema = new SchemaService(directory);
      DirectoryException e = assertThrows(DirectoryException.class,
          () -> schema.extend(FamilySelection.LEGACY));
      assertEquals(DirectoryException.Kind.SCHEMA_MISSING, e.kind());
      assertTrue(e.getMessage().contains("no computer class"), e.getMessage());
      // Nothing was written: the check still finds every legacy attribute missing.
      assertTrue(schema.check(FamilySelection.LEGACY).attributes().stream()
          .allMatch(a -> a.state() == SchemaReport.State.MISSING));
    }
  }
}
