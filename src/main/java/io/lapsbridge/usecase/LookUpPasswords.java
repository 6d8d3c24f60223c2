package io.lapsbridge.usecase;

import io.lapsbridge.decryption.DecryptionStatus;
import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.decryption.PasswordDecryption;
import io.lapsbridge.decryption.ValueDecryption;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EncryptedAttributes;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.directory.SidNames;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.report.EncryptedPasswordView;
import io.lapsbridge.report.PasswordView;
import io.lapsbridge.report.StoredPasswordView;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code get-password} over one directory: for each computer, its stored passwords and one view
 * per encrypted value asked for, each with its own DecryptionStatus, like Get-LapsADPassword. A
 * value that cannot be decrypted still gets a view that says why; the others are unaffected.
 */
public final class LookUpPasswords {
  /**
   * What to show.
   *
   * @param families the attribute families to read
   * @param history with Windows LAPS, the encrypted password history too, newest first
   * @param dsrm with Windows LAPS, a domain controller's DSRM password and its history too
   */
  public record Request(Set<AttributeFamily> families, boolean history, boolean dsrm) {
    public Request {
      // An EnumSet keeps the families in a fixed order, and so the views.
      families = Collections.unmodifiableSet(EnumSet.copyOf(families));
    }
  }

  /**
   * The views to print, and how the batch ended.
   *
   * @param views the views of every computer found, in the order of the names
   * @param batch how many computers were shown, and those that failed
   * @param undecrypted how many encrypted values could not be decrypted
   * @param allUnauthorized whether every one of those failed for want of a key
   * @param malformed how many stored values beside a shown password do not follow their format
   *     (a FILETIME, the JSON, an encrypted blob): each was warned about, and the command exits
   *     with a problem (#18)
   */
  public record Result(List<PasswordView> views, ComputerBatch.Outcome batch, int undecrypted,
      boolean allUnauthorized, int malformed) {
    public Result {
      views = List.copyOf(views);
    }

    public boolean anyPasswordShown() {
      return views.stream().anyMatch(v -> v.password() != null);
    }
  }

  private final LapsDirectory directory;
  private final Request request;
  private final PasswordDecryption decryption;
  private final SidNames sidNames;
  private final Consumer<String> warnings;
  private boolean warnedUnavailable;
  private int undecrypted;
  private int malformed;
  private boolean allUnauthorized = true;

  private LookUpPasswords(LapsDirectory directory, KeySource keys, Request request,
      Consumer<String> warnings) {
    this.directory = directory;
    this.request = request;
    this.decryption = new PasswordDecryption(keys);
    this.sidNames = new SidNames(directory);
    this.warnings = warnings;
  }

  /**
   * Looks up every one of {@code computers}.
   *
   * @param warnings a line for each value or family that could not be shown beside others
   * @param failures each computer that could not be shown at all
   * @param notes how a name was resolved when that was not exact
   */
  public static Result run(LapsDirectory directory, KeySource keys, List<String> computers,
      Request request, Consumer<String> warnings, Consumer<? super DirectoryException> failures,
      Consumer<String> notes) throws DirectoryException {
    LookUpPasswords lookup = new LookUpPasswords(directory, keys, request, warnings);
    List<PasswordView> views = new ArrayList<>();
    ComputerBatch.Outcome batch = ComputerBatch.<PasswordView>run(directory, computers,
        (computer, record, shown) -> lookup.viewsOf(record).forEach(shown), views::add, failures,
        notes);
    return new Result(views, batch, lookup.undecrypted, lookup.allUnauthorized,
        lookup.malformed);
  }

