package io.lapsbridge.cli;

import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.gpo.RegistryPolWriter;
import io.lapsbridge.migration.GpoTranslation;
import io.lapsbridge.report.TranslationTable;
import io.lapsbridge.usecase.GpoBackupFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policy translate}: a legacy AdmPwd GPO's Registry.pol into the Windows LAPS one, with a
 * side-by-side explanation. The written file is read back and compared before success.
 */
@Command(
    name = "translate",
    description = "Translate a legacy LAPS GPO's Registry.pol (or GPO folder) into a Windows LAPS Registry.pol.")
final class PolicyTranslateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LEGACY_REGISTRY_POL", description = "The legacy GPO's Machine\\Registry.pol, or the GPO (backup) folder.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "WINDOWS_LAPS_REGISTRY_POL", description = "Where to write the Windows LAPS Registry.pol.")
  Path out;

  @Option(names = "--overwrite", description = "Replace the --out file when it exists (never the command's input).")
  boolean overwrite;

  @Option(names = "--cleartext", description = "Write ADPasswordEncryptionEnabled=0 so passwords stay cleartext, as legacy LAPS kept them.")
  boolean cleartext;

  @Option(names = "--dry-run", description = "Explain and write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path pol = input;
    Optional<String> cseReport = Optional.empty();
    if (Files.isDirectory(input)) {
      pol = GpoBackupFolder.registryPol(input).orElseThrow(() -> new UsageException(
          "no Machine/Registry.pol under GPO folder " + input));
      cseReport = Optional.of(GpoBackupFolder.legacyCseListing(input));
    }
    if (!dryRun) {
      OutputFile.check("--out", out, overwrite, input, pol);
    }
    byte[] bytes = MigrateCommand.read(pol, "LEGACY_REGISTRY_POL");
    RegistryPol legacy = RegistryPolReader.read(pol.toString(), bytes);
    GpoTranslation.Result result = GpoTranslation.translate(pol.toString(), legacy, cleartext);
    byte[] written = RegistryPolWriter.write(result.windows());
    if (!RegistryPolReader.read(out.toString(), written).equals(result.windows())) {
      throw new CommandFailedException(ExitStatus.PROBLEM,
          "the translated Registry.pol does not read back as written; nothing was written");
    }
    TranslationTable.print(stdout, result.lines());
    cseReport.ifPresent(stdout::println);
    stdout.flush();
    if (!dryRun) {
      Files.write(out, written);
      if (!java.util.Arrays.equals(Files.readAllBytes(out), written)) {
        throw new CommandFailedException(ExitStatus.PROBLEM, out + " does not read back as"
            + " written");
      }
      err.printf("policy translate: wrote %s (%d settings, %d warnings)%n", out,
          result.windows().entries().size(), result.warnings());
    } else {
      err.printf("policy translate: dry run, %s not written%n", out);
    }
    err.flush();
    return 0;
  }
}
