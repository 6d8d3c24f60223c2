package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
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

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() throws DirectoryException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BatchOutcome outcome = new BatchOutcome();
    List<Map<String, Object>> views = new ArrayList<>();
    try (LapsDirectory directory = connection.open()) {
      for (String name : computers) {
        try {
          ComputerRef computer = directory.locate(name);
          views.addAll(viewsOf(directory.read(computer)));
          outcome.success();
        } catch (DirectoryException e) {
          if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
            throw e;
          }
          outcome.failure(err, e);
        }
      }
    }
    if (format == OutputFormat.JSON) {
      out.println(Json.write(views));
    } else {
      printText(out, views);
    }
    out.flush();
    return outcome.status().code();
  }

  private List<Map<String, Object>> viewsOf(LapsRecord record) throws DirectoryException {
    ComputerRef computer = record.computer();
    List<Map<String, Object>> views = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (AttributeFamily family : source.families()) {
      Optional<LapsPassword> password =
          family == AttributeFamily.LEGACY ? record.legacyPassword() : record.windowsPassword();
      password.ifPresent(p -> views.add(view(computer, p)));
      if (family == AttributeFamily.WINDOWS && record.has(LapsAttribute.ENCRYPTED_PASSWORD)) {
        views.add(encryptedView(record));
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
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND,
          "computer '" + computer.name() + "' (" + computer.dn() + ") has no "
              + (source == FamilyChoice.ALL ? "" : source.name().toLowerCase(java.util.Locale.ROOT) + " ")
              + "LAPS password");
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
    return view;
  }

  private static Map<String, Object> encryptedView(LapsRecord record) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("computer", record.computer().name());
    view.put("dn", record.computer().dn());
    view.put("account", null);
    view.put("password", null);
    view.put("passwordUpdateTime", null);
    view.put("expiration", iso(record.windowsExpiration().map(f -> f.toInstant()).orElse(null)));
    view.put("source", PasswordSource.WINDOWS_ENCRYPTED.displayName());
    view.put("note", "encrypted password present; decryption is not supported yet");
    return view;
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