  /**
   * Looks up every one of {@code computers} across several domains or forests, so that a
   * helpdesk need not know a computer's domain: each name is located in every directory; found
   * in one, it is shown from there; found in two or more, it is reported as ambiguous with every
   * match, and found in none, as not found in any.
   *
   * @param keys the key source to decrypt with for each directory
   */
  public static Result runAcross(List<LapsDirectory> directories,
      java.util.function.Function<LapsDirectory, KeySource> keys, List<String> computers,
      Request request, Consumer<String> warnings, Consumer<? super DirectoryException> failures,
      Consumer<String> notes) throws DirectoryException {
    if (directories.size() == 1) {
      LapsDirectory only = directories.get(0);
      return run(only, keys.apply(only), computers, request, warnings, failures, notes);
    }
    List<PasswordView> views = new ArrayList<>();
    List<DirectoryException> failed = new ArrayList<>();
    int succeeded = 0;
    int undecrypted = 0;
    int malformed = 0;
    boolean allUnauthorized = true;
    for (String name : computers) {
      List<LapsDirectory> where = new ArrayList<>();
      List<ComputerRef> matches = new ArrayList<>();
      DirectoryException problem = null;
      boolean dn = LapsDirectory.isDn(name);
      for (LapsDirectory directory : directories) {
        if (dn && !directory.covers(name)) {
          continue; // a DN belongs to the domain whose naming context holds it
        }
        try {
          matches.add(directory.locate(name, notes));
          where.add(directory);
        } catch (DirectoryException e) {
          if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
            throw e;
          }
          if (e.kind() != DirectoryException.Kind.NOT_FOUND && problem == null) {
            problem = e; // ambiguous within a domain, or access denied: said as is
          }
        }
      }
      if (problem == null && matches.size() != 1) {
        problem = matches.isEmpty() ? notFoundAnywhere(name, directories)
            : ambiguousAcross(name, where, matches);
      }
      if (problem != null) {
        failed.add(problem);
        failures.accept(problem);
        continue;
      }
      LapsDirectory home = where.get(0);
      Result one = run(home, keys.apply(home), List.of(matches.get(0).dn()), request, warnings,
          failures, notes);
      views.addAll(one.views());
      failed.addAll(one.batch().failures());
      succeeded += one.batch().succeeded();
      undecrypted += one.undecrypted();
      malformed += one.malformed();
      allUnauthorized &= one.allUnauthorized();
    }
    return new Result(views, new ComputerBatch.Outcome(succeeded, failed), undecrypted,
        allUnauthorized, malformed);
  }

  private static DirectoryException notFoundAnywhere(String name,
      List<LapsDirectory> directories) {
    return new DirectoryException(DirectoryException.Kind.NOT_FOUND, "computer '" + name
        + "' not found in any of the " + directories.size() + " domains searched ("
        + String.join(", ", directories.stream().map(Directories::label).toList()) + ")");
  }

  private static DirectoryException ambiguousAcross(String name, List<LapsDirectory> where,
      List<ComputerRef> matches) {
    List<String> each = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      each.add("'" + matches.get(i).dn() + "' (" + Directories.label(where.get(i)) + ")");
    }
    return new DirectoryException(DirectoryException.Kind.AMBIGUOUS, "computer name '" + name
        + "' is ambiguous across domains; it matches " + String.join(" and ", each)
        + "; give its distinguished name or DNS host name");
  }

  private List<PasswordView> viewsOf(LapsRecord record) throws DirectoryException {
    ComputerRef computer = record.computer();
    List<PasswordView> views = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (AttributeFamily family : request.families()) {
      Optional<LapsPassword> password =
          family == AttributeFamily.LEGACY ? record.legacyPassword() : record.windowsPassword();
      password.ifPresent(p -> views.add(StoredPasswordView.of(computer, p)));
      if (family == AttributeFamily.WINDOWS) {
        views.addAll(encryptedViews(record));
      }
      if (password.isEmpty() && record.passwordHidden(family)) {
        problems.add("access denied: the bind cannot read " + hiddenCandidates(family)
            + " on '" + computer.dn() + "' (its expiry is readable, so a password is stored)");
      }
    }
    for (LapsRecord.ValueProblem problem : record.problems()) {
      if (request.families().contains(problem.attribute().family())) {
        problems.add("malformed " + problem.attribute().ldapName() + " on '" + computer.dn()
            + "': " + problem.message());
      }
    }
    if (!problems.isEmpty() && views.isEmpty()) {
      DirectoryException.Kind kind = problems.get(0).startsWith("access denied")
          ? DirectoryException.Kind.ACCESS_DENIED
          : DirectoryException.Kind.MALFORMED_VALUE;
      throw new DirectoryException(kind, String.join("; ", problems));
    }
    // Some password was shown; the other family's trouble still deserves a line.
    problems.forEach(warnings);
    malformed += (int) problems.stream().filter(p -> p.startsWith("malformed ")).count();
    if (views.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, noPassword(record));
    }
    return views;
  }

  private String noPassword(LapsRecord record) {
    boolean dsrmOnly = !request.dsrm() && request.families().contains(AttributeFamily.WINDOWS)
        && (record.has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD)
            || record.has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY));
    String family = request.families().size() == 1
        ? request.families().iterator().next().name().toLowerCase(Locale.ROOT) + " " : "";
    return "computer '" + record.computer().name() + "' (" + record.computer().dn() + ") has no "
        + family + "LAPS password"
        + (dsrmOnly ? " (it holds an encrypted DSRM password: add --dsrm)" : "");
  }

  /**
   * What a bind that sees the expiry but no password may be missing. The Windows expiry belongs
   * to both the clear-text and the encrypted value, and a bind without the read right sees
   * neither, so both are named (#13 item 3); the migration's refusal names them alike.
   */
  static String hiddenCandidates(AttributeFamily family) {
    return family == AttributeFamily.LEGACY
        ? LapsAttribute.LEGACY_PASSWORD.ldapName()
        : LapsAttribute.PASSWORD.ldapName() + " or " + LapsAttribute.ENCRYPTED_PASSWORD.ldapName();
  }

  /**
   * One view per encrypted value asked for: the current password, then its history newest
   * first, then the DSRM password and its history.
   */
  private List<PasswordView> encryptedViews(LapsRecord record) throws DirectoryException {
    List<LapsAttribute> wanted = new ArrayList<>();
    wanted.add(LapsAttribute.ENCRYPTED_PASSWORD);
    if (request.history()) {
      wanted.add(LapsAttribute.ENCRYPTED_PASSWORD_HISTORY);
    }
    if (request.dsrm()) {
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
      warnings.accept("cannot decrypt: " + decryption.whyUnavailable());
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
      if (value.status() == DecryptionStatus.MALFORMED) {
        malformed++;
      }
      if (value.status() != DecryptionStatus.UNAUTHORIZED) {
        allUnauthorized = false;
        warnings.accept("cannot decrypt " + which + " on '" + record.computer().dn() + "': "
            + value.note());
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
