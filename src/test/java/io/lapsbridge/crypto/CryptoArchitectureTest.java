package io.lapsbridge.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import rule stated in this package's package-info. */
class CryptoArchitectureTest {
  @Test
  void cryptoImportsOnlyModelWireJdkAndBouncyCastleAsn1() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lapsbridge.crypto");
    classes()
        .that()
        .resideInAPackage("io.lapsbridge.crypto..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.lapsbridge.crypto..",
            "io.lapsbridge.model..",
            "io.lapsbridge.wire..",
            "java..",
            "javax.crypto..",
            "org.bouncycastle.asn1..",
            // MD4 for the NT hash: no JDK provider has it (NtHash, used by rpc's NTLM).
            "org.bouncycastle.crypto..")
        .check(main);
  }

  @Test
  void onlyNtHashUsesBouncyCastleBeyondAsn1() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lapsbridge.crypto");
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("io.lapsbridge.crypto..")
        .and()
        .doNotHaveSimpleName("NtHash")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle.crypto..")
        .check(main);
  }
}
