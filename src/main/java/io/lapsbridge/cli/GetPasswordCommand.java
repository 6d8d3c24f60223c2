package io.lapsbridge.cli;

import io.lapsbridge.decryption.DecryptionStatus;
import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.decryption.PasswordDecryption;
import io.lapsbridge.decryption.ValueDecryption;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EncryptedAttributes;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.directory.SidNames;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.report.EncryptedPasswordView;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.report.PasswordView;
import io.lapsbridge.report.StoredPasswordView;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code get-password}: one view over both attribute families, like Get-LapsADPassword. */
@Command(
    name = "get-password",
    description = "Show the stored LAPS password of computers, from either attribute family.")
final class GetPasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Parameters(arity = "1..*", paramLabel = "COMPUTER", description = "Name, sAMAccountName, DNS name or DN.")
  List<String> computers;

  @Option(names = "--source", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}).")
  FamilyChoice source;

  @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--history", description = "Add the encrypted password history (" + io.lapsbridge.wire.LapsAttribute.Names.ENCRYPTED_PASSWORD_HISTORY + "), newest first.")
  boolean history;

  @Option(names = "--dsrm", description = "Add a domain controller's encrypted DSRM password and its history.")
  boolean dsrm;

  @Option(names = "--kds-key-file", description = "Decrypt with the KDS root keys of this `kds export` file instead of reading them from the directory (which needs a highly privileged bind).")
  Path kdsKeyFile;

  private PasswordDecryption decryption;
  private SidNames sidNames;
  private boolean warnedUnavailable;
  private int undecrypted;
  private boolean allUnauthorized = true;

  @Override
  public Integer call() throws DirectoryException, KeyFileException {
    PrintWriter err = spec.commandLine().getErr();
    BatchOutcome outcome = new BatchOutcome();
    List<PasswordView> views = new ArrayList<>();
    // Read the key file first, so that a bad file is a usage error before anything is printed.
    KeySource fileKeys = kdsKeyFile == null ? null : KeySource.of(KdsKeyFile.read(kdsKeyFile));
    try (LapsDirectory directory = connection.open()) {
      decryption = new PasswordDecryption(
          fileKeys != null ? fileKeys : KeySource.fromDirectory(directory));
      sidNames = new SidNames(directory);
      outcome.forEachComputer(directory, computers, err,
          (computer, record) -> views.addAll(viewsOf(directory, record)));
    }
    format.print(spec.commandLine().getOut(), views, PasswordView::printText);
    ExitStatus status = outcome.status();
    if (undecrypted > 0 && status == ExitStatus.OK) {
      // Some value could not be decrypted: partial if anything was shown, else a failure.
      boolean anyShown = views.stream().anyMatch(v -> v.password() != null);
      status = anyShown
          ? ExitStatus.PARTIAL
          : allUnauthorized ? ExitStatus.NOT_FOUND : ExitStatus.PROBLEM;
    }
    return status.code();
  }

  private List<PasswordView> viewsOf(LapsDirectory directory, LapsRecord record)
      throws DirectoryException {
    ComputerRef computer = record.computer();
    List<PasswordView> views = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (AttributeFamily family : source.families()) {
      Optional<LapsPassword> password =
          family == AttributeFamily.LEGACY ? record.legacyPassword() : record.windowsPassword();
      password.ifPresent(p -> views.add(StoredPasswordView.of(computer, p)));
      if (family == AttributeFamily.WINDOWS) {
        views.addAll(encryptedViews(directory, record));
      }
      if (password.isEmpty() && record.passwordHidden(family)) {
        problems.add("access denied: the bind cannot read " + passwordAttribute(family).ldapName()
            + " on '" + computer.dn() + "' (its expiry is readable, so a password is stored)");
      }
    }
    for (LapsRecord.ValueProblem problem : record.problems()) {
      if (source.families().contains(problem.attribute().family())) {
        problems.add("malformed " + problem.attribute().ldapName() + " on '" + computer.dn() + "': "
            + problem.message());
      }
    }
    if (!problems.isEmpty() && views.isEmpty()) {
      DirectoryException.Kind kind =
          problems.get(0).startsWith("access denied")
              ? DirectoryException.Kind.ACCESS_DENIED
              : DirectoryException.Kind.MALFORMED_VALUE;
      throw new DirectoryException(kind, String.join("; ", problems));
    }
    if (!problems.isEmpty()) {
      // Some password was shown; the other family's trouble still deserves a line.
      problems.forEach(p -> spec.commandLine().getErr().println("lapsbridge: warning: " + p));
    }
    if (views.isEmpty()) {
      boolean dsrmOnly = !dsrm && source.families().contains(AttributeFamily.WINDOWS)
          && (record.has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD)
              || record.has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY));
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND,
          "computer '" + computer.name() + "' (" + computer.dn() + ") has no "
              + (source == FamilyChoice.ALL ? "" : source.name().toLowerCase(java.util.Locale.ROOT) + " ")
              + "LAPS password"
              + (dsrmOnly ? " (it holds an encrypted DSRM password: add --dsrm)" : ""));
    }
    return views;
  }

  private static LapsAttribute passwordAttribute(AttributeFamily family) {
    return family == AttributeFamily.LEGACY ? LapsAttribute.LEGACY_PASSWORD : LapsAttribute.PASSWORD;
  }

  /**
   * One view per encrypted value asked for: the current password, then (with --history) its
   * history newest first, then (with --dsrm) the DSRM password and its history. A value that
   * cannot be decrypted still gets a view that says why; the others are unaffected.
   */
  private List<PasswordView> encryptedViews(LapsDirectory directory, LapsRecord record)
      throws DirectoryException {
    List<LapsAttribute> wanted = new ArrayList<>();
    wanted.add(LapsAttribute.ENCRYPTED_PASSWORD);
    if (history) {
      wanted.add(LapsAttribute.ENCRYPTED_PASSWORD_HISTORY);
    }
    if (dsrm) {
      wanted.add(LapsAttribute.ENCRYPTED_DSRM_PASSWORD);
      wanted.add(LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY);
    }
    wanted.removeIf(a -> !record.has(a));
    List<PasswordView> views = new ArrayList<>();
    if (wanted.isEmpty()) {
      return views;
    }
    Map<LapsAttribute, List<byte[]>> values =
        EncryptedAttributes.read(directory, record.computer(), wanted);
    if (!decryption.available() && !warnedUnavailable) {
      warnedUnavailable = true;
      spec.commandLine().getErr().println("lapsbridge: warning: cannot decrypt: "
          + decryption.whyUnavailable());
    }
    for (LapsAttribute attribute : wanted) {
      List<byte[]> raw =
          PasswordDecryption.newestFirst(values.getOrDefault(attribute, List.of()));
      for (int i = 0; i < raw.size(); i++) {
        String which = attribute.ldapName()
            + (raw.size() > 1 ? " value " + (i + 1) + " of " + raw.size() : "");
        views.add(encryptedView(record, attribute, decryption.decrypt(raw.get(i)), which));
      }
    }
    return views;
  }

  private EncryptedPasswordView encryptedView(
      LapsRecord record, LapsAttribute attribute, ValueDecryption value, String which) {
    boolean current = attribute == LapsAttribute.ENCRYPTED_PASSWORD
        || attribute == LapsAttribute.ENCRYPTED_DSRM_PASSWORD;
    // Windows shows no expiry for history entries.
    FileTime expiration = current ? record.windowsExpiration().orElse(null) : null;
    String sid = value.authorizedDecryptorSid();
    EncryptedPasswordView view = EncryptedPasswordView.of(record.computer(), sourceOf(attribute),
        expiration, value, sid == null ? null : sidNames.nameOf(sid).orElse(null));
    if (value.decrypted()) {
      value.password().password().close();
    } else {
      undecrypted++;
      if (value.status() != DecryptionStatus.UNAUTHORIZED) {
        allUnauthorized = false;
        spec.commandLine().getErr().println("lapsbridge: warning: cannot decrypt " + which
            + " on '" + record.computer().dn() + "': " + value.note());
      }
    }
    return view;
  }

  private static PasswordSource sourceOf(LapsAttribute attribute) {
    return switch (attribute) {
      case ENCRYPTED_PASSWORD_HISTORY -> PasswordSource.WINDOWS_ENCRYPTED_HISTORY;
      case ENCRYPTED_DSRM_PASSWORD -> PasswordSource.WINDOWS_ENCRYPTED_DSRM;
      case ENCRYPTED_DSRM_PASSWORD_HISTORY -> PasswordSource.WINDOWS_ENCRYPTED_DSRM_HISTORY;
      default -> PasswordSource.WINDOWS_ENCRYPTED;
    };
  }
}
