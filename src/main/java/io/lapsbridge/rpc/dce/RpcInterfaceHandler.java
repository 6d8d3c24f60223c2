package io.lapsbridge.rpc.dce;

/** A server-side interface: its syntax, whether it demands packet privacy, and its operations. */
public interface RpcInterfaceHandler {
  SyntaxId syntax();

  /** True when calls need NTLM packet privacy (MS-GKDI requires it; the endpoint mapper not). */
  boolean requiresPrivacy();

  /** Runs operation {@code opnum} on a reassembled, unsealed stub. */
  Reply invoke(int opnum, byte[] stub, Caller caller);

  /** Who is calling: the NTLM identity, or anonymous on an unauthenticated binding. */
  record Caller(String user, String domain, boolean authenticated) {
    public static final Caller ANONYMOUS = new Caller("", "", false);
  }

  /** What a call produces. */
  sealed interface Reply permits Reply.Stub, Reply.Fault, Reply.Drop {
    /** A normal response carrying an NDR stub (which may itself hold a failure HRESULT). */
    @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
    record Stub(byte[] bytes) implements Reply {
      public Stub {
        bytes = bytes.clone();
      }

      @Override
      public byte[] bytes() {
        return bytes.clone();
      }
    }

    /** A fault PDU with this status. */
    record Fault(int status) implements Reply {}

    /** Close the connection without answering (for fault-injection tests). */
    record Drop() implements Reply {}
  }
}
