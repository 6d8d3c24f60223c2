package io.lapsbridge.embedded.gkdi;

import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.dce.DceServerSession;
import io.lapsbridge.rpc.dce.RpcInterfaceHandler;
import io.lapsbridge.rpc.gkdi.GetKeyRequest;
import io.lapsbridge.rpc.ntlm.NtlmAcceptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stand-in domain controller's RPC side: the endpoint mapper on {@link #epmPort()} and ISDKey
 * on {@link #isdKeyPort()} (both interfaces are served on both ports, which Windows also
 * tolerates), one thread per connection. Loopback by default.
 */
public final class GetKeyServer implements AutoCloseable {
  /** Fault injection for the client's tests. */
  public enum Misbehaviour {
    NONE,
    /** Close the connection when a GetKey arrives, without answering. */
    DROP_ON_GETKEY,
    /** Answer every GetKey with a fault PDU. */
    FAULT_ON_GETKEY
  }

  /**
   * How to run.
   *
   * @param epmPort the endpoint mapper's port; 0 for a free one, {@link #PREFER_135} for 135 when
   *     it can be bound and a free port otherwise
   * @param maxResponseFragment response fragments are cut to this size (tests force small ones)
   */
  public record Config(
      String host,
      int epmPort,
      String netbiosDomain,
      String dnsDomain,
      String computerName,
      List<KdsRootKey> rootKeys,
      Clock clock,
      int maxResponseFragment,
      Misbehaviour misbehaviour) {
    public static final int PREFER_135 = -1;

    public Config {
      rootKeys = List.copyOf(rootKeys);
    }

    /** Loopback, a free port, the fixture domain EXAMPLE / example.com, the real clock. */
    public static Config loopback(List<KdsRootKey> rootKeys) {
      return new Config(
          "127.0.0.1", 0, "EXAMPLE", "example.com", "DC1", rootKeys, Clock.systemUTC(), 5840,
          Misbehaviour.NONE);
    }

    public Config withEpmPort(int port) {
      return new Config(host, port, netbiosDomain, dnsDomain, computerName, rootKeys, clock,
          maxResponseFragment, misbehaviour);
    }

    public Config withClock(Clock newClock) {
      return new Config(host, epmPort, netbiosDomain, dnsDomain, computerName, rootKeys, newClock,
          maxResponseFragment, misbehaviour);
    }

    public Config withMaxResponseFragment(int size) {
      return new Config(host, epmPort, netbiosDomain, dnsDomain, computerName, rootKeys, clock,
          size, misbehaviour);
    }

    public Config withMisbehaviour(Misbehaviour m) {
      return new Config(host, epmPort, netbiosDomain, dnsDomain, computerName, rootKeys, clock,
          maxResponseFragment, m);
    }
  }

  private final Config config;
  private final PrincipalDirectory principals;
  private final ServerSocket epm;
  private final ServerSocket isdKey;
  private final IsdKeyService service;
  private final List<RpcInterfaceHandler> handlers;
  private final ExecutorService threads;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  private GetKeyServer(Config config, PrincipalDirectory principals, ServerSocket epm,
      ServerSocket isdKey) throws IOException {
    this.config = config;
    this.principals = principals;
    this.epm = epm;
    this.isdKey = isdKey;
    this.service =
        new IsdKeyService(config.rootKeys(), principals, config.dnsDomain(), config.clock(),
            config.misbehaviour());
    byte[] address = InetAddress.getByName(config.host()).getAddress();
    this.handlers =
        List.of(
            new EndpointMapperService(GetKeyRequest.ISDKEY, isdKey::getLocalPort,
                address.length == 4 ? address : new byte[4]),
            service);
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "lapsbridge-getkey");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Binds both ports and starts serving.
   *
   * @throws IOException when a port cannot be bound (a configured port that is taken)
   */
  public static GetKeyServer start(Config config, PrincipalDirectory principals)
      throws IOException {
    ServerSocket epm = null;
    try {
      epm = bind(config.host(), config.epmPort());
      ServerSocket isdKey = bind(config.host(), 0);
      GetKeyServer server = new GetKeyServer(config, principals, epm, isdKey);
      server.threads.execute(() -> server.acceptLoop(server.epm));
      server.threads.execute(() -> server.acceptLoop(server.isdKey));
      return server;
    } catch (IOException e) {
      if (epm != null) {
        try {
          epm.close();
        } catch (IOException ignored) {
          // Failing already.
        }
      }
      throw new IOException("the GetKey server could not listen: " + e.getMessage(), e);
    }
  }

  private static ServerSocket bind(String host, int port) throws IOException {
    if (port == Config.PREFER_135) {
      try {
        return bind(host, 135);
      } catch (IOException e) {
        return bind(host, 0); // not root, or taken (a Samba DC's RPC service, for one)
      }
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(host, port));
    return s;
  }

  private void acceptLoop(ServerSocket listener) {
    while (!closed.get()) {
      try {
        Socket socket = listener.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    String peer = socket.getRemoteSocketAddress().toString();
    open.add(socket);
    try (socket) {
      socket.setSoTimeout(60_000);
      new DceServerSession(
              socket.getInputStream(), socket.getOutputStream(), handlers, this::acceptor,
              new DceServerSession.Options(
                  Integer.toString(isdKey.getLocalPort()), config.maxResponseFragment()),
              peer)
          .run();
    } catch (IOException | RpcException e) {
      // The client went away or sent garbage; a DC drops such a connection too.
    } finally {
      open.remove(socket);
    }
  }

  /** Closes every client connection, as a DC does with idle ones (for the client's tests). */
  public void dropConnections() {
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
  }

  private NtlmAcceptor acceptor() {
    return new NtlmAcceptor(
        (user, domain) -> ourDomain(domain)
            ? principals.find(user).map(Principal::ntHash)
            : Optional.empty(),
        new NtlmAcceptor.ServerNames(
            config.netbiosDomain(), config.computerName(), config.dnsDomain(),
            config.computerName().toLowerCase(Locale.ROOT) + "." + config.dnsDomain()),
        random, config.clock());
  }

  private boolean ourDomain(String domain) {
    return domain.equalsIgnoreCase(config.netbiosDomain())
        || domain.equalsIgnoreCase(config.dnsDomain());
  }

  public String host() {
    return config.host();
  }

  public int epmPort() {
    return epm.getLocalPort();
  }

  public int isdKeyPort() {
    return isdKey.getLocalPort();
  }

  /** How many GetKey calls arrived, for tests that count round trips. */
  public int getKeyCalls() {
    return service.calls();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        epm.close();
        isdKey.close();
      } catch (IOException ignored) {
        // Closing listeners is best effort.
      }
      threads.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "GetKeyServer[" + config.host() + ", epm " + epmPort() + ", ISDKey " + isdKeyPort()
        + "]";
  }
}
