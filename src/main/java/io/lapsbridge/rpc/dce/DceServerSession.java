package io.lapsbridge.rpc.dce;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.dce.RpcInterfaceHandler.Caller;
import io.lapsbridge.rpc.dce.RpcInterfaceHandler.Reply;
import io.lapsbridge.rpc.ntlm.NtlmAcceptor;
import io.lapsbridge.rpc.ntlm.NtlmSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server side of one connection, as a Windows RPC runtime behaves for what GetKey needs:
 * bind (with NTLM's first two legs), auth3, alter_context, fragmented requests, sealed
 * responses fragmented to {@code maxResponseFragment}, and faults. After a failed auth3 every
 * request is answered with fault 5 (access denied), as Windows does. A PDU whose auth type,
 * level or context differs from the bind's is refused. Runs until the peer closes.
 */
public final class DceServerSession {
  /** How the session is configured. */
  public record Options(String secondaryAddress, int maxResponseFragment) {
    public Options {
      if (maxResponseFragment < 64) {
        throw new IllegalArgumentException("response fragments need at least 64 bytes");
      }
    }
  }

  private final InputStream in;
  private final OutputStream out;
  private final Map<java.util.UUID, RpcInterfaceHandler> handlers = new HashMap<>();
  private final Supplier<NtlmAcceptor> acceptors;
  private final Options options;
  private final String peer;
  private final Map<Integer, RpcInterfaceHandler> contexts = new HashMap<>();
  private NtlmAcceptor acceptor;
  private AuthTrailer boundAuth;
  private NtlmSession session;
  private Caller caller = Caller.ANONYMOUS;
  private boolean authFailed;
  private int clientMaxRecv = Pdu.MIN_FRAGMENT;

  public DceServerSession(
      InputStream in,
      OutputStream out,
      List<RpcInterfaceHandler> offered,
      Supplier<NtlmAcceptor> acceptors,
      Options options,
      String peer) {
    this.in = in;
    this.out = out;
    for (RpcInterfaceHandler h : offered) {
      handlers.put(h.syntax().uuid(), h);
    }
    this.acceptors = acceptors;
    this.options = options;
    this.peer = peer;
  }

  /** Serves until the client closes; throws on a malformed PDU or a broken connection. */
  public void run() throws RpcException {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int pendingCall = -1;
    while (true) {
      byte[] frame = Framing.readOrEnd(in, peer);
      if (frame == null) {
        return;
      }
      Pdu.Frames.Header h = Pdu.Frames.header(frame);
      if (h.type() == Pdu.REQUEST) {
        Optional<Integer> fault = unsealRequest(frame, h);
        Pdu.Request request = (Pdu.Request) Pdu.parse(frame);
        if (fault.isPresent()) {
          send(new Pdu.Fault(Pdu.FIRST_FRAG | Pdu.LAST_FRAG, h.callId(), 0, fault.get()));
          pending.reset();
          continue;
        }
        if ((request.flags() & Pdu.FIRST_FRAG) != 0) {
          pending.reset();
          pendingCall = request.callId();
        } else if (request.callId() != pendingCall) {
          throw new RpcException(RpcException.Kind.PROTOCOL, peer + " interleaved calls");
        }
        byte[] part = request.stub();
        if (pending.size() + part.length > DceClient.MAX_STUB) {
          throw RpcException.malformed("request stub exceeds " + DceClient.MAX_STUB + " bytes");
        }
        pending.write(part, 0, part.length);
        if ((request.flags() & Pdu.LAST_FRAG) != 0) {
          if (!answer(request, pending.toByteArray())) {
            return;
          }
          pending.reset();
        }
        continue;
      }
      Pdu pdu = Pdu.parse(frame);
      if (pdu instanceof Pdu.Bind bind) {
        send(bind(bind));
      } else if (pdu instanceof Pdu.Auth3 auth3) {
        completeAuthentication(auth3);
      } else {
        send(new Pdu.Fault(Pdu.FIRST_FRAG | Pdu.LAST_FRAG, h.callId(), 0, Pdu.Fault.PROTOCOL_ERROR));
        return;
      }
    }
  }

  private Pdu bind(Pdu.Bind bind) throws RpcException {
    Optional<AuthTrailer> replyAuth = Optional.empty();
    if (!bind.alter() && bind.auth().isPresent()) {
      AuthTrailer auth = bind.auth().get();
      if (auth.type() != AuthTrailer.TYPE_NTLM) {
        return new Pdu.BindNak(bind.callId(), Pdu.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED);
      }
      acceptor = acceptors.get();
      byte[] challenge;
      try {
        challenge = acceptor.challenge(auth.value());
      } catch (RpcException e) {
        return new Pdu.BindNak(bind.callId(), Pdu.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED);
      }
      boundAuth = auth;
      replyAuth =
          Optional.of(new AuthTrailer(auth.type(), auth.level(), 0, auth.contextId(), challenge));
    }
    List<Pdu.ContextResult> results = new ArrayList<>();
    for (Pdu.ContextElement c : bind.contexts()) {
      RpcInterfaceHandler handler = handlers.get(c.abstractSyntax().uuid());
      boolean ndr = c.transfer().contains(SyntaxId.NDR);
      if (handler == null || handler.syntax().major() != c.abstractSyntax().major()) {
        results.add(new Pdu.ContextResult(Pdu.ContextResult.PROVIDER_REJECTION, 1, nil()));
      } else if (!ndr) {
        results.add(new Pdu.ContextResult(Pdu.ContextResult.PROVIDER_REJECTION, 2, nil()));
      } else {
        contexts.put(c.id(), handler);
        results.add(new Pdu.ContextResult(Pdu.ContextResult.ACCEPTANCE, 0, SyntaxId.NDR));
      }
    }
    clientMaxRecv = Math.max(Pdu.MIN_FRAGMENT, bind.maxRecv());
    int max = Math.min(bind.maxXmit(), DceClient.OUR_MAX_FRAGMENT);
    return new Pdu.BindAck(
        bind.alter(), Pdu.FIRST_FRAG | Pdu.LAST_FRAG, bind.callId(), max, max, 0x1234_5678,
        options.secondaryAddress(), results, replyAuth);
  }

  private void completeAuthentication(Pdu.Auth3 auth3) throws RpcException {
    if (acceptor == null || auth3.auth().isEmpty() || !auth3.auth().get().sameContext(boundAuth)) {
      authFailed = true;
      return;
    }
    try {
      NtlmAcceptor.Accepted accepted = acceptor.accept(auth3.auth().get().value());
      session = accepted.session();
      caller = new Caller(accepted.user(), accepted.domain(), true);
    } catch (RpcException e) {
      // Windows does not answer auth3; the next request gets fault 5.
      authFailed = true;
    }
  }

  /** Unseals in place; returns the fault status to send instead, if any. */
  private Optional<Integer> unsealRequest(byte[] frame, Pdu.Frames.Header h) throws RpcException {
    if (authFailed) {
      return Optional.of(Pdu.Fault.ACCESS_DENIED);
    }
    if (h.authLength() == 0) {
      return Optional.empty();
    }
    AuthTrailer auth = Pdu.parse(frame).auth().orElseThrow();
    if (boundAuth == null || !auth.sameContext(boundAuth) || session == null) {
      return Optional.of(Pdu.Fault.ACCESS_DENIED);
    }
    try {
      Privacy.unseal(frame, session);
    } catch (RpcException e) {
      return Optional.of(Pdu.Fault.ACCESS_DENIED);
    }
    return Optional.empty();
  }

  /** Runs the call and sends the answer; false when the connection is to be dropped. */
  private boolean answer(Pdu.Request request, byte[] stub) throws RpcException {
    RpcInterfaceHandler handler = contexts.get(request.contextId());
    int done = Pdu.FIRST_FRAG | Pdu.LAST_FRAG;
    if (handler == null) {
      send(new Pdu.Fault(done, request.callId(), request.contextId(), Pdu.Fault.UNKNOWN_INTERFACE));
      return true;
    }
    boolean withPrivacy = session != null && request.auth().isPresent();
    if (handler.requiresPrivacy() && !withPrivacy) {
      send(new Pdu.Fault(done, request.callId(), request.contextId(), Pdu.Fault.AUTHN_LEVEL_REFUSED));
      return true;
    }
    Reply reply = handler.invoke(request.opnum(), stub, withPrivacy ? caller : Caller.ANONYMOUS);
    if (reply instanceof Reply.Drop) {
      return false;
    }
    if (reply instanceof Reply.Fault fault) {
      send(new Pdu.Fault(done, request.callId(), request.contextId(), fault.status()));
      return true;
    }
    byte[] out = ((Reply.Stub) reply).bytes();
    int limit = Math.min(options.maxResponseFragment(), clientMaxRecv);
    int overhead =
        Pdu.STUB_OFFSET
            + (withPrivacy
                ? Privacy.STUB_ALIGN - 1 + AuthTrailer.LENGTH + NtlmSession.SIGNATURE_LENGTH
                : 0);
    int chunk = Math.max(Privacy.STUB_ALIGN, (limit - overhead) / Privacy.STUB_ALIGN * Privacy.STUB_ALIGN);
    int off = 0;
    do {
      int n = Math.min(chunk, out.length - off);
      byte[] part = java.util.Arrays.copyOfRange(out, off, off + n);
      int flags = (off == 0 ? Pdu.FIRST_FRAG : 0) | (off + n == out.length ? Pdu.LAST_FRAG : 0);
      Optional<AuthTrailer> auth =
          withPrivacy ? Privacy.trailer(n, boundAuth.contextId()) : Optional.empty();
      byte[] frame =
          new Pdu.Response(flags, request.callId(), out.length, request.contextId(), part, auth)
              .encode();
      Framing.write(this.out, withPrivacy ? Privacy.seal(frame, session) : frame, peer);
      off += n;
    } while (off < out.length);
    return true;
  }

  private void send(Pdu pdu) throws RpcException {
    Framing.write(out, pdu.encode(), peer);
  }

  private static SyntaxId nil() {
    return new SyntaxId(new java.util.UUID(0, 0), 0, 0);
  }
}
