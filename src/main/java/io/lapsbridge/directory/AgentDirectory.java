package io.lapsbridge.directory;

import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rotation.DirectoryPort;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.StoredState;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The agent's view of its own computer object: reads the family's expiry (and the password where
 * the bind may read it) and writes password and expiry in one modify.
 */
public final class AgentDirectory implements DirectoryPort {
  private final LapsDirectory directory;
  private final ComputerRef computer;
  /** Present in encrypted mode: the Windows family goes to msLAPS-EncryptedPassword. */
  private final Optional<EncryptedPasswordWriter> encrypted;
  private Optional<String> lastSealed = Optional.empty();
  /** Whether the schema has msLAPS-CurrentPasswordVersion; asked once, when first needed. */
  private Boolean storesVersion;

  private AgentDirectory(LapsDirectory directory, ComputerRef computer,
      Optional<EncryptedPasswordWriter> encrypted) {
    this.directory = directory;
    this.computer = computer;
    this.encrypted = encrypted;
  }

  /** Opens {@code connection} and finds {@code computerName} (name, sAMAccountName or DN). */
  public static DirectoryPort open(AgentConnection connection, String computerName)
      throws PortException {
    return open(connection, computerName, Optional.empty());
  }

  /**
   * Like {@link #open(AgentConnection, String)}; with {@code encrypted}, the Windows family is
   * written encrypted and read back by its bytes.
   */
  public static DirectoryPort open(AgentConnection connection, String computerName,
      Optional<EncryptedPasswordWriter> encrypted) throws PortException {
    LapsDirectory directory;
    try {
      directory = connection.open();
    } catch (DirectoryException e) {
      throw translate(e);
    }
    try {
      return new AgentDirectory(directory, directory.locate(computerName), encrypted);
    } catch (DirectoryException e) {
      directory.close();
      throw translate(e);
    }
  }

  /** Wraps an open directory session, for callers that connected by other means. */
  public static DirectoryPort of(LapsDirectory directory, String computerName)
      throws PortException {
    try {
      return new AgentDirectory(directory, directory.locate(computerName), Optional.empty());
    } catch (DirectoryException e) {
      throw translate(e);
    }
  }

  @Override
  public String computer() {
    return computer.dn();
  }

  @Override
  public StoredState read(AttributeFamily family) throws PortException {
    LapsRecord record;
    try {
      record = directory.read(computer);
    } catch (DirectoryException e) {
      throw translate(e);
    }
    Optional<FileTime> expiry = family == AttributeFamily.LEGACY
        ? record.legacyExpiration() : record.windowsExpiration();
    Optional<LapsPassword> password = family == AttributeFamily.LEGACY
        ? record.legacyPassword() : record.windowsPassword();
    String problems = record.problems().stream()
        .filter(p -> p.attribute().family() == family)
        .map(LapsRecord.ValueProblem::toString)
        .collect(Collectors.joining("; "));
    Optional<String> problem = problems.isEmpty() ? Optional.empty() : Optional.of(problems);
    if (family == AttributeFamily.WINDOWS && encrypted.isPresent()) {
      // The computer cannot decrypt; a clear-text msLAPS-Password left from an earlier policy is
      // not the value this mode manages, so it must not decide a read-back.
      Optional<String> sealed;
      try {
        sealed = EncryptedPasswordWriter.currentFingerprint(directory, computer);
      } catch (DirectoryException e) {
        throw translate(e);
      }
      return new StoredState(expiry, Optional.empty(), problem, sealed, version(family));
    }
    return new StoredState(expiry, password.map(LapsPassword::password), problem,
        Optional.empty(), version(family));
  }

  private Optional<UUID> version(AttributeFamily family) throws PortException {
    if (family != AttributeFamily.WINDOWS || !storesVersion()) {
      return Optional.empty();
    }
    try {
      return PasswordVersion.read(directory, computer);
    } catch (DirectoryException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean storesVersion() {
    if (storesVersion == null) {
      storesVersion = PasswordVersion.supported(directory);
    }
    return storesVersion;
  }

  @Override
  public boolean encrypts() {
    return encrypted.isPresent();
  }

  @Override
  public Optional<String> lastSealed() {
    return lastSealed;
  }

  @Override
  public void write(AttributeFamily family, String account, Secret password, FileTime updated,
      FileTime expires, Optional<UUID> version) throws PortException {
    try {
      if (family == AttributeFamily.LEGACY) {
        directory.writeLegacy(computer, password, expires);
      } else if (encrypted.isPresent()) {
        lastSealed = Optional.empty();
        lastSealed = Optional.of(encrypted.get().write(directory, computer,
            new WindowsLapsPasswordJson.Value(account, updated, password), expires, version));
      } else {
        directory.writeWindowsCleartext(computer,
            new WindowsLapsPasswordJson.Value(account, updated, password), expires, version);
      }
    } catch (DirectoryException e) {
      throw translate(e);
    } catch (LapsCryptoException e) {
      throw new PortException(PortException.Kind.DIRECTORY_REJECTED,
          "encrypting the new password to " + encrypted.map(EncryptedPasswordWriter::sid)
              .orElse("?") + " failed (" + e.getMessage() + "); nothing was written", e);
    }
  }

  @Override
  public void close() {
    directory.close();
  }

  static PortException translate(DirectoryException e) {
    PortException.Kind kind = switch (e.kind()) {
      case UNREACHABLE, TLS, BIND -> PortException.Kind.DIRECTORY_UNREACHABLE;
      case SCHEMA_MISSING -> PortException.Kind.DIRECTORY_SCHEMA;
      case NOT_FOUND, AMBIGUOUS, ACCESS_DENIED -> PortException.Kind.DIRECTORY_DENIED;
      case MALFORMED_VALUE, REJECTED -> PortException.Kind.DIRECTORY_REJECTED;
    };
    return new PortException(kind, e.getMessage(), e);
  }
}
