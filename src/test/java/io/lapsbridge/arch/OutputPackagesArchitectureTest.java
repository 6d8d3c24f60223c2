package io.lapsbridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the output and decryption packages, and where JSON belongs (docs/architecture.md,
 * "Where JSON belongs").
 */
class OutputPackagesArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = io.lapsbridge.MainClasses.all();
  }

  @Test
  void reportRendersValuesAndDoesNoIo() {
    classes()
        .that().resideInAPackage("io.lapsbridge.report..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.report..", "io.lapsbridge.model..", "io.lapsbridge.wire..",
            "io.lapsbridge.policy..",
            "io.lapsbridge.migration..", "io.lapsbridge.directory..", "io.lapsbridge.crypto..",
            "io.lapsbridge.decryption..", "com.fasterxml.jackson..", "java.lang..", "java.util..",
            "java.io..", "java.time..")
        .check(classes);
  }

  @Test
  void decryptionSitsBetweenDirectoryAndCrypto() {
    classes()
        .that().resideInAPackage("io.lapsbridge.decryption..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.decryption..", "io.lapsbridge.model..", "io.lapsbridge.crypto..",
            "io.lapsbridge.directory..", "java.lang..", "java.util..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineAndItsUseCasesUseReportAndDecryption() {
    noClasses()
        .that().resideOutsideOfPackages("io.lapsbridge.cli..", "io.lapsbridge.usecase..",
            "io.lapsbridge.report..", "io.lapsbridge.decryption..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.report..", "io.lapsbridge.decryption..")
        .check(classes);
  }

  /** JSON is a file, wire or output format; commands and engines never build it themselves. */
  @Test
  void jacksonOnlyWhereAFileWireOrOutputFormatIsOwned() {
    noClasses()
        .that().resideOutsideOfPackages(
            "io.lapsbridge.wire..", "io.lapsbridge.keyfile..", "io.lapsbridge.migration..",
            "io.lapsbridge.platform.file..", "io.lapsbridge.platform.journal..",
            "io.lapsbridge.report..")
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .check(classes);
  }
}
