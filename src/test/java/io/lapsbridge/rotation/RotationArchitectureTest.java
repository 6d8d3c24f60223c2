package io.lapsbridge.rotation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.lapsbridge.wire.LapsAttribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rotation engine is pure: it drives ports and never does I/O itself. */
class RotationArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = io.lapsbridge.MainClasses.all();
  }

  @Test
  void rotationImportsModelPolicyPasswordAttributeNamesAndTheJdkCoreOnly() {
    classes().that().resideInAPackage("io.lapsbridge.rotation..")
        .should().onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage("io.lapsbridge.rotation..",
                "io.lapsbridge.model..", "io.lapsbridge.policy..", "io.lapsbridge.password..",
                "java.lang..", "java.util..", "java.time..")
                .or(JavaClass.Predicates.belongTo(
                    JavaClass.Predicates.equivalentTo(LapsAttribute.class))))
        .check(main);
  }

  @Test
  void encryptedWritesGoOnlyThroughTheDirectoryAdapter() {
    // The device encrypts in one place, next to the modify that stores the value; the crypto
    // core and the key files know nothing of the agent.
    classes().that().haveFullyQualifiedName("io.lapsbridge.directory.EncryptedPasswordWriter")
        .should().onlyBeAccessed().byAnyPackage("io.lapsbridge.directory..",
            "io.lapsbridge.agent..")
        .check(main);
    noClasses().that().resideInAnyPackage("io.lapsbridge.crypto..", "io.lapsbridge.keyfile..")
        .should().dependOnClassesThat().resideInAnyPackage("io.lapsbridge.rotation..")
        .check(main);
  }

  @Test
  void journalAndLinuxAdaptersDoNotTouchLdapOrJna() {
    classes().that().resideInAnyPackage("io.lapsbridge.platform.journal..",
            "io.lapsbridge.platform.linux..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.lapsbridge.platform..", "io.lapsbridge.rotation..",
            "io.lapsbridge.policy..", "io.lapsbridge.model..",
            "io.lapsbridge.migration.apply..", "java..",
            "com.fasterxml.jackson..")
        .check(main);
  }
}
