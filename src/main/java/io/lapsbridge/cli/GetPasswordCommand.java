package io.lapsbridge.cli;

import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptedValue;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EncryptedAttributes;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.directory.SidNames;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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

  private KdsKeySource keys;
  private SidNames sidNames;
  private boolean warnedUnavailable;
  private int undecrypted;
  private boolean allUnauthorized = true;

  @Override
  public Integer call() throws DirectoryException, KeyFileException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BatchOutcome outcome = new BatchOutcome();
    List<Map<String, Object>> views = new ArrayList<>();
    keys = new KdsKeySource(kdsKeyFile);
    keys.loadFileEarly();
    try (LapsDirectory directory = connection.open()) {
      sidNames = new SidNames(directory);
      outcome.forEachComputer(directory, computers, err,
          (computer, record) -> views.addAll(viewsOf(directory, record)));
    }
    if (format == OutputFormat.JSON) {
      out.println(Json.write(views));
    } else if (format == OutputFormat.CSV) {
      Csv.write(out, views);
    } else {
      printText(out, views);
    }
    out.flush();
    ExitStatus status = outcome.status();
    if (undecrypted > 0 && status == ExitStatus.OK) {
      // Some value could not be decrypted: partial if anything was shown, else a failure.
      boolean anyShown = views.stream().anyMatch(v -> v.get("password") != null);
      status = anyShown
          ? ExitStatus.PARTIAL
          : allUnauthorized ? ExitStatus.NOT_FOUND : ExitStatus.PROBLEM;
    }
    return status.code();
  }

  private List<Map<String, Object>> viewsOf(LapsDirectory directory, LapsRecord record)
      throws DirectoryException {
    ComputerRef computer = record.computer();
    List<Map<String, Object>> views = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (AttributeFamily family : source.families()) {
      Optional<LapsPassword> password =
          family == AttributeFamily.LEGACY ? record.legacyPassword() : record.windowsPassword();
      password.ifPresent(p -> views.add(view(computer, p)));
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

  private static Map<String, Object> view(ComputerRef computer, LapsPassword password) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("computer", computer.name());
    view.put("dn", computer.dn());
    view.put("account", password.account());
    // The one place a stored password leaves the process: this command exists to show it.
    view.put("password", password.password().reveal());
    view.put("passwordUpdateTime", iso(password.updated()));
    view.put("expiration", iso(password.expires()));
    view.put("source", password.source().displayName());
    view.put("decryptionStatus", DecryptionStatus.NOT_APPLICABLE.displayName());
    view.put("authorizedDecryptor", DecryptionStatus.NOT_APPLICABLE.displayName());
    return view;
  }

  /**
   * One view per encrypted value asked for: the current password, then (with --history) its
   * history newest first, then (with --dsrm) the DSRM password and its history. A value that
   * cannot be decrypted still gets a view that says why; the others are unaffected.
   */
  private List<Map<String, Object>> encryptedViews(LapsDirectory directory, LapsRecord record)
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
    List<Map<String, Object>> views = new ArrayList<>();
    if (wanted.isEmpty()) {
      return views;
    }
    Map<LapsAttribute, List<byte[]>> values =
        EncryptedAttributes.read(directory, record.computer(), wanted);
    Optional<LapsDecryptor> decryptor = keys.decryptor(directory);
    if (decryptor.isEmpty() && !warnedUnavailable) {
      warnedUnavailable = true;
      spec.commandLine().getErr().println("lapsbridge: warning: cannot decrypt: "
          + keys.whyUnavailable());
    }
    for (LapsAttribute attribute : wanted) {
      List<byte[]> raw = new ArrayList<>(values.getOrDefault(attribute, List.of()));
      // LDAP keeps no order among values; Windows shows history newest first.
      raw.sort(Comparator.comparing(GetPasswordCommand::headerTicks).reversed());
      for (int i = 0; i < raw.size(); i++) {
        String which = attribute.ldapName()
            + (raw.size() > 1 ? " value " + (i + 1) + " of " + raw.size() : "");
        views.add(encryptedView(record, attribute, raw.get(i), decryptor, which));
      }
    }
    return views;
  }

  private static long headerTicks(byte[] value) {
    try {
      return LapsEncryptedValue.parse(value).updated().ticks();
    } catch (LapsCryptoException e) {
      return -1;
    }
  }

  private Map<String, Object> encryptedView(
      LapsRecord record, LapsAttribute attribute, byte[] value,
      Optional<LapsDecryptor> decryptor, String which) {
    boolean current = attribute == LapsAttribute.ENCRYPTED_PASSWORD
        || attribute == LapsAttribute.ENCRYPTED_DSRM_PASSWORD;
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("computer", record.computer().name());
    view.put("dn", record.computer().dn());
    view.put("account", null);
    view.put("password", null);
    view.put("passwordUpdateTime", null);
    // Windows shows no expiry for history entries.
    view.put("expiration",
        current ? iso(record.windowsExpiration().map(f -> f.toInstant()).orElse(null)) : null);
    view.put("source", sourceOf(attribute).displayName());
    DecryptionStatus status;
    String sid = null;
    String note = null;
    LapsEncryptedValue parsed = null;
    try {
      parsed = LapsEncryptedValue.parse(value);
      // The header time and the descriptor are readable without any key, as in Windows.
      view.put("passwordUpdateTime", iso(parsed.updated().toInstant()));
      sid = parsed.blob().descriptor().sid();
    } catch (LapsCryptoException e) {
      note = e.getMessage();
    }
    if (parsed == null) {
      status = DecryptionStatus.MALFORMED;
    } else if (decryptor.isEmpty()) {
      status = DecryptionStatus.UNAUTHORIZED;
      note = "no KDS root key: give --kds-key-file or bind as a KDS root key reader";
    } else {
      try {
        DecryptedPassword password = decryptor.get().decrypt(value);
        view.put("account", password.account());
        // The one place a decrypted password leaves the process: this command exists to show it.
        view.put("password", password.password().reveal());
        view.put("passwordUpdateTime", iso(password.updated().toInstant()));
        password.password().close();
        status = DecryptionStatus.SUCCESS;
      } catch (LapsCryptoException e) {
        status = DecryptionStatus.of(e.reason());
        note = e.getMessage();
      }
    }
    view.put("decryptionStatus", status.displayName());
    view.put("authorizedDecryptor", sid == null ? null : sidNames.nameOf(sid).orElse(sid));
    view.put("authorizedDecryptorSid", sid);
    if (status != DecryptionStatus.SUCCESS) {
      undecrypted++;
      if (status != DecryptionStatus.UNAUTHORIZED) {
        allUnauthorized = false;
        spec.commandLine().getErr().println("lapsbridge: warning: cannot decrypt " + which
            + " on '" + record.computer().dn() + "': " + note);
      }
      view.put("note", note);
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

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void printText(PrintWriter out, List<Map<String, Object>> views) {
    String[][] labels = {
      {"computer", "ComputerName"},
      {"dn", "DistinguishedName"},
      {"account", "Account"},
      {"password", "Password"},
      {"passwordUpdateTime", "PasswordUpdateTime"},
      {"expiration", "ExpirationTimestamp"},
      {"source", "Source"},
      {"decryptionStatus", "DecryptionStatus"},
      {"authorizedDecryptor", "AuthorizedDecryptor"},
      {"note", "Note"}
    };
    boolean first = true;
    for (Map<String, Object> view : views) {
      if (!first) {
        out.println();
      }
      first = false;
      for (String[] label : labels) {
        if (view.containsKey(label[0])) {
          Object value = view.get(label[0]);
          out.printf("%-20s: %s%n", label[1], value == null ? "" : value);
        }
      }
    }
  }
}
