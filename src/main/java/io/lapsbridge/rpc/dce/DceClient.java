package io.lapsbridge.rpc.dce;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.ntlm.NtlmInitiator;
import io.lapsbridge.rpc.ntlm.NtlmSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One client association over TCP ({@code ncacn_ip_tcp}): bind to one interface, optionally with
 * NTLM at packet privacy (NEGOTIATE in bind, CHALLENGE in bind_ack, AUTHENTICATE in auth3), then
 * calls whose requests are fragmented to the server's size and whose responses are reassembled.
 * Not thread-safe.
 */
public final class DceClient implements AutoCloseable {
  /** What we offer for both directions; Windows uses the same. */
  static final int OUR_MAX_FRAGMENT = 5840;

  private static final int CONTEXT_ID = 0;
  /** Any value works; it only has to stay the same for the association. */
  private static final int AUTH_CONTEXT_ID = 0x4C42; // "LB"

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String peer;
  private int nextCallId = 1;
  private int maxXmit = Pdu.MIN_FRAGMENT;
  private NtlmSession session;
  private boolean bound;

  private DceClient(Socket socket, String peer) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.peer = peer;
  }

  /** Opens the TCP connection; an unreachable port is {@link RpcException.Kind#UNREACHABLE}. */
  public static DceClient connect(
      String host, int port, Duration connectTimeout, Duration readTimeout) throws RpcException {
    String peer = host + ":" + port;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) readTimeout.toMillis());
      socket.setTcpNoDelay(true);
      return new DceClient(socket, peer);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new RpcException(
          RpcException.Kind.UNREACHABLE,
          "no answer from " + peer + " within " + connectTimeout.toMillis() + " ms", e);
    } catch (IOException | IllegalArgumentException e) {
      closeQuietly(socket);
      throw new RpcException(
          RpcException.Kind.UNREACHABLE, "cannot connect to " + peer + ": " + e.getMessage(), e);
    }
  }

  /** Binds to {@code iface} over NDR; with {@code ntlm}, authenticates at packet privacy. */
  public void bind(SyntaxId iface, Optional<NtlmInitiator> ntlm) throws RpcException {
    if (bound) {
      throw new IllegalStateException("already bound");
    }
    int callId = nextCallId++;
    Optional<AuthTrailer> auth =
        ntlm.map(
            n -> {
              byte[] negotiate = n.negotiate();
              return new AuthTrailer(
                  AuthTrailer.TYPE_NTLM, AuthTrailer.LEVEL_PRIVACY, 0, AUTH_CONTEXT_ID,
                  negotiate);
            });
    Pdu.Bind bind =
        new Pdu.Bind(
            false, Pdu.FIRST_FRAG | Pdu.LAST_FRAG | Pdu.SUPPORT_HEADER_SIGN, callId,
            OUR_MAX_FRAGMENT, OUR_MAX_FRAGMENT, 0,
            List.of(new Pdu.ContextElement(CONTEXT_ID, iface, List.of(SyntaxId.NDR))), auth);
    Framing.write(out, bind.encode(), peer);
    Pdu reply = Pdu.parse(Framing.read(in, peer));
    if (reply instanceof Pdu.BindNak nak) {
      if (nak.reason() == Pdu.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED) {
        throw new RpcException(
            RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED,
            peer + " refused NTLM for " + iface + " (it may accept only Kerberos)");
      }
      throw new RpcException(
          RpcException.Kind.PROTOCOL, peer + " refused the bind to " + iface + " (reason "
              + nak.reason() + ")");
    }
    if (!(reply instanceof Pdu.BindAck ack) || ack.alter() || ack.callId() != callId) {
      throw new RpcException(
          RpcException.Kind.PROTOCOL, peer + " answered the bind with " + describe(reply));
    }
    if (ack.results().size() != 1
        || ack.results().get(0).result() != Pdu.ContextResult.ACCEPTANCE) {
      throw new RpcException(
          RpcException.Kind.PROTOCOL, peer + " does not offer interface " + iface + " over NDR");
    }
    maxXmit = Math.max(Pdu.MIN_FRAGMENT, Math.min(ack.maxRecv(), OUR_MAX_FRAGMENT));
    if (ntlm.isPresent()) {
      AuthTrailer challenge =
          ack.auth()
              .orElseThrow(
                  () ->
                      new RpcException(
                          RpcException.Kind.PROTOCOL,
                          peer + " accepted the bind without answering NTLM"));
      byte[] authenticate = ntlm.get().authenticate(challenge.value());
      Pdu.Auth3 auth3 =
          new Pdu.Auth3(
              callId,
              Optional.of(
                  new AuthTrailer(
                      AuthTrailer.TYPE_NTLM, AuthTrailer.LEVEL_PRIVACY, 0, AUTH_CONTEXT_ID,
                      authenticate)));
      Framing.write(out, auth3.encode(), peer);
      session = ntlm.get().session();
    }
    bound = true;
  }

  /** Calls {@code opnum} and returns the response stub (reassembled and unsealed). */
  public byte[] call(int opnum, byte[] stub) throws RpcException {
    if (!bound) {
      throw new IllegalStateException("bind first");
    }
    int callId = nextCallId++;
    for (byte[] fragment : requestFragments(callId, opnum, stub)) {
      Framing.write(out, fragment, peer);
    }
    ByteArrayOutputStream assembled = new ByteArrayOutputStream();
    boolean first = true;
    while (true) {
      byte[] frame = Framing.read(in, peer);
      Pdu.Frames.Header h = Pdu.Frames.header(frame);
      if (h.type() == Pdu.RESPONSE && session != null) {
        Privacy.unseal(frame, session);
      }
      Pdu pdu = Pdu.parse(frame);
      if (pdu.callId() != callId) {
        throw new RpcException(
            RpcException.Kind.PROTOCOL,
            peer + " answered call " + pdu.callId() + " while call " + callId + " was pending");
      }
      if (pdu instanceof Pdu.Fault fault) {
        throw Faults.toException(fault.status(), peer, opnum);
      }
      if (!(pdu instanceof Pdu.Response response)) {
        throw new RpcException(
            RpcException.Kind.PROTOCOL, peer + " answered a request with " + describe(pdu));
      }
      if (first != ((response.flags() & Pdu.FIRST_FRAG) != 0)) {
        throw new RpcException(RpcException.Kind.PROTOCOL, peer + " sent fragments out of order");
      }
      if (session != null && response.auth().isEmpty()) {
        throw new RpcException(
            RpcException.Kind.INTEGRITY, peer + " sent an unsealed response on a sealed binding");
      }
      byte[] part = response.stub();
      if (assembled.size() + part.length > MAX_STUB) {
        throw RpcException.malformed("response stub exceeds " + MAX_STUB + " bytes");
      }
      assembled.write(part, 0, part.length);
      first = false;
      if ((response.flags() & Pdu.LAST_FRAG) != 0) {
        return assembled.toByteArray();
      }
    }
  }

  /** A ceiling on a reassembled stub: GKDI envelopes are under 2 KB, tower lists smaller. */
  static final int MAX_STUB = 1 << 20;

  private List<byte[]> requestFragments(int callId, int opnum, byte[] stub) {
    int overhead =
        Pdu.STUB_OFFSET
            + (session == null
                ? 0
                : Privacy.STUB_ALIGN - 1 + AuthTrailer.LENGTH + NtlmSession.SIGNATURE_LENGTH);
    int chunk = (maxXmit - overhead) / Privacy.STUB_ALIGN * Privacy.STUB_ALIGN;
    List<byte[]> fragments = new ArrayList<>();
    int off = 0;
    do {
      int n = Math.min(chunk, stub.length - off);
      byte[] part = Arrays.copyOfRange(stub, off, off + n);
      int flags = (off == 0 ? Pdu.FIRST_FRAG : 0) | (off + n == stub.length ? Pdu.LAST_FRAG : 0);
      Optional<AuthTrailer> auth =
          session == null ? Optional.empty() : Privacy.trailer(n, AUTH_CONTEXT_ID);
      byte[] frame =
          new Pdu.Request(flags, callId, stub.length, CONTEXT_ID, opnum, part, auth).encode();
      fragments.add(session == null ? frame : Privacy.seal(frame, session));
      off += n;
    } while (off < stub.length);
    return fragments;
  }

  private static String describe(Pdu pdu) {
    return pdu.getClass().getSimpleName() + " (call " + pdu.callId() + ")";
  }

  @Override
  public void close() {
    if (session != null) {
      session.destroy();
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is best effort; the exchange has already ended.
    }
  }

  @Override
  public String toString() {
    return "DceClient[" + peer + (session == null ? "" : ", sealed") + "]";
  }
}
