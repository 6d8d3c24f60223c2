package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.doctor.EncryptionPolicy;
import io.lapsbridge.doctor.Finding;
import io.lapsbridge.doctor.Findings;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.report.DoctorReport;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.usecase.Diagnose;
import io.lapsbridge.usecase.GpoBackupFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doctor}: is LAPS set up correctly here? Each check's status, evidence and fix. */
@Command(
    name = "doctor",
    description = {
      "Check that LAPS is set up correctly: schema, functional levels, KDS root key,"
          + " computers' SELF permission, password readers, the policies' encryption principal,"
          + " TLS and LDAP signing, and the estate's health. See docs/doctor.md.",
      "Exit status 0 when no check found a problem (warnings allowed), 1 when one did."
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--policy", paramLabel = "FILE", description = "A GPO's Machine/Registry.pol whose encryption principal to check; repeatable.")
  List<Path> policies = new ArrayList<>();

  @Option(names = "--gpo-backup", paramLabel = "DIR", description = "A GPO (backup) folder whose Machine/Registry.pol to check; repeatable.")
  List<Path> gpoBackups = new ArrayList<>();

  @Option(names = "--stale-days", defaultValue = "90", paramLabel = "N", description = "A computer whose lastLogonTimestamp is older than N days is stale (default: ${DEFAULT-VALUE}).")
  int staleDays;

  @Option(names = "--ldap-port", paramLabel = "PORT", description = "Plain LDAP port to probe for StartTLS and signing; default --port without --ldaps, else 389.")
  Integer ldapPort;

  @Option(names = "--ldaps-port", paramLabel = "PORT", description = "LDAPS port to probe; default --port with --ldaps, else 636.")
  Integer ldapsPort;

  @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  /** Certificates expiring sooner than this are a warning. */
  private static final int CERTIFICATE_WARN_DAYS = 30;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws DirectoryException, IOException {
    if (staleDays < 1) {
      throw new UsageException("--stale-days must be at least 1: " + staleDays);
    }
    List<EncryptionPolicy> read = new ArrayList<>();
    for (Path file : policies) {
      read.add(policy(file.toString(), file, "--policy"));
    }
    for (Path folder : gpoBackups) {
      if (!Files.isDirectory(folder)) {
        throw new UsageException("--gpo-backup " + folder + ": not a folder");
      }
      Path pol = GpoBackupFolder.registryPol(folder).orElseThrow(() -> new UsageException(
          "--gpo-backup " + folder + ": no Machine/Registry.pol in it"));
      read.add(policy(folder.toString(), pol, "--gpo-backup"));
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Finding> findings;
    try (LapsDirectory directory = connection.open()) {
      boolean ldaps = directory.settings().security() == TransportSecurity.LDAPS;
      int port = directory.settings().port();
      findings = Diagnose.run(directory, new Diagnose.Request(read, staleDays,
          ldapPort != null ? ldapPort : ldaps ? 389 : port,
          ldapsPort != null ? ldapsPort : ldaps ? port : 636, CERTIFICATE_WARN_DAYS,
          clock.instant()), warning -> err.println("lapsbridge: warning: " + warning));
    }
    DoctorReport.print(spec.commandLine().getOut(), format, findings);
    err.println(DoctorReport.summary(findings));
    err.flush();
    return Findings.anyProblem(findings) ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
  }

  private static EncryptionPolicy policy(String source, Path pol, String option) {
    return EncryptionPolicy.read(source,
        RegistryPolReader.read(pol.toString(), MigrateCommand.read(pol, option)));
  }
}
