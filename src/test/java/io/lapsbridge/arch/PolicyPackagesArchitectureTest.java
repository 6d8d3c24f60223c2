package io.lapsbridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.lapsbridge.wire.LapsAttribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import rules of design.md section 2 for policy, password, gpo and platform. */
class PolicyPackagesArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = io.lapsbridge.MainClasses.all();
  }

  /** Pure: model, and the LAPS attribute names from their single source, wire.LapsAttribute. */
  @Test
  void policyIsPureAndImportsModelAndTheAttributeNamesOnly() {
    classes().that().resideInAPackage("io.lapsbridge.policy..")
        .should().onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage("io.lapsbridge.policy..",
                    "io.lapsbridge.model..", "java.lang..", "java.util..")
                .or(JavaClass.Predicates.belongTo(
                    JavaClass.Predicates.equivalentTo(LapsAttribute.class))))
        .check(main);
  }

  @Test
  void passwordImportsModelOnly() {
    classes().that().resideInAPackage("io.lapsbridge.password..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.lapsbridge.password..", "io.lapsbridge.model..", "java..")
        .check(main);
  }

  @Test
  void gpoImportsModelAndPolicyOnlyAndDoesNoFileIo() {
    classes().that().resideInAPackage("io.lapsbridge.gpo..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.lapsbridge.gpo..", "io.lapsbridge.policy..",
            "io.lapsbridge.model..", "java.lang..", "java.util..", "java.nio", "java.nio.charset",
            "java.io")
        .check(main);
  }

  @Test
  void platformImportsModelPolicyAndItsLibrariesOnly() {
    classes().that().resideInAPackage("io.lapsbridge.platform..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.lapsbridge.platform..", "io.lapsbridge.policy..",
            "io.lapsbridge.model..", "io.lapsbridge.rotation..",
            "io.lapsbridge.migration.apply..", "java..", "com.sun.jna..",
            "com.fasterxml.jackson..")
        .check(main);
  }

  @Test
  void onlyTheWindowsAdapterTouchesJna() {
    classes().that().resideOutsideOfPackage("io.lapsbridge.platform.windows..")
        .should().onlyDependOnClassesThat().resideOutsideOfPackage("com.sun.jna..")
        .check(main);
  }
}
