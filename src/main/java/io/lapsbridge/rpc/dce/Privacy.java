package io.lapsbridge.rpc.dce;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.ntlm.NtlmSession;
import java.util.Arrays;
import java.util.Optional;

/**
 * NTLM packet privacy on request and response fragments (MS-RPCE 3.3.1.5.2): the stub and its
 * padding are sealed, and the 16-byte signature after the trailer covers the header, plaintext
 * stub, padding and trailer. With NTLM this span does not depend on header signing.
 */
final class Privacy {
  /** Stub padding so the trailer follows a 16-byte multiple of stub (MS-RPCE 2.2.2.11). */
  static final int STUB_ALIGN = 16;

  private Privacy() {}

  /** The trailer a sealed fragment carries, with a zero signature to be filled in. */
  static Optional<AuthTrailer> trailer(int stubLength, int contextId) {
    int pad = Pdu.Frames.padding(stubLength, STUB_ALIGN);
    return Optional.of(
        new AuthTrailer(
            AuthTrailer.TYPE_NTLM, AuthTrailer.LEVEL_PRIVACY, pad, contextId,
            new byte[NtlmSession.SIGNATURE_LENGTH]));
  }

  /** Seals an encoded request or response fragment in place. */
  static byte[] seal(byte[] frame, NtlmSession session) {
    int trailerAt = frame.length - NtlmSession.SIGNATURE_LENGTH - AuthTrailer.LENGTH;
    byte[] signature =
        session.seal(
            frame, Pdu.STUB_OFFSET, trailerAt - Pdu.STUB_OFFSET, trailerAt + AuthTrailer.LENGTH);
    System.arraycopy(signature, 0, frame, frame.length - signature.length, signature.length);
    return frame;
  }

  /** Unseals a received request or response fragment in place and checks its signature. */
  static void unseal(byte[] frame, NtlmSession session) throws RpcException {
    Pdu.Frames.Header h = Pdu.Frames.header(frame);
    if (h.authLength() != NtlmSession.SIGNATURE_LENGTH) {
      throw new RpcException(
          RpcException.Kind.INTEGRITY,
          "a sealed fragment must carry a 16-byte NTLM signature, not " + h.authLength());
    }
    int stubAt =
        Pdu.STUB_OFFSET + (h.type() == Pdu.REQUEST && (h.flags() & Pdu.OBJECT_UUID) != 0 ? 16 : 0);
    int trailerAt = frame.length - NtlmSession.SIGNATURE_LENGTH - AuthTrailer.LENGTH;
    if (trailerAt < stubAt) {
      throw RpcException.malformed("sealed fragment is too short for its trailer");
    }
    byte[] signature = Arrays.copyOfRange(frame, frame.length - 16, frame.length);
    session.unseal(frame, stubAt, trailerAt - stubAt, trailerAt + AuthTrailer.LENGTH, signature);
  }
}
