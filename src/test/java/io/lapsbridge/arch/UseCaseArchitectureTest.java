package io.lapsbridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code usecase} (docs/architecture.md): it composes adapters and engines for the
 * command line, and the command line alone calls it.
 */
class UseCaseArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = io.lapsbridge.MainClasses.all();
  }

  @Test
  void useCasesComposeAdaptersAndEnginesOnly() {
    classes().that().resideInAPackage("io.lapsbridge.usecase..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.usecase..", "io.lapsbridge.model..", "io.lapsbridge.wire..",
            "io.lapsbridge.security..", "io.lapsbridge.crypto..", "io.lapsbridge.gpo..",
            "io.lapsbridge.migration..", "io.lapsbridge.directory..",
            "io.lapsbridge.decryption..", "io.lapsbridge.keyfile..",
            "io.lapsbridge.platform.journal..", "io.lapsbridge.report..", "java..")
        .check(main);
  }

  @Test
  void useCasesNeitherParseNorSpeakLdapOrJson() {
    noClasses().that().resideInAPackage("io.lapsbridge.usecase..")
        .should().dependOnClassesThat().resideInAnyPackage("io.lapsbridge.cli..", "picocli..",
            "com.unboundid..", "com.fasterxml.jackson..")
        .check(main);
  }

  @Test
  void onlyTheCommandLineCallsUseCases() {
    noClasses().that().resideOutsideOfPackages("io.lapsbridge.cli..", "io.lapsbridge.usecase..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.usecase..")
        .check(main);
  }

  @Test
  void useCasesPrintNothing() {
    // Warnings go to the consumer the command passes; stdout and stderr are the command's.
    noClasses().that().resideInAPackage("io.lapsbridge.usecase..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(main);
  }
}
