package io.lapsbridge.rpc.dce;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection-oriented PDUs this implementation sends and receives (C706 12.6, MS-RPCE
 * 2.2.2), each encoded to and parsed from one complete fragment: the 16-byte common header, the
 * body, and with authentication the stub padding, {@code sec_trailer} and auth value.
 *
 * <p>Request and response stubs are carried as they are on the wire: with packet privacy they
 * are still sealed here; {@link Privacy} seals and unseals fragments in place.
 */
public sealed interface Pdu
    permits Pdu.Bind, Pdu.BindAck, Pdu.BindNak, Pdu.Auth3, Pdu.Request, Pdu.Response, Pdu.Fault {
  int REQUEST = 0;
  int RESPONSE = 2;
  int FAULT = 3;
  int BIND = 11;
  int BIND_ACK = 12;
  int BIND_NAK = 13;
  int ALTER_CONTEXT = 14;
  int ALTER_CONTEXT_RESP = 15;
  int AUTH3 = 16;

  int FIRST_FRAG = 0x01;
  int LAST_FRAG = 0x02;
  /** On bind-type PDUs "supports header signing"; on a request it would mean pending cancel. */
  int SUPPORT_HEADER_SIGN = 0x04;
  int OBJECT_UUID = 0x80;

  int HEADER_LENGTH = 16;
  /** Request and response stubs start here (no object UUID). */
  int STUB_OFFSET = 24;
  /** C706's minimum for max_xmit_frag / max_recv_frag. */
  int MIN_FRAGMENT = 1432;

  int callId();

  Optional<AuthTrailer> auth();

  /** The complete fragment. */
  byte[] encode();

  /** bind and alter_context: one presentation context offering NDR. */
  record Bind(
      boolean alter,
      int flags,
      int callId,
      int maxXmit,
      int maxRecv,
      int assocGroup,
      List<ContextElement> contexts,
      Optional<AuthTrailer> auth)
      implements Pdu {
    public Bind {
      contexts = List.copyOf(contexts);
    }

    @Override
    public byte[] encode() {
      LittleEndianWriter body =
          new LittleEndianWriter().u16(maxXmit).u16(maxRecv).i32(assocGroup)
              .u8(contexts.size()).u8(0).u16(0);
      for (ContextElement c : contexts) {
        body.u16(c.id()).u8(c.transfer().size()).u8(0);
        syntax(body, c.abstractSyntax());
        for (SyntaxId t : c.transfer()) {
          syntax(body, t);
        }
      }
      return Frames.encode(alter ? ALTER_CONTEXT : BIND, flags, callId, body.toByteArray(), auth);
    }
  }

  /** A presentation context: id, interface and the transfer syntaxes offered. */
  record ContextElement(int id, SyntaxId abstractSyntax, List<SyntaxId> transfer) {
    public ContextElement {
      transfer = List.copyOf(transfer);
    }
  }

  /** The server's answer to one presentation context: 0 accepted, 2 provider rejection. */
  record ContextResult(int result, int reason, SyntaxId transfer) {
    public static final int ACCEPTANCE = 0;
    public static final int PROVIDER_REJECTION = 2;
  }

  /** bind_ack and alter_context_resp. */
  record BindAck(
      boolean alter,
      int flags,
      int callId,
      int maxXmit,
      int maxRecv,
      int assocGroup,
      String secondaryAddress,
      List<ContextResult> results,
      Optional<AuthTrailer> auth)
      implements Pdu {
    public BindAck {
      results = List.copyOf(results);
    }

    @Override
    public byte[] encode() {
      byte[] address =
          alter ? new byte[0] : (secondaryAddress + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      LittleEndianWriter body =
          new LittleEndianWriter().u16(maxXmit).u16(maxRecv).i32(assocGroup)
              .u16(address.length).bytes(address);
      // The result list is 4-aligned from the start of the PDU (header is 16 bytes).
      body.align(4);
      body.u8(results.size()).u8(0).u16(0);
      for (ContextResult r : results) {
        body.u16(r.result()).u16(r.reason());
        syntax(body, r.transfer());
      }
      return Frames.encode(
          alter ? ALTER_CONTEXT_RESP : BIND_ACK, flags, callId, body.toByteArray(), auth);
    }
  }

  /**
   * bind_nak.
   *
   * @param reason C706 provider reject reason: 8 authentication type not recognized, 9 invalid
   *     checksum, 4 protocol version not supported
   */
  record BindNak(int callId, int reason) implements Pdu {
    public static final int AUTHENTICATION_TYPE_NOT_RECOGNIZED = 8;

    @Override
    public Optional<AuthTrailer> auth() {
      return Optional.empty();
    }

    @Override
    public byte[] encode() {
      byte[] body = new LittleEndianWriter().u16(reason).u8(1).u8(5).u8(0).toByteArray();
      return Frames.encode(BIND_NAK, FIRST_FRAG | LAST_FRAG, callId, body, Optional.empty());
    }
  }

  /** auth3: the third NTLM leg; four pad bytes precede its trailer (MS-RPCE 2.2.2.10). */
  record Auth3(int callId, Optional<AuthTrailer> auth) implements Pdu {
    @Override
    public byte[] encode() {
      return Frames.encode(AUTH3, FIRST_FRAG | LAST_FRAG, callId, new byte[4], auth);
    }
  }

  /** request, without object UUID. */
  @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
  record Request(
      int flags,
      int callId,
      int allocHint,
      int contextId,
      int opnum,
      byte[] stub,
      Optional<AuthTrailer> auth)
      implements Pdu {
    public Request {
      stub = stub.clone();
    }

    @Override
    public byte[] stub() {
      return stub.clone();
    }

    @Override
    public byte[] encode() {
      byte[] body =
          new LittleEndianWriter().i32(allocHint).u16(contextId).u16(opnum).bytes(stub).toByteArray();
      return Frames.encode(REQUEST, flags, callId, body, auth);
    }

    @Override
    public String toString() {
      return "Request[call=" + callId + ", opnum=" + opnum + ", stub=" + stub.length + " bytes]";
    }
  }

  /** response. */
  @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
  record Response(
      int flags, int callId, int allocHint, int contextId, byte[] stub, Optional<AuthTrailer> auth)
      implements Pdu {
    public Response {
      stub = stub.clone();
    }

    @Override
    public byte[] stub() {
      return stub.clone();
    }

    @Override
    public byte[] encode() {
      byte[] body =
          new LittleEndianWriter().i32(allocHint).u16(contextId).u8(0).u8(0).bytes(stub)
              .toByteArray();
      return Frames.encode(RESPONSE, flags, callId, body, auth);
    }

    @Override
    public String toString() {
      return "Response[call=" + callId + ", stub=" + stub.length + " bytes]";
    }
  }

  /** fault: the call failed in the RPC runtime or the server stub; {@code status} says why. */
  record Fault(int flags, int callId, int contextId, int status) implements Pdu {
    /** nca_s_op_rng_error: no such operation. */
    public static final int OP_RANGE_ERROR = 0x1C01_0002;
    /** nca_s_unk_if: interface not offered. */
    public static final int UNKNOWN_INTERFACE = 0x1C01_0003;
    /** nca_s_proto_error. */
    public static final int PROTOCOL_ERROR = 0x1C01_000B;
    /** ERROR_ACCESS_DENIED, what Windows sends when the NTLM third leg did not verify. */
    public static final int ACCESS_DENIED = 0x0000_0005;
    /** RPC_S_UNKNOWN_AUTHN_LEVEL / SEC_E insufficient level: "authentication level" refusals. */
    public static final int AUTHN_LEVEL_REFUSED = 0x0000_06D4;
    /** nca_s_fault_ndr: the stub did not unmarshal. */
    public static final int NDR_ERROR = 0x0000_06F7;

    @Override
    public Optional<AuthTrailer> auth() {
      return Optional.empty();
    }

    @Override
    public byte[] encode() {
      byte[] body =
          new LittleEndianWriter().u32(0).u16(contextId).u8(0).u8(0).i32(status).u32(0)
              .toByteArray();
      return Frames.encode(FAULT, flags, callId, body, Optional.empty());
    }
  }

  private static void syntax(LittleEndianWriter w, SyntaxId s) {
    w.guid(s.uuid()).u16(s.major()).u16(s.minor());
  }

  /** Parses one complete fragment. */
  static Pdu parse(byte[] frame) throws RpcException {
    try {
      return read(frame);
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("PDU", e);
    }
  }

  private static Pdu read(byte[] frame) throws RpcException, BinaryFormatException {
    Frames.Header h = Frames.header(frame);
    Optional<AuthTrailer> auth = Optional.empty();
    int bodyEnd = frame.length;
    if (h.authLength() > 0) {
      int trailerAt = frame.length - h.authLength() - AuthTrailer.LENGTH;
      if (trailerAt < HEADER_LENGTH) {
        throw RpcException.malformed("PDU auth length " + h.authLength() + " exceeds the fragment");
      }
      LittleEndianReader t = LittleEndianReader.of(frame).seek(trailerAt);
      int type = t.u8("auth_type");
      int level = t.u8("auth_level");
      int pad = t.u8("auth_pad_length");
      t.u8("auth_reserved");
      int context = (int) t.u32("auth_context_id");
      byte[] value = t.bytes(h.authLength(), "the auth value");
      bodyEnd = trailerAt - pad;
      if (bodyEnd < HEADER_LENGTH) {
        throw RpcException.malformed("PDU auth padding " + pad + " runs into the header");
      }
      auth = Optional.of(new AuthTrailer(type, level, pad, context, value));
    }
    LittleEndianReader r = LittleEndianReader.of(frame).upTo(bodyEnd, "PDU type " + h.type());
    r.skip(HEADER_LENGTH, "the common header");
    return switch (h.type()) {
      case BIND, ALTER_CONTEXT -> parseBind(h, r, auth);
      case BIND_ACK, ALTER_CONTEXT_RESP -> parseBindAck(h, r, auth);
      case BIND_NAK -> new BindNak(h.callId(), r.u16("provider_reject_reason"));
      case AUTH3 -> new Auth3(h.callId(), auth);
      case REQUEST -> parseRequest(h, r, auth);
      case RESPONSE -> parseResponse(h, r, auth);
      case FAULT -> parseFault(h, r);
      default -> throw RpcException.malformed("PDU type " + h.type() + " is not supported");
    };
  }

  private static Request parseRequest(
      Frames.Header h, LittleEndianReader r, Optional<AuthTrailer> auth)
      throws BinaryFormatException {
    int hint = (int) r.u32("alloc_hint");
    int ctx = r.u16("p_cont_id");
    int opnum = r.u16("opnum");
    if ((h.flags() & OBJECT_UUID) != 0) {
      r.skip(16, "object UUID");
    }
    return new Request(
        h.flags(), h.callId(), hint, ctx, opnum, r.bytes(r.remaining(), "stub"), auth);
  }

  private static Response parseResponse(
      Frames.Header h, LittleEndianReader r, Optional<AuthTrailer> auth)
      throws BinaryFormatException {
    int hint = (int) r.u32("alloc_hint");
    int ctx = r.u16("p_cont_id");
    r.skip(2, "cancel_count and reserved");
    return new Response(h.flags(), h.callId(), hint, ctx, r.bytes(r.remaining(), "stub"), auth);
  }

  private static Fault parseFault(Frames.Header h, LittleEndianReader r)
      throws BinaryFormatException {
    r.u32("alloc_hint");
    int ctx = r.u16("p_cont_id");
    r.skip(2, "cancel_count and reserved");
    return new Fault(h.flags(), h.callId(), ctx, (int) r.u32("status"));
  }

  private static Bind parseBind(Frames.Header h, LittleEndianReader r, Optional<AuthTrailer> auth)
      throws BinaryFormatException {
    int maxXmit = r.u16();
    int maxRecv = r.u16();
    int group = (int) r.u32();
    int n = r.u8();
    r.skip(3, "padding");
    List<ContextElement> contexts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = r.u16();
      int transfers = r.u8();
      r.skip(1, "padding");
      SyntaxId abstractSyntax = syntax(r);
      List<SyntaxId> offered = new ArrayList<>();
      for (int j = 0; j < transfers; j++) {
        offered.add(syntax(r));
      }
      contexts.add(new ContextElement(id, abstractSyntax, offered));
    }
    return new Bind(h.type() == ALTER_CONTEXT, h.flags(), h.callId(), maxXmit, maxRecv, group,
        contexts, auth);
  }

  private static BindAck parseBindAck(
      Frames.Header h, LittleEndianReader r, Optional<AuthTrailer> auth)
      throws BinaryFormatException {
    int maxXmit = r.u16();
    int maxRecv = r.u16();
    int group = (int) r.u32();
    int addressLength = r.u16();
    byte[] address = r.bytes(addressLength, "the secondary address");
    r.align(4, "NDR");
    int n = r.u8();
    r.skip(3, "padding");
    List<ContextResult> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int result = r.u16();
      int reason = r.u16();
      results.add(new ContextResult(result, reason, syntax(r)));
    }
    String text =
        new String(address, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
    return new BindAck(h.type() == ALTER_CONTEXT_RESP, h.flags(), h.callId(), maxXmit, maxRecv,
        group, text, results, auth);
  }

  private static SyntaxId syntax(LittleEndianReader r) throws BinaryFormatException {
    return new SyntaxId(r.guid(), r.u16(), r.u16());
  }

  /** The common header and fragment assembly. */
  final class Frames {
    private Frames() {}

    /** The 16-byte common header. */
    record Header(int type, int flags, int fragLength, int authLength, int callId) {}

    static Header header(byte[] frame) throws RpcException {
      LittleEndianReader r = LittleEndianReader.of(frame);
      int major;
      int minor;
      int type;
      int flags;
      byte[] drep;
      int fragLength;
      int authLength;
      int callId;
      try {
        major = r.u8("rpc_vers");
        minor = r.u8("rpc_vers_minor");
        type = r.u8("PTYPE");
        flags = r.u8("pfc_flags");
        drep = r.bytes(4, "the data representation");
        fragLength = r.u16("frag_length");
        authLength = r.u16("auth_length");
        callId = (int) r.u32("call_id");
      } catch (BinaryFormatException e) {
        throw RpcException.malformed("PDU header", e);
      }
      if (major != 5 || minor != 0) {
        throw RpcException.malformed("PDU version " + major + "." + minor + " is not 5.0");
      }
      if (drep[0] != 0x10) {
        throw RpcException.malformed("PDU data representation is not little-endian ASCII IEEE");
      }
      if (fragLength != frame.length) {
        throw RpcException.malformed(
            "PDU fragment length " + fragLength + " differs from the " + frame.length
                + " bytes received");
      }
      return new Header(type, flags, fragLength, authLength, callId);
    }

    /** Header, body, padding, trailer and auth value; lengths filled in. */
    static byte[] encode(int type, int flags, int callId, byte[] body, Optional<AuthTrailer> auth) {
      LittleEndianWriter w = new LittleEndianWriter();
      int pad = auth.map(AuthTrailer::padLength).orElse(0);
      byte[] value = auth.map(AuthTrailer::value).orElse(new byte[0]);
      int fragLength =
          HEADER_LENGTH + body.length + (auth.isPresent() ? pad + AuthTrailer.LENGTH : 0)
              + value.length;
      w.u8(5).u8(0).u8(type).u8(flags).bytes(new byte[] {0x10, 0, 0, 0})
          .u16(fragLength).u16(value.length).i32(callId)
          .bytes(body);
      if (auth.isPresent()) {
        AuthTrailer a = auth.get();
        w.bytes(new byte[pad]).u8(a.type()).u8(a.level()).u8(pad).u8(0).i32(a.contextId()).bytes(value);
      }
      return w.toByteArray();
    }

    /** Padding that puts the trailer {@code align}-aligned after a body ending at {@code end}. */
    static int padding(int end, int align) {
      return (align - end % align) % align;
    }
  }
}
