package io.lapsbridge.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code config} (connection settings resolution) and {@code agent} (the device
 * agent's composition), as docs/architecture.md states them.
 */
class ConfigAndAgentArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = io.lapsbridge.MainClasses.all();
  }

  @Test
  void configKnowsOnlyTheSettingsRecordsItProduces() {
    classes().that().resideInAPackage("io.lapsbridge.config..")
        .should().onlyDependOnClassesThat(
            resideInAnyPackage("io.lapsbridge.config..", "io.lapsbridge.model..", "java.lang..",
                "java.util..", "java.io..", "java.nio..", "java.net..", "java.time..")
                .or(belongToAnyOf(ConnectionSettings.class, TransportSecurity.class,
                    AgentConnection.class, MachineBind.class)))
        .check(main);
  }

  @Test
  void theAgentAssemblyWiresAdaptersAndEnginesButNoCommandLine() {
    classes().that().resideInAPackage("io.lapsbridge.agent..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.lapsbridge.agent..", "io.lapsbridge.config..", "io.lapsbridge.model..",
            "io.lapsbridge.policy..", "io.lapsbridge.gpo..", "io.lapsbridge.password..",
            "io.lapsbridge.crypto..", "io.lapsbridge.rotation..", "io.lapsbridge.platform..",
            "io.lapsbridge.directory..", "io.lapsbridge.keyfile..", "java.lang..", "java.util..",
            "java.io..", "java.nio.file..", "java.security..", "java.time..")
        .check(main);
  }

  @Test
  void onlyTheCommandLineUsesTheAgentAssembly() {
    noClasses().that().resideOutsideOfPackages("io.lapsbridge.cli..", "io.lapsbridge.agent..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.agent..")
        .check(main);
  }

  @Test
  void settingsAreResolvedForTheCommandLineAndTheAgentOnly() {
    noClasses().that().resideOutsideOfPackages("io.lapsbridge.cli..", "io.lapsbridge.agent..",
            "io.lapsbridge.config..")
        .should().dependOnClassesThat().resideInAPackage("io.lapsbridge.config..")
        .check(main);
  }
}
