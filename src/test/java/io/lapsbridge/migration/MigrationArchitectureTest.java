package io.lapsbridge.migration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The migration engine is pure: no LDAP, no directory adapter, no CLI, no file or network I/O. */
class MigrationArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.lapsbridge.migration");

  @Test
  void migrationImportsOnlyTheEngineLayersAndJackson() {
    classes().that().resideInAPackage("io.lapsbridge.migration..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.migration..", "io.lapsbridge.model..", "io.lapsbridge.wire..",
            "io.lapsbridge.policy..", "io.lapsbridge.gpo..", "com.fasterxml.jackson..",
            "java.lang..", "java.util..", "java.time..", "java.security..", "java.io..",
            "java.nio.charset..")
        .check(CLASSES);
  }

  /**
   * Passwords never reach the engine: it decides mirrors, refreshes and group scopes from
   * facts the directory adapter extracted, so it has no use for a secret or the password JSON.
   */
  @Test
  void migrationNeverHoldsAPassword() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.lapsbridge.migration..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.lapsbridge.model.Secret")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName("io.lapsbridge.wire.WindowsLapsPasswordJson")
        .check(CLASSES);
  }

  /**
   * The applier drives ports: the writer is {@code directory}'s, the journal file {@code
   * platform}'s, the output {@code cli}'s. Only the engine's own thread pool is allowed.
   */
  @Test
  void theApplierDrivesPortsAndKnowsNoAdapter() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.lapsbridge.migration.apply..")
        .should().dependOnClassesThat().resideInAnyPackage("io.lapsbridge.directory..",
            "io.lapsbridge.platform..", "io.lapsbridge.cli..", "com.unboundid..", "picocli..")
        .check(CLASSES);
    // And the rest of the engine does not reach up into the applier.
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.lapsbridge.migration")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.migration.apply..")
        .check(CLASSES);
  }

  @Test
  void migrationDoesNoFileOrNetworkIo() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.lapsbridge.migration..")
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .check(CLASSES);
  }
}
