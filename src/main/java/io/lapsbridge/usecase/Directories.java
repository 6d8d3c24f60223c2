package io.lapsbridge.usecase;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a search covers: one per domain or forest of the profile, opened together so
 * that an unreachable one is said before anything is printed, and closed together.
 */
public final class Directories implements AutoCloseable {
  private final List<LapsDirectory> opened;

  private Directories(List<LapsDirectory> opened) {
    this.opened = List.copyOf(opened);
  }

  /** Connects to each; if one fails, those already open are closed and the failure thrown. */
  public static Directories open(List<ConnectionSettings> each) throws DirectoryException {
    List<LapsDirectory> opened = new ArrayList<>();
    try {
      for (ConnectionSettings settings : each) {
        opened.add(LapsDirectory.open(settings));
      }
    } catch (DirectoryException | RuntimeException e) {
      opened.forEach(LapsDirectory::close);
      throw e;
    }
    return new Directories(opened);
  }

  /** In the order of the settings. */
  public List<LapsDirectory> all() {
    return opened;
  }

  /** The domain a directory is, for messages: its DNS name, else its base DN. */
  static String label(LapsDirectory directory) {
    return directory.dnsDomainName().orElse(directory.baseDn());
  }

  @Override
  public void close() {
    opened.forEach(LapsDirectory::close);
  }
}
