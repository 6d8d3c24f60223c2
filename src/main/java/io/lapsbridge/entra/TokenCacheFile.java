package io.lapsbridge.entra;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * MSAL's token cache kept in a file between runs, when the user asks for it ({@code
 * --token-cache}). The file holds refresh and access tokens, so it is created owner-only ({@code
 * rw-------}), replaced atomically, and refused when others may read it.
 */
final class TokenCacheFile implements ITokenCacheAccessAspect {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path file;

  private TokenCacheFile(Path file) {
    this.file = file;
  }

  static TokenCacheFile open(Path file) throws GraphException {
    if (Files.exists(file)) {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
          throw new GraphException(GraphException.Kind.LOCAL_INPUT, "--token-cache " + file
              + " may be read by others (" + PosixFilePermissions.toString(permissions)
              + "): chmod 600 it, or delete it");
        }
      } catch (UnsupportedOperationException notPosix) {
        // No POSIX permissions here; the file system's own ACLs apply.
      } catch (IOException e) {
        throw new GraphException(GraphException.Kind.LOCAL_INPUT,
            "cannot read --token-cache " + file + ": " + e.getClass().getSimpleName());
      }
    }
    return new TokenCacheFile(file);
  }

  @Override
  public void beforeCacheAccess(ITokenCacheAccessContext context) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      context.tokenCache().deserialize(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --token-cache " + file, e);
    }
  }

  @Override
  public void afterCacheAccess(ITokenCacheAccessContext context) {
    if (!context.hasCacheChanged()) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Path temporary;
      try {
        temporary = Files.createTempFile(parent, ".lapsbridge-token-cache-", ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException notPosix) {
        temporary = Files.createTempFile(parent, ".lapsbridge-token-cache-", ".tmp");
      }
      Files.writeString(temporary, context.tokenCache().serialize(), StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write --token-cache " + file, e);
    }
  }
}
