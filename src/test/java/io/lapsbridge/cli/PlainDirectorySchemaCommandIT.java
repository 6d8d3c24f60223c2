package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.directory.schema.FamilySelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema check} and {@code schema extend} against a stock ApacheDS (apacheds-test-framework,
 * default schemas only: no AD schema, no LAPS schema): exit 4 for both, and the reason on stderr.
 */
@ExtendWith(ApacheDSTestExtension.class)
@CreateDS(name = "PlainDirectorySchemaCommandIT",
    partitions = @CreatePartition(name = "example", suffix = "dc=example,dc=com"))
@ApplyLdifs({
  "dn: dc=example,dc=com",
  "objectClass: top",
  "objectClass: domain",
  "dc: example"
})
@CreateLdapServer(transports = @CreateTransport(protocol = "LDAP", address = "127.0.0.1"))
public class PlainDirectorySchemaCommandIT extends AbstractLdapTestUnit {
  private static CliRun run(Path dir, String... command) throws Exception {
    Path password = dir.resolve("admin.pw");
    Files.writeString(password, "secret");
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--host", "127.0.0.1", "--port",
        Integer.toString(classLdapServer.getPort()), "--insecure", "--bind-dn",
        "uid=admin,ou=system", "--bind-password-file", password.toString(), "--base-dn",
        "dc=example,dc=com"));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void checkReportsEveryAttributeMissingWithExit4(@TempDir Path dir) throws Exception {
    CliRun check = run(dir, "schema", "check");
    assertEquals(4, check.status(), check.out() + check.err());
    assertEquals("lapsbridge: warning: --insecure: the bind password and every value read cross"
        + " the network in clear text\n"
        + "lapsbridge: the LAPS schema is incomplete; `lapsbridge schema extend` adds what"
        + " is missing\n", check.err());
    assertTrue(check.out().contains("ms-Mcs-AdmPwd "), check.out());
    assertTrue(check.out().contains("msLAPS-Password "), check.out());
    assertEquals(FamilySelection.ALL.attributes().size(), check.out().lines()
        .filter(l -> l.contains(" missing ") && l.endsWith("attribute type not defined")).count(),
        check.out());
  }

  @Test
  void extendRefusesWithExit4(@TempDir Path dir) throws Exception {
    CliRun extend = run(dir, "schema", "extend");
    assertEquals(4, extend.status(), extend.out() + extend.err());
    assertTrue(extend.err().contains("no computer class"), extend.err());
    assertEquals("", extend.out());
  }
}
