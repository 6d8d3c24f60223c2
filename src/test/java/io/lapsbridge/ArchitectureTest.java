package io.lapsbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, enforced on the main code. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        io.lapsbridge.MainClasses.all();
  }

  @Test
  void onlyTheDirectoryPackageSpeaksLdap() {
    noClasses()
        .that().resideOutsideOfPackage("io.lapsbridge.directory..")
        .should().dependOnClassesThat().resideInAPackage("com.unboundid..")
        .check(classes);
  }

  @Test
  void onlyTheEmbeddedPackageTouchesApacheDs() {
    noClasses()
        .that().resideOutsideOfPackage("io.lapsbridge.embedded..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.directory..")
        .check(classes);
  }

  @Test
  void modelDependsOnNothingOfOurs() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.model..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.wire..", "io.lapsbridge.directory..", "io.lapsbridge.embedded..",
            "io.lapsbridge.cli..", "com.fasterxml..")
        .check(classes);
  }

  @Test
  void wireDependsOnlyOnModel() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.wire..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.directory..", "io.lapsbridge.embedded..", "io.lapsbridge.cli..")
        .check(classes);
  }

  @Test
  void nothingButTheCliDependsOnTheCli() {
    noClasses()
        .that().resideOutsideOfPackage("io.lapsbridge.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.cli..")
        .check(classes);
  }

  @Test
  void embeddedDoesNotUseTheCodeItHelpsToTest() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.embedded..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.directory..")
        .check(classes);
  }

  @Test
  void directoryDoesNotStartServers() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.directory..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.embedded..")
        .check(classes);
  }
}
