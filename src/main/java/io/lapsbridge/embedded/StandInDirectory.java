package io.lapsbridge.embedded;

import io.lapsbridge.embedded.gkdi.GetKeyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.InstanceLayout;
import org.apache.directory.server.core.api.InterceptorEnum;
import org.apache.directory.server.core.api.interceptor.Interceptor;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.core.partition.impl.avl.AvlPartition;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.handlers.extended.StartTlsHandler;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;
import org.apache.directory.server.protocol.shared.transport.Transport;

/**
 * An in-process ApacheDS that stands in for Active Directory: the AD-like schema and fixture DIT
 * from {@code test-ldap/}, the LAPS schema from {@code schema-ldif/}, and access control on.
 *
 * <p>Data lives in an in-memory AVL partition, which loads about five times faster than the
 * default JDBM one and leaves nothing behind but a scratch folder that {@link #close()} deletes.
 */
public final class StandInDirectory implements AutoCloseable {
  /** The ApacheDS super-user; it bypasses access control. */
  public static final String ADMIN_DN = "uid=admin,ou=system";

  public static final String ADMIN_PASSWORD = "secret";

  private final DirectoryService service;
  private final LdapServer server;
  private final Path workDirectory;
  private final StandInConfig config;
  private final StandInCertificate certificate;
  private final AtomicBoolean closed = new AtomicBoolean();

  private StandInDirectory(
      DirectoryService service,
      LdapServer server,
      Path workDirectory,
      StandInConfig config,
      StandInCertificate certificate) {
    this.service = service;
    this.server = server;
    this.workDirectory = workDirectory;
    this.config = config;
    this.certificate = certificate;
  }

