package io.lapsbridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import rules stated in the package-info of {@code rpc}, its sub-packages and embedded.gkdi. */
class RpcPackagesArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = io.lapsbridge.MainClasses.all();
  }

  @Test
  void rpcUsesOnlyModelWireCryptoAndTheJdk() {
    classes()
        .that().resideInAPackage("io.lapsbridge.rpc..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.rpc..", "io.lapsbridge.model..", "io.lapsbridge.wire..",
            "io.lapsbridge.crypto..", "java..", "javax.crypto..")
        .check(classes);
  }

  @Test
  void ntlmKnowsNothingOfDceOrGkdi() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.rpc.ntlm..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.rpc.dce..", "io.lapsbridge.rpc.epm..", "io.lapsbridge.rpc.gkdi..")
        .check(classes);
  }

  @Test
  void dceKnowsNothingOfTheInterfacesItCarries() {
    noClasses()
        .that().resideInAPackage("io.lapsbridge.rpc.dce..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.rpc.epm..", "io.lapsbridge.rpc.gkdi..", "io.lapsbridge.crypto..")
        .check(classes);
  }

  @Test
  void onlyRpcAndTheStandInSpeakRpc() {
    noClasses()
        .that().resideOutsideOfPackages(
            "io.lapsbridge.rpc..", "io.lapsbridge.embedded..", "io.lapsbridge.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.rpc..")
        .check(classes);
  }

  @Test
  void theGetKeyStandInUsesRpcCryptoSecurityModelAndTheJdk() {
    classes()
        .that().resideInAPackage("io.lapsbridge.embedded.gkdi..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.embedded..", "io.lapsbridge.rpc..", "io.lapsbridge.crypto..",
            "io.lapsbridge.security..", "io.lapsbridge.model..", "io.lapsbridge.wire..", "java..")
        .check(classes);
  }

  @Test
  void rpcAndTheStandInHaveNoCycles() {
    // Every package its own slice, as the one-table ArchitectureTest on the gates branch checks.
    slices().matching("io.lapsbridge.(**)").should().beFreeOfCycles().check(classes);
  }
}
