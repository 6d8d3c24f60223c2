package io.lapsbridge.console;

import io.lapsbridge.decryption.DecryptionStatus;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.report.EncryptedPasswordView;
import io.lapsbridge.report.PasswordView;
import io.lapsbridge.report.StoredPasswordView;
import io.lapsbridge.usecase.LookUpPasswords;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one computer as the signed-in user through {@code usecase.LookUpPasswords}, the engine of
 * {@code get-password}: both families, the encrypted history and DSRM values, each with its
 * decryption status. An Entra source plugs in here beside the directory once #13 lands.
 */
final class ComputerLookup {
  static final String NOT_AUTHORIZED =
      "Not authorized: your account may not read this computer's LAPS password.";
  static final String NO_PASSWORD = "No LAPS password is stored for this computer.";

  /**
   * What was read: the view (passwords hidden), the passwords by value index (null where none),
   * and each family's expiry for expire-after-use.
   */
  record Result(ComputerView view, List<String> passwords, ComputerRef computer,
      Optional<FileTime> legacyExpiration, Optional<FileTime> windowsExpiration) {
    Result {
      passwords = java.util.Collections.unmodifiableList(new ArrayList<>(passwords));
    }

    Optional<FileTime> expiration(AttributeFamily family) {
      return family == AttributeFamily.LEGACY ? legacyExpiration : windowsExpiration;
    }

    @Override
    public String toString() {
      return "Result[" + view + "]";
    }
  }

  private ComputerLookup() {}

  static Result read(Session session, String nameOrDn) throws DirectoryException {
    LapsDirectory directory = session.directory();
    ComputerRef computer = directory.locate(nameOrDn);
    LapsRecord record = directory.read(computer);
    List<String> warnings = new ArrayList<>();
    List<DirectoryException> failures = new ArrayList<>();
    LookUpPasswords.Result found = LookUpPasswords.run(directory, session.keys(),
        List.of(computer.dn()),
        new LookUpPasswords.Request(EnumSet.allOf(AttributeFamily.class), true, true),
        warnings::add, failures::add, note -> { });
    List<ValueView> values = new ArrayList<>();
    List<String> passwords = new ArrayList<>();
    for (PasswordView view : found.views()) {
      values.add(valueOf(values.size(), view));
      passwords.add(view.password());
    }
    String whyNone = null;
    if (values.isEmpty() && !failures.isEmpty()) {
      DirectoryException failure = failures.get(0);
      if (failure.kind() == DirectoryException.Kind.UNREACHABLE) {
        throw failure;
      }
      whyNone = switch (failure.kind()) {
        case ACCESS_DENIED -> NOT_AUTHORIZED;
        case NOT_FOUND -> NO_PASSWORD;
        default -> failure.getMessage();
      };
    }
    ComputerView view = new ComputerView(computer.name(), computer.dn(),
        computer.samAccountName(), computer.dnsHostName(),
        record.legacyExpiration().map(ComputerLookup::iso).orElse(null),
        record.windowsExpiration().map(ComputerLookup::iso).orElse(null),
        values, whyNone, warnings);
    return new Result(view, passwords, computer, record.legacyExpiration(),
        record.windowsExpiration());
  }

  private static ValueView valueOf(int index, PasswordView view) {
    String source;
    String account;
    String updated;
    String expiration;
    String status;
    String decryptor;
    String note = null;
    if (view instanceof StoredPasswordView stored) {
      source = stored.source();
      account = stored.account();
      updated = stored.passwordUpdateTime();
      expiration = stored.expiration();
      status = stored.decryptionStatus();
      decryptor = null;
    } else {
      EncryptedPasswordView encrypted = (EncryptedPasswordView) view;
      source = encrypted.source();
      account = encrypted.account();
      updated = encrypted.passwordUpdateTime();
      expiration = encrypted.expiration();
      status = encrypted.decryptionStatus();
      decryptor = encrypted.authorizedDecryptor();
      note = encrypted.note();
    }
    String whyNot = null;
    if (view.password() == null) {
      whyNot = DecryptionStatus.UNAUTHORIZED.displayName().equals(status)
          ? "Not encrypted for you: only " + decryptor + " can decrypt it."
          : "Cannot decrypt (" + status + ")" + (note == null ? "." : ": " + note);
    }
    return new ValueView(index, source, familyOf(source).name().toLowerCase(Locale.ROOT),
        account, updated, expiration, status, decryptor, whyNot, null, List.of());
  }

  static AttributeFamily familyOf(String sourceName) {
    for (PasswordSource source : PasswordSource.values()) {
      if (source.displayName().equals(sourceName)) {
        return source.family();
      }
    }
    throw new IllegalArgumentException("unknown password source: " + sourceName);
  }

  private static String iso(FileTime time) {
    return time.isNever() ? "never" : time.toInstant().toString();
  }
}
