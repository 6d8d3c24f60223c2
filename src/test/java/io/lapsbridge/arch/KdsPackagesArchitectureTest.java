package io.lapsbridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import rules of the keyfile package and of the KDS parts of directory and embedded. */
class KdsPackagesArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = io.lapsbridge.MainClasses.all();
  }

  @Test
  void keyFilesUseOnlyModelWireCryptoJacksonAndTheJdk() {
    classes()
        .that().resideInAPackage("io.lapsbridge.keyfile..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.keyfile..", "io.lapsbridge.model..", "io.lapsbridge.wire..",
            "io.lapsbridge.crypto..", "com.fasterxml.jackson..", "java..")
        .check(classes);
  }

  @Test
  void onlyTheCliReadsKeyFiles() {
    // The agent's composition reads the published public key for the command line.
    noClasses()
        .that().resideOutsideOfPackages("io.lapsbridge.cli..", "io.lapsbridge.agent..",
            "io.lapsbridge.keyfile..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.keyfile..")
        .check(classes);
  }

  @Test
  void cryptoNeverReachesForTheDirectoryOrFiles() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.crypto..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.directory..", "io.lapsbridge.keyfile..", "java.nio.file..")
        .check(classes);
  }
}
