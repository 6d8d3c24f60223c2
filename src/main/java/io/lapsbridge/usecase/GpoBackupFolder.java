package io.lapsbridge.usecase;

import io.lapsbridge.migration.GpoTranslation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A GPO (backup) folder, as {@code policy translate} is given it: where its machine {@code
 * Registry.pol} is, and whether the legacy LAPS client-side extension is listed for it. The
 * {@code gpo} package reads bytes only; finding them in a folder is this class's I/O.
 */
public final class GpoBackupFolder {
  private GpoBackupFolder() {}

  /** The first {@code Machine/Registry.pol} under {@code folder} (any case), in path order. */
  public static Optional<Path> registryPol(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder, 6)) {
      return files.filter(p -> p.getFileName().toString().equalsIgnoreCase("registry.pol"))
          .filter(p -> p.getParent() != null
              && p.getParent().getFileName().toString().equalsIgnoreCase("machine"))
          .sorted().findFirst();
    }
  }

  /**
   * One line on whether the legacy CSE GUID is listed for the GPO. A GPO backup lists its machine
   * extensions in Backup.xml, bkupInfo.xml or gpreport.xml; a live GPO lists them in the AD
   * attribute gPCMachineExtensionNames, which a folder does not hold.
   */
  public static String legacyCseListing(Path folder) throws IOException {
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
  static String xmlText(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return new String(bytes, StandardCharsets.UTF_16LE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      return new String(bytes, StandardCharsets.UTF_16BE);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
