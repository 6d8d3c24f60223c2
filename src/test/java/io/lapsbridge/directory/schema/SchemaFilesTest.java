package io.lapsbridge.directory.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The checked-in schema-ldif files must be exactly what the generator writes. To regenerate
 * after changing {@code LapsAttribute}: {@code mvn test -Dtest=SchemaFilesTest -Dregenerate=true}.
 */
class SchemaFilesTest {
  private static final boolean REGENERATE = Boolean.getBoolean("regenerate");

  static Stream<Arguments> files() {
    return Stream.of(SchemaTarget.values())
        .flatMap(t -> Stream.of(FamilySelection.values()).map(f -> Arguments.of(t, f)));
  }

  @ParameterizedTest
  @MethodSource("files")
  void checkedInFileMatchesGenerator(SchemaTarget target, FamilySelection family) throws IOException {
    Path file =
        Path.of("schema-ldif", target.name().toLowerCase(Locale.ROOT), family.fileStem() + ".ldif");
    String generated = SchemaLdif.render(target, family);
    if (REGENERATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), file + " is missing; regenerate with -Dregenerate=true");
    assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8),
        file + " differs from the generator; regenerate with -Dregenerate=true");
  }

  @Test
  void standInComputerClassIsTheOneTestLdapDeclares() throws IOException {
    String adSchema = Files.readString(Path.of("test-ldap", "ad-schema.ldif"), StandardCharsets.UTF_8);
    assertTrue(
        adSchema.contains("objectClasses: " + LapsSchemaDefinitions.STAND_IN_COMPUTER_CLASS + "\n"),
        "test-ldap/ad-schema.ldif must declare exactly LapsSchemaDefinitions.STAND_IN_COMPUTER_CLASS");
  }

  @Test
  void activeDirectoryScriptFollowsTheAdmPwdCmdletOrder() {
    String ldif = SchemaLdif.render(SchemaTarget.AD, FamilySelection.LEGACY);
    int expiry = ldif.indexOf("dn: CN=ms-Mcs-AdmPwdExpirationTime,");
    int password = ldif.indexOf("dn: CN=ms-Mcs-AdmPwd,");
    int update = ldif.indexOf("add: schemaUpdateNow");
    int computer = ldif.indexOf("dn: CN=Computer,");
    assertTrue(0 < expiry && expiry < password && password < update && update < computer, ldif);
    assertTrue(ldif.contains("searchFlags: 904\n") && ldif.contains("searchFlags: 0\n"));
    assertTrue(ldif.lastIndexOf("add: schemaUpdateNow") > computer, "schemaUpdateNow again at the end");
  }

  @Test
  void encryptedAttributesJoinThePropertySet() {
    String ldif = SchemaLdif.render(SchemaTarget.AD, FamilySelection.WINDOWS);
    // base64 of the mixed-endian bytes of f3531ec6-6330-4f8e-8d39-7a671fbac605
    String guid = java.util.Base64.getEncoder().encodeToString(
        io.lapsbridge.wire.WindowsGuid.encode(java.util.UUID.fromString("f3531ec6-6330-4f8e-8d39-7a671fbac605")));
    String line = "attributeSecurityGUID:: " + guid + "\n";
    assertEquals(5, (ldif.length() - ldif.replace(line, "").length()) / line.length());
    assertTrue(ldif.contains("rightsGuid: f3531ec6-6330-4f8e-8d39-7a671fbac605"));
    assertTrue(ldif.contains("rangeLower: 16\nrangeUpper: 16\n"));
  }
}
