package io.lapsbridge.usecase;

import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.report.EntraPasswordView;
import io.lapsbridge.report.PasswordView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code get-password --directory entra|auto} (#16): a device's passwords from Entra ID by name or
 * {@code deviceId}, or, with {@code auto}, from AD first and from Entra ID when AD has no such
 * computer or no password for it, saying where each was found. One device's failure never stops
 * the rest.
 */
public final class EntraPasswords {
  private EntraPasswords() {}

  /**
   * What was found.
   *
   * @param views the rows to print, in the order of the names
   * @param succeeded how many names were shown
   * @param failures each name's failure (a {@link DirectoryException} or {@link GraphException})
   * @param undecrypted AD values that could not be decrypted (see {@link LookUpPasswords})
   * @param allUnauthorized whether those all failed for want of a key
   */
  public record Result(List<PasswordView> views, int succeeded, List<Exception> failures,
      int undecrypted, boolean allUnauthorized) {
    public Result {
      views = List.copyOf(views);
      failures = List.copyOf(failures);
    }

    public boolean anyPasswordShown() {
      return views.stream().anyMatch(v -> v.password() != null);
    }
  }

  /** Entra ID only. */
  public static Result fromEntra(EntraDirectory entra, List<String> names, boolean history,
      Consumer<? super Exception> failures) throws GraphException {
    List<PasswordView> views = new ArrayList<>();
    List<Exception> failed = new ArrayList<>();
    int succeeded = 0;
    for (String name : names) {
      try {
        views.addAll(read(entra, name, history, null));
        succeeded++;
      } catch (GraphException e) {
        stopIfUnreachable(e);
        failed.add(e);
        failures.accept(e);
      } catch (Withheld withheld) {
        views.add(withheld.view);
        failed.add(withheld.failure);
        failures.accept(withheld.failure);
      }
    }
    return new Result(views, succeeded, failed, 0, true);
  }

  /**
   * AD first, then Entra ID for a name AD does not know or holds no password for. {@code notes}
   * hears where each name was found.
   */
  public static Result fromEither(LapsDirectory directory, KeySource keys, EntraDirectory entra,
      List<String> names, LookUpPasswords.Request request, Consumer<String> warnings,
      Consumer<? super Exception> failures, Consumer<String> notes)
      throws DirectoryException, GraphException {
    List<PasswordView> views = new ArrayList<>();
    List<Exception> failed = new ArrayList<>();
    int succeeded = 0;
    int undecrypted = 0;
    boolean allUnauthorized = true;
    for (String name : names) {
      List<DirectoryException> adFailure = new ArrayList<>();
      LookUpPasswords.Result ad = LookUpPasswords.run(directory, keys, List.of(name), request,
          warnings, adFailure::add, notes);
      if (ad.batch().succeeded() == 1) {
        views.addAll(ad.views());
        undecrypted += ad.undecrypted();
        allUnauthorized &= ad.allUnauthorized();
        succeeded++;
        notes.accept("'" + name + "' found in Active Directory");
        continue;
      }
      DirectoryException inAd = adFailure.get(0);
      if (inAd.kind() != DirectoryException.Kind.NOT_FOUND) {
        failed.add(inAd);
        failures.accept(inAd);
        continue;
      }
      try {
        views.addAll(read(entra, name, request.history(), null));
        succeeded++;
        notes.accept("'" + name + "' found in Entra ID (Active Directory: " + inAd.getMessage()
            + ")");
      } catch (GraphException e) {
        stopIfUnreachable(e);
        Exception both = e.kind() == GraphException.Kind.NOT_FOUND
            ? new GraphException(GraphException.Kind.NOT_FOUND, "'" + name + "' has no LAPS"
                + " password in either directory: Active Directory: " + inAd.getMessage()
                + "; Entra ID: " + e.getMessage())
            : e;
        failed.add(both);
        failures.accept(both);
      } catch (Withheld withheld) {
        views.add(withheld.view);
        failed.add(withheld.failure);
        failures.accept(withheld.failure);
        notes.accept("'" + name + "' found in Entra ID (Active Directory: " + inAd.getMessage()
            + ")");
      }
    }
    return new Result(views, succeeded, failed, undecrypted, allUnauthorized);
  }

  /** Passwords withheld: the metadata view is still shown, and the name counts as failed. */
  private static final class Withheld extends Exception {
    private static final long serialVersionUID = 1L;
    final transient EntraPasswordView view;
    final GraphException failure;

    Withheld(EntraPasswordView view, GraphException failure) {
      super(failure.getMessage());
      this.view = view;
      this.failure = failure;
    }
  }

  private static List<EntraPasswordView> read(EntraDirectory entra, String name, boolean history,
      String note) throws GraphException, Withheld {
    EntraDirectory.CredentialRead read = entra.read(name);
    if (read.withheld() != null) {
      throw new Withheld(EntraPasswordView.metadataOnly(read.credentials().summary(),
          read.withheld()), new GraphException(GraphException.Kind.PERMISSION, "Entra device '"
              + read.credentials().deviceName() + "' (" + read.credentials().deviceId()
              + "): metadata only: " + read.withheld()));
    }
    try {
      if (read.credentials().credentials().isEmpty()) {
        throw new GraphException(GraphException.Kind.NOT_FOUND, "Entra device '"
            + read.credentials().deviceName() + "' (" + read.credentials().deviceId()
            + ") has no backed-up password");
      }
      return EntraPasswordView.of(read.credentials(), history, note);
    } finally {
      read.credentials().wipe();
    }
  }

  private static void stopIfUnreachable(GraphException e) throws GraphException {
    // Like an unreachable directory: nothing after it can succeed.
    if (e.kind() == GraphException.Kind.UNREACHABLE
        || e.kind() == GraphException.Kind.AUTHENTICATION
        || e.kind() == GraphException.Kind.LOCAL_INPUT) {
      throw e;
    }
  }
}
