package io.lapsbridge.cli;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.KdsRootKeyInfo;
import io.lapsbridge.directory.KdsRootKeyStore;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.model.Sid;
import io.lapsbridge.report.KdsKeyRow;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.usecase.KdsKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kds}: the forest's KDS root keys, which every encrypted LAPS password derives from. */
@Command(
    name = "kds",
    description = "List, export and publish KDS root keys (reading key data needs a highly"
        + " privileged bind: Domain Admins or Enterprise Admins).",
    subcommands = {KdsCommand.ListKeys.class, KdsCommand.Export.class, KdsCommand.PublicKey.class})
final class KdsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a kds command is required");
  }

  /** {@code kds list}: metadata only, never key data. */
  @Command(name = "list", description = "Show the KDS root keys' metadata (never the key data).")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws DirectoryException {
      List<KdsRootKeyInfo> keys;
      try (LapsDirectory directory = connection.open()) {
        keys = KdsRootKeyStore.of(directory).list();
      }
      if (keys.isEmpty()) {
        throw new CommandFailedException(
            ExitStatus.NOT_FOUND, "no KDS root keys found (is this bind allowed to see them?)");
      }
      format.print(spec.commandLine().getOut(), keys.stream().map(KdsKeyRow::of).toList(),
          KdsKeyRow::printTable);
      return ExitStatus.OK.code();
    }
  }

  /** {@code kds export}: every root key, for offline decryption. */
  @Command(
      name = "export",
      description = "Write every KDS root key to a new file (mode 0600) for offline decryption"
          + " with --kds-key-file. The file is equivalent to every encrypted password of the"
          + " forest.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--out", required = true, description = "The file to create; an existing file is never replaced.")
    Path out;

    @Option(names = "--dry-run", description = "Read the keys and report, but write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws DirectoryException, KeyFileException {
      PrintWriter err = spec.commandLine().getErr();
      if (!dryRun) {
        KdsKeys.requireAbsent(out);
      }
      int written;
      try (LapsDirectory directory = connection.open()) {
        written = KdsKeys.export(directory, out, dryRun, Instant.now());
      }
      err.println(dryRun
          ? "lapsbridge: dry run: would write " + written + " KDS root key(s) to " + out
          : "lapsbridge: wrote " + written + " KDS root key(s) to " + out + " (mode 0600)");
      err.println("lapsbridge: warning: " + KdsKeyFile.WARNING);
      err.flush();
      return ExitStatus.OK.code();
    }
  }

  /** {@code kds public-key}: the non-secret file agents and migration encrypt with. */
  @Command(
      name = "public-key",
      description = "Write the group public key of one root key, interval and principal: not"
          + " secret; agents and migration encrypt with it without any secret material.")
  static final class PublicKey implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--out", required = true, description = "The file to create; an existing file is never replaced.")
    Path out;

    @Option(names = "--sid", required = true, description = "The principal allowed to decrypt (ADPasswordEncryptionPrincipal), as S-1-...; Windows' default is the domain's Domain Admins (RID 512).")
    String sid;

    @Option(names = "--root-key", description = "The root key GUID; default is the newest key whose UseStartTime has passed, as Windows chooses.")
    UUID rootKey;

    @Option(names = "--at", description = "The time whose GKDI interval to use, ISO-8601 UTC (default: now).")
    String at;

    @Option(names = "--forest", description = "The DNS forest name (default: the domain).")
    String forest;

    @Option(names = "--dry-run", description = "Derive the key and report, but write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws DirectoryException, KeyFileException {
      if (!Sid.isValid(sid)) {
        throw new UsageException("--sid '" + sid + "' is not a SID in S-1-... form");
      }
      Instant when = at == null ? Instant.now() : TimeOption.parse("--at", at);
      if (!dryRun) {
        KdsKeys.requireAbsent(out);
      }
      KdsKeys.Published published;
      try (LapsDirectory directory = connection.open()) {
        // The shared --domain (the first, if several) names the domain of the key identifiers.
        String domain = connection.domain == null ? null
            : connection.domain.split(",", -1)[0].strip();
        String domainName = domain != null ? domain : directory.dnsDomainName().orElseThrow(
            () -> new UsageException("the base DN '" + directory.baseDn()
                + "' has no DC= parts; give --domain"));
        published = KdsKeys.publishPublicKey(directory, new KdsKeys.PublicKeyRequest(sid,
            Optional.ofNullable(rootKey), when, domainName, forest != null ? forest : domainName),
            out, dryRun, Instant.now());
      }
      GkdiInterval interval = published.interval();
      PrintWriter err = spec.commandLine().getErr();
      err.println("lapsbridge: " + (dryRun ? "dry run: would write" : "wrote")
          + " the group public key of root key " + published.rootKey()
          + " for SID=" + sid + ", interval (" + interval.l0() + ", " + interval.l1() + ", "
          + interval.l2() + ") starting " + interval.start().toInstant() + ", to " + out);
      err.flush();
      return ExitStatus.OK.code();
    }
  }
}
