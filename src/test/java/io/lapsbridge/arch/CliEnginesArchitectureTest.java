package io.lapsbridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line parses, wires and prints: it holds no engine loop. Thread pools, sleeps and
 * scheduling belong to the engines ({@code migration.apply.Applier}, {@code
 * rotation.AgentSchedule}), where they are tested without a server or a real clock.
 */
class CliEnginesArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = io.lapsbridge.MainClasses.all();
  }

  @Test
  void cliHasNoThreadPoolsOrSchedulers() {
    noClasses().that().resideInAPackage("io.lapsbridge.cli..")
        .should().dependOnClassesThat().haveFullyQualifiedName(
            "java.util.concurrent.ExecutorService")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(
            "java.util.concurrent.ScheduledExecutorService")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(
            "java.util.concurrent.ForkJoinPool")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .check(main);
  }

  @Test
  void cliKeepsNoJournal() {
    // The migration journal is written only by the applier, through the journal port.
    noClasses().that().resideInAPackage("io.lapsbridge.cli..")
        .should().callMethod(io.lapsbridge.migration.Journal.class, "start", int.class)
        .orShould().callMethod(io.lapsbridge.migration.Journal.class, "end", int.class,
            io.lapsbridge.migration.Journal.Outcome.class, String.class)
        .check(main);
  }

  @Test
  void theEnginesDoNotReachIntoTheCommandLine() {
    noClasses().that().resideInAnyPackage("io.lapsbridge.migration..",
            "io.lapsbridge.rotation..")
        .should().dependOnClassesThat().resideInAnyPackage("io.lapsbridge.cli..", "picocli..")
        .check(main);
  }
}
