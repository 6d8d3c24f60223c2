package io.lapsbridge.cli;

import io.lapsbridge.config.SettingsException;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.embedded.StandInException;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.usecase.MirrorKeys;
import io.lapsbridge.migration.MigrationInputException;
import io.lapsbridge.policy.PolicyInputException;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.report.Visible;
import io.lapsbridge.usecase.ComputerBatch;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** An exception translated for the user: a one-line message and the exit status it earns. */
record Failure(ExitStatus status, String message) {
  Failure {
    // A message quotes names and values from the directory: one line, control characters shown.
    message = Visible.escape(message);
  }

  static Failure of(Exception exception) {
    if (exception instanceof UsageException usage) {
      return new Failure(ExitStatus.USAGE, "usage: " + usage.getMessage());
    }
    if (exception instanceof SettingsException settings) {
      return new Failure(ExitStatus.USAGE, "usage: " + settings.getMessage());
    }
    if (exception instanceof PolicyInputException input) {
      // A corrupt Registry.pol or policy file: "file:offset: error" says where to look.
      return new Failure(ExitStatus.USAGE, input.getMessage());
    }
    if (exception instanceof MigrationInputException input) {
      // A rule file, plan or journal that cannot be used: the message names file and field.
      return new Failure(ExitStatus.USAGE, input.getMessage());
    }
    if (exception instanceof CommandFailedException failed) {
      return new Failure(failed.status(), failed.getMessage());
    }
    if (exception instanceof DirectoryException directory) {
      return new Failure(statusOf(directory.kind()), directory.getMessage());
    }
    if (exception instanceof KeyFileException keyFile) {
      // A key file that exists where one is to be written, or that is missing, unreadable or
      // not a key file, is the user's to fix (exit 2); only a failed write is a problem (1).
      return new Failure(
          keyFile.kind() == KeyFileException.Kind.IO ? ExitStatus.PROBLEM : ExitStatus.USAGE,
          keyFile.getMessage());
    }
    if (exception instanceof LapsCryptoException crypto) {
      // A DC's refusal is access denied; no DC to ask is an unreachable server.
      ExitStatus status =
          switch (crypto.reason()) {
            case UNAUTHORIZED -> ExitStatus.NOT_FOUND;
            case KEY_SOURCE_UNAVAILABLE -> ExitStatus.UNREACHABLE;
            default -> ExitStatus.PROBLEM;
          };
      return new Failure(status, "cannot decrypt: " + crypto.getMessage());
    }
    if (exception instanceof MirrorKeys.UnavailableException keys) {
      // As get-password: a DC's refusal is access denied, no DC to ask is unreachable.
      return new Failure(keys.denied() ? ExitStatus.NOT_FOUND : ExitStatus.UNREACHABLE,
          "migrate: " + keys.getMessage());
    }
    if (exception instanceof PortException port) {
      return new Failure(statusOf(port.kind()), port.getMessage());
    }
    if (exception instanceof GraphException graph) {
      return new Failure(statusOf(graph.kind()), "Entra ID: " + graph.getMessage());
    }
    if (exception instanceof StandInException standIn) {
      return new Failure(ExitStatus.UNREACHABLE, "stand-in directory: " + standIn.getMessage());
    }
    // Unexpected: name the type so that a bug report is useful; the message is ours to show
    // because no layer puts secrets into exception messages.
    return new Failure(
        ExitStatus.PROBLEM,
        "internal error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
  }

  /**
   * A batch over several objects: success when none failed, the first failure's status when none
   * succeeded, and partial otherwise.
   */
  static ExitStatus statusOf(ComputerBatch.Outcome outcome) {
    if (outcome.failures().isEmpty()) {
      return ExitStatus.OK;
    }
    return outcome.succeeded() == 0
        ? of(outcome.failures().get(0)).status() : ExitStatus.PARTIAL;
  }

  /** A batch of any failures (AD or Entra), as {@link #statusOf(ComputerBatch.Outcome)}. */
  static ExitStatus statusOf(int succeeded, java.util.List<? extends Exception> failures) {
    if (failures.isEmpty()) {
      return ExitStatus.OK;
    }
    return succeeded == 0 ? of(failures.get(0)).status() : ExitStatus.PARTIAL;
  }

  /** Graph's failures, as the directory's: unreachable 3, not found or denied 5. */
  static ExitStatus statusOf(GraphException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE, AUTHENTICATION -> ExitStatus.UNREACHABLE;
      case NOT_FOUND, AMBIGUOUS, PERMISSION, NOT_MANAGED -> ExitStatus.NOT_FOUND;
      case LOCAL_INPUT -> ExitStatus.USAGE;
      case MALFORMED, REJECTED -> ExitStatus.PROBLEM;
    };
  }

  /** Prints one object's failure as one line on stderr, for a batch that goes on. */
  static Consumer<Exception> printer(PrintWriter err) {
    return exception -> {
      err.println("lapsbridge: " + of(exception).message());
      err.flush();
    };
  }

  /** Prints each note (how a name was resolved when that was not exact) as one stderr line. */
  static Consumer<String> notes(PrintWriter err) {
    return note -> {
      err.println("lapsbridge: note: " + note);
      err.flush();
    };
  }

  static ExitStatus statusOf(DirectoryException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE, TLS, BIND -> ExitStatus.UNREACHABLE;
      case SCHEMA_MISSING -> ExitStatus.SCHEMA;
      case NOT_FOUND, AMBIGUOUS, ACCESS_DENIED -> ExitStatus.NOT_FOUND;
      case MALFORMED_VALUE, REJECTED -> ExitStatus.PROBLEM;
    };
  }

  /** The agent's port failures: directory-side as above, local ones as problems. */
  static ExitStatus statusOf(PortException.Kind kind) {
    return switch (kind) {
      case DIRECTORY_UNREACHABLE -> ExitStatus.UNREACHABLE;
      case DIRECTORY_SCHEMA -> ExitStatus.SCHEMA;
      case DIRECTORY_DENIED, ACCOUNT_MISSING -> ExitStatus.NOT_FOUND;
      case DIRECTORY_REJECTED, ACCOUNT_LOCKED, LOCAL_FAILED, JOURNAL -> ExitStatus.PROBLEM;
    };
  }
}
