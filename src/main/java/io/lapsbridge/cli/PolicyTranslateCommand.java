package io.lapsbridge.cli;

import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.gpo.RegistryPolWriter;
import io.lapsbridge.migration.GpoTranslation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
    mixinStandardHelpOptions = true,
    description = "Translate a legacy LAPS GPO's Registry.pol (or GPO folder) into a Windows LAPS Registry.pol.")
final class PolicyTranslateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LEGACY_REGISTRY_POL", description = "The legacy GPO's Machine\\Registry.pol, or the GPO (backup) folder.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "WINDOWS_LAPS_REGISTRY_POL", description = "Where to write the Windows LAPS Registry.pol.")
  Path out;

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
      pol = findRegistryPol(input).orElseThrow(() -> new UsageException(
          "no Machine/Registry.pol under GPO folder " + input));
      cseReport = Optional.of(cseListing(input));
    }
    byte[] bytes = MigrateCommand.read(pol, "LEGACY_REGISTRY_POL");
    RegistryPol legacy = RegistryPolReader.read(pol.toString(), bytes);
    GpoTranslation.Result result = GpoTranslation.translate(pol.toString(), legacy, cleartext);
    byte[] written = RegistryPolWriter.write(result.windows());
    if (!RegistryPolReader.read(out.toString(), written).equals(result.windows())) {
      throw new CommandFailedException(ExitStatus.PROBLEM,
          "the translated Registry.pol does not read back as written; nothing was written");
    }
    stdout.printf("%-32s %-22s    %-38s %s%n", "legacy (AdmPwd)", "value", "Windows LAPS",
        "value");
    for (GpoTranslation.Line line : result.lines()) {
      stdout.printf("%-32s %-22s -> %-38s %s%n", orDash(line.legacySetting()),
          orDash(line.legacyValue()), orDash(line.windowsSetting()), orDash(line.windowsValue()));
      if (line.warning() != null) {
        stdout.printf("    warning: %s%n", line.warning());
      }
    }
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

  private static String orDash(String text) {
    return text == null ? "-" : text;
  }

  private static Optional<Path> findRegistryPol(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder, 6)) {
      return files.filter(p -> p.getFileName().toString().equalsIgnoreCase("registry.pol"))
          .filter(p -> p.getParent() != null
              && p.getParent().getFileName().toString().equalsIgnoreCase("machine"))
          .sorted().findFirst();
    }
  }

  /**
   * Whether the legacy CSE GUID is listed for the GPO. A GPO backup lists its machine
   * extensions in Backup.xml, bkupInfo.xml or gpreport.xml; a live GPO lists them in the AD
   * attribute gPCMachineExtensionNames, which a folder does not hold.
   */
  private static String cseListing(Path folder) throws IOException {
    List<String> looked = new ArrayList<>();
    List<String> listed = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder, 3)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("backup.xml") || name.equals("bkupinfo.xml")
            || name.equals("gpreport.xml")) {
          looked.add(folder.relativize(p).toString());
          String text = xmlText(Files.readAllBytes(p));
          if (text.toLowerCase(Locale.ROOT)
              .contains(GpoTranslation.LEGACY_CSE_GUID.toLowerCase(Locale.ROOT))) {
            listed.add(folder.relativize(p).toString());
          }
        }
      }
    }
    if (looked.isEmpty()) {
      return "Legacy CSE " + GpoTranslation.LEGACY_CSE_GUID + ": unknown (no Backup.xml,"
          + " bkupInfo.xml or gpreport.xml here; check gPCMachineExtensionNames in AD)";
    }
    return "Legacy CSE " + GpoTranslation.LEGACY_CSE_GUID + ": "
        + (listed.isEmpty() ? "not listed (looked in " + String.join(", ", looked) + ")"
            : "listed in " + String.join(", ", listed)
                + "; remove the AdmPwd CSE once every computer runs Windows LAPS");
  }

  /** gpreport.xml is UTF-16 with a byte order mark; backups are UTF-8. */
  private static String xmlText(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return new String(bytes, StandardCharsets.UTF_16LE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      return new String(bytes, StandardCharsets.UTF_16BE);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
