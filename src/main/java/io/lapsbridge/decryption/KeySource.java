package io.lapsbridge.decryption;

import io.lapsbridge.crypto.GroupKeySource;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.RootKeyGroupKeySource;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.KdsRootKeyStore;
import io.lapsbridge.directory.LapsDirectory;
import java.util.List;
import java.util.Optional;

/**
 * Where a run gets its group keys: offline from KDS root keys (a {@code kds export} file the
 * caller read, or the directory, read once and only when a value needs decrypting), or any other
 * {@link GroupKeySource} such as MS-GKDI GetKey over RPC. When the directory refuses the root keys
 * (no privileged bind), the refusal is kept and every value reports Unauthorized.
 */
public final class KeySource {
  /** Reads the keys on first use; empty with a reason when the directory refuses. */
  private interface Loader {
    GroupKeySource load() throws DirectoryException;
  }

  private final Loader loader;
  private GroupKeySource groupKeys;
  private String unavailable;
  private boolean loaded;

  private KeySource(Loader loader) {
    this.loader = loader;
  }

  /** Root keys already in hand, such as those of a {@code kds export} file. */
  public static KeySource of(List<KdsRootKey> rootKeys) {
    GroupKeySource source = new RootKeyGroupKeySource(RootKeyProvider.of(rootKeys));
    return of(source);
  }

  /** Any group key source, such as an online MS-GKDI GetKey client. */
  public static KeySource of(GroupKeySource groupKeys) {
    return new KeySource(() -> groupKeys);
  }

  /** The directory's KDS root keys, which only a highly privileged bind may read. */
  public static KeySource fromDirectory(LapsDirectory directory) {
    return new KeySource(() -> new RootKeyGroupKeySource(
        RootKeyProvider.of(KdsRootKeyStore.of(directory).readKeys())));
  }

  /**
   * GetKey first through {@code online} (a domain controller decides per descriptor); when no DC
   * answers on RPC, the directory's root keys if the bind may read them; otherwise Unauthorized.
   * See {@link OnlineFirstGroupKeys}.
   */
  public static KeySource onlineFirst(GroupKeySource online, LapsDirectory directory) {
    return of(new OnlineFirstGroupKeys(online, new DirectoryRootKeys(directory)));
  }

  /** The directory's root keys for the online fallback, read at most once. */
  private static final class DirectoryRootKeys implements OnlineFirstGroupKeys.RootKeys {
    private final LapsDirectory directory;
    private String why;

    DirectoryRootKeys(LapsDirectory directory) {
      this.directory = directory;
    }

    @Override
    public Optional<GroupKeySource> load() {
      try {
        return Optional.of(new RootKeyGroupKeySource(
            RootKeyProvider.of(KdsRootKeyStore.of(directory).readKeys())));
      } catch (DirectoryException e) {
        why = e.getMessage();
        return Optional.empty();
      }
    }

    @Override
    public String whyUnavailable() {
      return why;
    }
  }

  /** The group keys, or empty with {@link #whyUnavailable()} set. */
  public Optional<GroupKeySource> groupKeys() throws DirectoryException {
    if (!loaded) {
      loaded = true;
      try {
        groupKeys = loader.load();
      } catch (DirectoryException e) {
        if (e.kind() != DirectoryException.Kind.ACCESS_DENIED
            && e.kind() != DirectoryException.Kind.NOT_FOUND) {
          throw e;
        }
        unavailable = e.getMessage();
      }
    }
    return Optional.ofNullable(groupKeys);
  }

  /** Why {@link #groupKeys()} is empty; null while it is not. */
  public String whyUnavailable() {
    return unavailable;
  }
}
