package io.lapsbridge.cli;

import io.lapsbridge.console.Console;
import io.lapsbridge.console.ConsoleSettings;
import io.lapsbridge.console.TlsIdentity;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.usecase.KeySources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: the helpdesk web console and JSON API over HTTPS (docs/console.md). */
@Command(
    name = "serve",
    description = "Serve the helpdesk web console and JSON API over HTTPS. Each user signs in with their own directory account and reads with its rights; every reveal is audited.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--listen", defaultValue = "127.0.0.1:8443", description = "Address and port to serve HTTPS on (default: ${DEFAULT-VALUE}); port 0 picks a free one.")
  String listen;

  @Option(names = "--tls-cert", description = "PEM certificate chain the console serves.")
  Path tlsCert;

  @Option(names = "--tls-key", description = "Its unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY).")
  Path tlsKey;

  @Option(names = "--self-signed", description = "Serve a new self-signed certificate instead (for trials and the demo).")
  boolean selfSigned;

  @Option(names = "--audit-file", required = true, description = "JSON-lines audit log; created owner-only (0600), appended to, refused if group or others may read it.")
  Path auditFile;

  @Option(names = "--syslog", description = "Also send each audit record as RFC 5424 syslog to udp://HOST:PORT or tcp://HOST:PORT (repeatable).")
  List<String> syslog = new ArrayList<>();

  @Option(names = "--idle-timeout", defaultValue = "15m", description = "End a session after this long without a request (default: ${DEFAULT-VALUE}).")
  String idleTimeout;

  @Option(names = "--session-timeout", defaultValue = "8h", description = "End a session this long after sign-in (default: ${DEFAULT-VALUE}).")
  String sessionTimeout;

  @Option(names = "--reveals-per-minute", defaultValue = "10", description = "Reveals one user may make in any minute (default: ${DEFAULT-VALUE}).")
  int revealsPerMinute;

  @Option(names = "--expire-after-use", description = "After a reveal, move the expiry to at most now plus this grace period (such as 8h), in the family the computer uses.")
  String expireAfterUse;

  @Option(names = "--expiry-service", description = "When a user may not write the expiry, move it after use as --bind-dn (that one write only; reads never use it).")
  boolean expiryService;

  @Option(names = "--require-reason", description = "Ask for a reason with every reveal and reset; it goes into the audit record.")
  boolean requireReason;

  @Option(names = "--rpc-port", defaultValue = "${env:LAPSBRIDGE_RPC_PORT:-135}", description = "The domain controller's RPC endpoint mapper port for GetKey (default: 135; env LAPSBRIDGE_RPC_PORT).")
  int rpcPort;

  @Option(names = "--offline", description = "Do not ask a domain controller for keys (MS-GKDI GetKey); decrypt only with the KDS root keys a user may read.")
  boolean offline;

  @Override
  public Integer call() {
    if (selfSigned == (tlsCert != null || tlsKey != null)) {
      throw new UsageException("give --tls-cert and --tls-key, or --self-signed");
    }
    if (!selfSigned && (tlsCert == null || tlsKey == null)) {
      throw new UsageException("--tls-cert and --tls-key go together");
    }
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new UsageException("--listen must be HOST:PORT: '" + listen + "'");
    }
    String host = colon > 0 ? listen.substring(0, colon) : "127.0.0.1";
    ConnectionSettings directory = connection.settings();
    Optional<ConnectionSettings> service = Optional.empty();
    if (expiryService) {
      if (directory.bindDn() == null) {
        throw new UsageException("--expiry-service needs --bind-dn and its password");
      }
      service = Optional.of(directory);
    }
    ConsoleSettings settings;
    Console console;
    try {
      TlsIdentity tls = selfSigned ? TlsIdentity.selfSigned(List.of("localhost", "127.0.0.1"))
          : TlsIdentity.fromPem(tlsCert, tlsKey);
      settings = new ConsoleSettings(host.replace("[", "").replace("]", ""), port, tls,
          directory, offline ? KeySources.Online.OFF : KeySources.Online.at(rpcPort),
          Console.duration(idleTimeout, "--idle-timeout"),
          Console.duration(sessionTimeout, "--session-timeout"), revealsPerMinute,
          expireAfterUse == null ? Optional.<Duration>empty()
              : Optional.of(Console.duration(expireAfterUse, "--expire-after-use")),
          requireReason, service);
      console = Console.start(settings, auditFile, syslog, Clock.systemUTC(),
          problem -> spec.commandLine().getErr().println("lapsbridge: serve: " + problem));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (IOException e) {
      throw new CommandFailedException(ExitStatus.PROBLEM, "serve: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Console on %s (directory %s); audit log %s. Ctrl-C stops it.%n", console.url(),
        directory.endpoint(), auditFile);
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      console.close();
      stop.countDown();
    }));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitStatus.OK.code();
  }
}