  /**
   * Refuses a port that is taken before ApacheDS starts: it would log a stack trace for the
   * failed bind, and only then fail, after seconds of loading.
   */
  private static void requireFree(String host, int port) throws StandInException {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StandInException("port " + port + " on " + host + " is in use; choose another"
          + " port, or 0 for a free one", e);
    }
  }

  /** Starts the directory, loads every LDIF source in order, and opens the LDAP port. */
  public static StandInDirectory start(StandInConfig config) throws StandInException {
    requireFree(config.host(), config.port());
    requireFree(config.host(), config.ldapsPort());
    Path work;
    try {
      work = Files.createTempDirectory("lapsbridge-standin-");
    } catch (IOException e) {
      throw new StandInException("cannot create a scratch folder: " + e.getMessage(), e);
    }
    DirectoryService service = null;
    try {
      // The factory reads this property to choose the partition type for its system partition.
      System.setProperty(
          "apacheds.partition.factory",
          "org.apache.directory.server.core.factory.AvlPartitionFactory");
      DefaultDirectoryServiceFactory factory = new DefaultDirectoryServiceFactory();
      factory.init("lapsbridge-" + work.getFileName());
      service = factory.getDirectoryService();
      service.setInstanceLayout(new InstanceLayout(work.toFile()));
      service.setShutdownHookEnabled(false);
      service.getChangeLog().setEnabled(false);
      // Access control goes on only after loading: ApacheDS's ACI cache fails on schema
      // modifications made through an in-process session.
      service.setAccessControlEnabled(false);
      service.setAllowAnonymousAccess(false);

      AvlPartition partition = new AvlPartition(service.getSchemaManager(), service.getDnFactory());
      partition.setId("domain");
      partition.setSuffixDn(new Dn(service.getSchemaManager(), config.baseDn()));
      partition.initialize();
      service.addPartition(partition);

      for (LdifSource source : config.schema()) {
        apply(service, source);
      }
      installSubschemaModifyFix(service);
      service.setAccessControlEnabled(true);
      // Data goes in with access control on, so that ACI subentries reach the ACI cache.
      for (LdifSource source : config.data()) {
        apply(service, source);
      }

      StandInCertificate certificate = StandInCertificate.create(work);
      LdapServer server = new LdapServer();
      server.setServiceName("lapsbridge-standin");
      TcpTransport ldap = new TcpTransport(config.host(), config.port());
      TcpTransport ldaps = new TcpTransport(config.host(), config.ldapsPort());
      ldaps.setEnableSSL(true);
      server.setTransports(ldap, ldaps);
      server.setDirectoryService(service);
      server.setKeystoreFile(certificate.keyStore().toString());
      server.setCertificatePassword(certificate.password());
      server.addExtendedOperationHandler(new StartTlsHandler());
      // Without this ApacheDS caps ordinary users at 100 entries even with paging.
      server.setMaxSizeLimit(LdapServer.NO_SIZE_LIMIT);
      server.start();
      return new StandInDirectory(service, server, work, config, certificate);
    } catch (StandInException e) {
      shutdownQuietly(service, work);
      throw e;
    } catch (Exception e) {
      shutdownQuietly(service, work);
      throw new StandInException("the stand-in directory failed to start: " + e.getMessage(), e);
    }
  }

  /** Inserts {@link SubschemaModifyFix} right after the ACI interceptor. */
  private static void installSubschemaModifyFix(DirectoryService service) throws LdapException {
    List<Interceptor> chain = new ArrayList<>(service.getInterceptors());
    String aci = InterceptorEnum.ACI_AUTHORIZATION_INTERCEPTOR.getName();
    int position = 0;
    while (position < chain.size() && !chain.get(position).getName().equals(aci)) {
      position++;
    }
    SubschemaModifyFix fix = new SubschemaModifyFix();
    fix.init(service);
    chain.add(Math.min(position + 1, chain.size()), fix);
    // setInterceptors rebuilds the per-operation chains, which addAfter does not.
    service.setInterceptors(chain);
  }

  /** Applies one LDIF source (content or change records) as the administrator. */
  public void apply(LdifSource source) throws StandInException {
    apply(service, source);
  }

  private static void apply(DirectoryService service, LdifSource source)
      throws StandInException {
    CoreSession session = service.getAdminSession();
    List<LdifEntry> records;
    try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8));
        LdifReader ldif = new LdifReader()) {
      records = ldif.parseLdif(reader);
    } catch (IOException | LdapException e) {
      throw new StandInException(source.name() + ": cannot read LDIF: " + e.getMessage(), e);
    }
    for (LdifEntry record : records) {
      try {
        if (record.isEntry() || record.isChangeAdd()) {
          Entry entry = new DefaultEntry(service.getSchemaManager(), record.getEntry());
          session.add(entry);
        } else if (record.isChangeModify()) {
          session.modify(record.getDn(), record.getModifications());
        } else if (record.isChangeDelete()) {
          session.delete(record.getDn());
        } else {
          throw new StandInException(
              source.name() + ": unsupported change type for " + record.getDn());
        }
      } catch (LdapException e) {
        throw new StandInException(
            source.name() + ": " + record.getDn() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Adds generated computers straight through the core session, without LDIF parsing. */
  /** Adds the first {@code count} computers of {@code estate}; the first failure stops it. */
  public void addAll(SampleEstate estate, int count) throws StandInException {
    for (int i = 0; i < count; i++) {
      add(estate.computer(i));
    }
  }

  public void add(SampleEstate.Computer computer) throws StandInException {
    add(computer, java.util.Map.of());
  }

  /** {@link #add(SampleEstate.Computer)} with binary attributes such as {@code objectSid}. */
  public void add(SampleEstate.Computer computer, java.util.Map<String, byte[]> binary)
      throws StandInException {
    try {
      Entry entry = new DefaultEntry(service.getSchemaManager(), computer.dn());
      for (var attribute : computer.attributes().entrySet()) {
        entry.add(attribute.getKey(), attribute.getValue().toArray(String[]::new));
      }
      for (var attribute : binary.entrySet()) {
        entry.add(attribute.getKey(), attribute.getValue());
      }
      service.getAdminSession().add(entry);
    } catch (LdapException e) {
      throw new StandInException(computer.dn() + ": " + e.getMessage(), e);
    }
  }

  public String host() {
    return config.host();
  }

  /** The bound LDAP (and StartTLS) port, which differs from the configured one when that was 0. */
  public int port() {
    return boundPort(false);
  }

  /** The bound LDAPS port. */
  public int ldapsPort() {
    return boundPort(true);
  }

  /** The self-signed certificate that clients should trust, as a PEM file. */
  public Path certificateFile() {
    return certificate.certificate();
  }

  private int boundPort(boolean ssl) {
    // LdapServer does not keep the transports in the order they were set.
    for (Transport transport : server.getTransports()) {
      if (transport.isSSLEnabled() == ssl) {
        return ((TcpTransport) transport).getAcceptor().getLocalAddress().getPort();
      }
    }
    throw new IllegalStateException("no " + (ssl ? "LDAPS" : "LDAP") + " transport");
  }

  public String baseDn() {
    return config.baseDn();
  }

  /** The accounts, groups and domain names a GetKey server needs, read live from this directory. */
  public DirectoryPrincipals principals() {
    return new DirectoryPrincipals(service, config.baseDn());
  }

  /**
   * The stand-in domain controller's RPC side beside this directory: MS-GKDI GetKey for its
   * accounts and groups, with the fixture's root keys.
   *
   * @param epmPort the endpoint mapper's port: 0 for a free one, {@link
   *     GetKeyServer.Config#PREFER_135} for 135 when it can be bound
   */
  public GetKeyServer startGetKeyServer(int epmPort) throws IOException {
    DirectoryPrincipals principals = principals();
    return GetKeyServer.start(
        new GetKeyServer.Config(host(), epmPort, principals.netbiosDomain(),
            principals.dnsDomain(), "DC1",
            List.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY),
                KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY)),
            Clock.systemUTC(), 5840, GetKeyServer.Misbehaviour.NONE),
        principals);
  }

  /** Stops the server and deletes its scratch folder. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop();
      shutdownQuietly(service, workDirectory);
    }
  }

  private static void shutdownQuietly(DirectoryService service, Path work) {
    try {
      if (service != null && service.isStarted()) {
        service.shutdown();
      }
    } catch (Exception ignored) {
      // Best effort: the process is ending or the caller is already handling a failure.
    }
    deleteTree(work);
    // The service factory's init(name) makes its own folder, java.io.tmpdir/server-work-NAME
    // (schema partition, lock file), before the layout is pointed at ours; it goes too.
    deleteTree(work.resolveSibling("server-work-lapsbridge-" + work.getFileName()));
  }

  private static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A scratch folder under the temp directory; leaving it behind is harmless.
    }
  }

  /** Where an LDIF document comes from, named for error messages. */
  public interface LdifSource {
    String name();

    InputStream open() throws IOException;

    static LdifSource file(Path path) {
      return new LdifSource() {
        @Override
        public String name() {
          return path.toString();
        }

        @Override
        public InputStream open() throws IOException {
          return Files.newInputStream(path);
        }
      };
    }

    static LdifSource text(String name, String ldif) {
      return new LdifSource() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public InputStream open() {
          return new java.io.ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8));
        }
      };
    }
  }
}
