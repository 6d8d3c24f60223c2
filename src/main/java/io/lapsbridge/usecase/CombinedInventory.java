package io.lapsbridge.usecase;

import io.lapsbridge.directory.ComputerSids;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.entra.CredentialSummary;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.EntraDevice;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.EntraMove;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.report.CombinedInventoryOutput;
import io.lapsbridge.report.CombinedInventoryOutput.State;
import io.lapsbridge.report.InventoryOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code inventory --directory auto} (#16): AD computers matched to their Entra devices by the
 * AD {@code objectSid} and the device's {@code onPremisesSecurityIdentifier} (hybrid join), by
 * name only as a reported fallback, and classified by where the password is kept (see {@link
 * CombinedInventoryOutput.State}). Entra's backups and hybrid devices are indexed first (metadata
 * only); the AD estate then streams past them.
 */
public final class CombinedInventory {
  private CombinedInventory() {}

  /**
   * How many rows carried each flag.
   *
   * @param rows every device
   * @param bothCurrent a current password in both directories
   * @param adCopyLeft an AD copy left after a move to Entra
   */
  public record Outcome(long rows, long bothCurrent, long adCopyLeft) {}

  public static Outcome run(LapsDirectory ad, EntraDirectory entra, InventoryOutput.Format format,
      Writer out, Instant asOf) throws DirectoryException, GraphException, IOException {
    EntraIndex index = EntraIndex.load(entra);
    Map<String, CredentialSummary> backups = index.backups;
    CombinedInventoryOutput report = CombinedInventoryOutput.open(format, out, asOf);
    long[] rows = {0};
    try {
      ComputerSids.forEachComputer(ad, (computer, sid) -> {
        Matched matched = index.match(computer.name(), sid);
        String deviceId = matched == null ? null : matched.deviceId();
        String matchedBy = matched == null ? null : matched.by();
        CredentialSummary backup = deviceId == null ? null : backups.remove(deviceId);
        report.add(row(computer, sid, deviceId, matchedBy, backup, asOf));
        rows[0]++;
      });
      for (CredentialSummary onlyEntra : backups.values()) {
        report.add(CombinedInventoryOutput.row(onlyEntra.deviceName(), null, null,
            onlyEntra.deviceId(), null, false, null, null, onlyEntra.lastBackup(), State.ENTRA));
        rows[0]++;
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    report.finish();
    return new Outcome(rows[0], report.count(State.BOTH_CURRENT), report.count(State.AD_COPY_LEFT));
  }

  /**
   * An AD computer's Entra device: its (lower-case) {@code deviceId} and how it was matched,
   * {@code sid} or {@code name}.
   */
  record Matched(String deviceId, String by) {}

  /**
   * Entra's backups and hybrid devices, indexed (metadata only) so that the AD estate can stream
   * past them: the one matching of AD computers to Entra devices, used by the combined inventory
   * and by {@code migrate plan} (#16).
   */
  static final class EntraIndex {
    final Map<String, CredentialSummary> backups = new LinkedHashMap<>();
    private final Map<String, EntraDevice> bySid = new HashMap<>();
    private final Map<String, List<CredentialSummary>> byName = new HashMap<>();

    static EntraIndex load(EntraDirectory entra) throws GraphException {
      EntraIndex index = new EntraIndex();
      entra.forEachCredential(c -> index.backups.put(c.deviceId().toLowerCase(Locale.ROOT), c));
      entra.forEachDevice(d -> {
        if (d.onPremisesSecurityIdentifier() != null) {
          index.bySid.put(d.onPremisesSecurityIdentifier().toUpperCase(Locale.ROOT), d);
        }
      });
      for (CredentialSummary c : index.backups.values()) {
        if (c.deviceName() != null) {
          index.byName.computeIfAbsent(c.deviceName().toLowerCase(Locale.ROOT),
              k -> new ArrayList<>()).add(c);
        }
      }
      return index;
    }

    /** By SID first; by name only when exactly one backed-up device has it; else null. */
    Matched match(String name, String sid) {
      EntraDevice device = sid == null ? null : bySid.get(sid.toUpperCase(Locale.ROOT));
      if (device != null) {
        return new Matched(device.deviceId().toLowerCase(Locale.ROOT), "sid");
      }
      List<CredentialSummary> named = byName.get(name.toLowerCase(Locale.ROOT));
      if (named != null && named.size() == 1) {
        return new Matched(named.get(0).deviceId().toLowerCase(Locale.ROOT), "name");
      }
      return null;
    }

    /** The device's backup, or null. */
    CredentialSummary backup(String deviceId) {
      return backups.get(deviceId);
    }
  }

  /** Where {@code computer}'s password is kept, given its Entra backup (or null). */
  static CombinedInventoryOutput.Row row(ComputerSnapshot computer, String sid, String deviceId,
      String matchedBy, CredentialSummary backup, Instant asOf) {
    boolean adPassword = computer.legacyPassword() || computer.windowsCleartext()
        || computer.windowsEncrypted();
    Instant updated = instant(computer.windowsUpdated());
    Instant expiry = instant(computer.windowsExpiry() != null ? computer.windowsExpiry()
        : computer.legacyExpiry());
    Instant entraBackup = backup == null ? null : backup.lastBackup();
    State state = state(adPassword, updated, expiry, entraBackup, asOf);
    return CombinedInventoryOutput.row(computer.name(), computer.dn(), sid, deviceId, matchedBy,
        adPassword, updated, expiry, entraBackup, state);
  }

  /**
   * The rule: with a password in both, the AD copy is left behind when Entra's backup is newer
   * than it or it has expired (the device no longer updates AD); otherwise both are current.
   */
  static State state(boolean adPassword, Instant adUpdated, Instant adExpiry,
      Instant entraBackup, Instant asOf) {
    boolean inEntra = entraBackup != null;
    if (adPassword && inEntra) {
      return EntraMove.adCopyLeft(adUpdated, adExpiry, entraBackup, asOf)
          ? State.AD_COPY_LEFT : State.BOTH_CURRENT;
    }
    if (inEntra) {
      return State.ENTRA;
    }
    return adPassword ? State.AD : State.NONE;
  }

  private static Instant instant(FileTime time) {
    return time == null || time.isNever() ? null : time.toInstant();
  }
}
