package io.lapsbridge.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import rule of this package's package-info: pure, model, the wire codecs and the JDK. */
class SecurityArchitectureTest {
  @Test
  void securityImportsOnlyModelWireAndTheJdk() {
    classes()
        .that().resideInAPackage("io.lapsbridge.security..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.lapsbridge.security..", "io.lapsbridge.model..", "io.lapsbridge.wire..", "java..")
        .check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lapsbridge.security"));
  }
}
