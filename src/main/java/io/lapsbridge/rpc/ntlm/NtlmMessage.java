package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The three NTLM messages of MS-NLMP 2.2.1, each parsed from and encoded to its exact bytes.
 * Payload fields are (length, max length, offset) triples into the message; parsing checks every
 * one against the message size.
 */
public sealed interface NtlmMessage
    permits NtlmMessage.Negotiate, NtlmMessage.Challenge, NtlmMessage.Authenticate {

  int flags();

  byte[] encode();

  /** Parses any of the three; the type field decides which. */
  static NtlmMessage parse(byte[] bytes) throws RpcException {
    try {
      LittleEndianReader r = LittleEndianReader.of(bytes);
      if (!Arrays.equals(r.bytes(8, "the NTLMSSP signature"), Fields.SIGNATURE)) {
        throw RpcException.malformed("NTLM message lacks the NTLMSSP signature");
      }
      long type = r.u32("MessageType");
      if (type == 1) {
        return Negotiate.parseBody(bytes, r);
      }
      if (type == 2) {
        return Challenge.parseBody(bytes, r);
      }
      if (type == 3) {
        return Authenticate.parseBody(bytes, r);
      }
      throw RpcException.malformed("NTLM message type " + type + " is not 1, 2 or 3");
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("NTLM message", e);
    }
  }

  /** NEGOTIATE_MESSAGE; we never send a domain or workstation name (no OEM fields). */
  record Negotiate(int flags) implements NtlmMessage {
    @Override
    public byte[] encode() {
      return new LittleEndianWriter()
          .bytes(Fields.SIGNATURE).u32(1).u32(flags & 0xFFFF_FFFFL)
          .u16(0).u16(0).u32(40)
          .u16(0).u16(0).u32(40)
          .bytes(Fields.OUR_VERSION)
          .toByteArray();
    }

    static Negotiate parseBody(byte[] all, LittleEndianReader r)
        throws RpcException, BinaryFormatException {
      int flags = (int) r.u32("NegotiateFlags");
      Fields.read(all, r, "domain name");
      Fields.read(all, r, "workstation");
      return new Negotiate(flags);
    }
  }

  /**
   * CHALLENGE_MESSAGE.
   *
   * @param targetName the server's NetBIOS domain name (UTF-16LE)
   * @param serverChallenge 8 random bytes
   */
  @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
  record Challenge(int flags, String targetName, byte[] serverChallenge, AvPairs targetInfo)
      implements NtlmMessage {
    public Challenge {
      if (serverChallenge == null || serverChallenge.length != 8) {
        throw new IllegalArgumentException("server challenge must be 8 bytes");
      }
      serverChallenge = serverChallenge.clone();
    }

    @Override
    public byte[] serverChallenge() {
      return serverChallenge.clone();
    }

    @Override
    public byte[] encode() {
      byte[] name = targetName.getBytes(StandardCharsets.UTF_16LE);
      byte[] info = targetInfo.encode();
      int offset = 56;
      return new LittleEndianWriter()
          .bytes(Fields.SIGNATURE).u32(2)
          .u16(name.length).u16(name.length).u32(offset)
          .u32(flags & 0xFFFF_FFFFL)
          .bytes(serverChallenge).bytes(new byte[8])
          .u16(info.length).u16(info.length).u32(offset + name.length)
          .bytes(Fields.OUR_VERSION)
          .bytes(name).bytes(info)
          .toByteArray();
    }

    static Challenge parseBody(byte[] all, LittleEndianReader r)
        throws RpcException, BinaryFormatException {
      byte[] name = Fields.read(all, r, "target name");
      int flags = (int) r.u32("NegotiateFlags");
      byte[] challenge = r.bytes(8, "the server challenge");
      r.skip(8, "Reserved");
      byte[] info = Fields.read(all, r, "target info");
      return new Challenge(
          flags, new String(name, StandardCharsets.UTF_16LE), challenge,
          info.length == 0 ? AvPairs.of() : AvPairs.parse(info));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Challenge c && Arrays.equals(encode(), c.encode());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
      return "Challenge[flags=0x" + Integer.toHexString(flags) + ", target=" + targetName + "]";
    }
  }

  /**
   * AUTHENTICATE_MESSAGE, always with VERSION and a MIC field (zero when no MIC is sent).
   *
   * @param encryptedSessionKey the exported session key RC4-encrypted with the key exchange key
   *     (empty without KEY_EXCH); not secret on its own but never printed
   */
  @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
  record Authenticate(
      int flags,
      byte[] lmResponse,
      byte[] ntResponse,
      String domain,
      String user,
      String workstation,
      byte[] encryptedSessionKey,
      byte[] mic)
      implements NtlmMessage {
    /** Where the MIC sits: after the fixed fields (64 bytes) and VERSION (8). */
    public static final int MIC_OFFSET = 72;

    static final int HEADER = 88;

    public Authenticate {
      if (lmResponse == null || ntResponse == null || domain == null || user == null
          || workstation == null || encryptedSessionKey == null || mic == null
          || mic.length != 16) {
        throw new IllegalArgumentException("invalid AUTHENTICATE fields");
      }
      lmResponse = lmResponse.clone();
      ntResponse = ntResponse.clone();
      encryptedSessionKey = encryptedSessionKey.clone();
      mic = mic.clone();
    }

    @Override
    public byte[] lmResponse() {
      return lmResponse.clone();
    }

    @Override
    public byte[] ntResponse() {
      return ntResponse.clone();
    }

    @Override
    public byte[] encryptedSessionKey() {
      return encryptedSessionKey.clone();
    }

    @Override
    public byte[] mic() {
      return mic.clone();
    }

    public Authenticate withMic(byte[] newMic) {
      return new Authenticate(
          flags, lmResponse, ntResponse, domain, user, workstation, encryptedSessionKey, newMic);
    }

    @Override
    public byte[] encode() {
      byte[] d = domain.getBytes(StandardCharsets.UTF_16LE);
      byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
      byte[] ws = workstation.getBytes(StandardCharsets.UTF_16LE);
      int off = HEADER;
      LittleEndianWriter w = new LittleEndianWriter().bytes(Fields.SIGNATURE).u32(3);
      // Payload order follows Windows: domain, user, workstation, LM, NT, session key.
      int dOff = off;
      int uOff = dOff + d.length;
      int wsOff = uOff + u.length;
      int lmOff = wsOff + ws.length;
      int ntOff = lmOff + lmResponse.length;
      int kOff = ntOff + ntResponse.length;
      Fields.write(w, lmResponse.length, lmOff);
      Fields.write(w, ntResponse.length, ntOff);
      Fields.write(w, d.length, dOff);
      Fields.write(w, u.length, uOff);
      Fields.write(w, ws.length, wsOff);
      Fields.write(w, encryptedSessionKey.length, kOff);
      return w.u32(flags & 0xFFFF_FFFFL)
          .bytes(Fields.OUR_VERSION)
          .bytes(mic)
          .bytes(d).bytes(u).bytes(ws).bytes(lmResponse).bytes(ntResponse).bytes(encryptedSessionKey)
          .toByteArray();
    }

    static Authenticate parseBody(byte[] all, LittleEndianReader r)
        throws RpcException, BinaryFormatException {
      byte[] lm = Fields.read(all, r, "LM response");
      byte[] nt = Fields.read(all, r, "NT response");
      byte[] d = Fields.read(all, r, "domain name");
      byte[] u = Fields.read(all, r, "user name");
      byte[] ws = Fields.read(all, r, "workstation");
      byte[] key = Fields.read(all, r, "encrypted session key");
      int flags = (int) r.u32("NegotiateFlags");
      if (!NtlmFlags.has(flags, NtlmFlags.UNICODE)) {
        throw RpcException.malformed("NTLM AUTHENTICATE is not Unicode (OEM is not supported)");
      }
      byte[] mic = new byte[16];
      if (NtlmFlags.has(flags, NtlmFlags.VERSION)) {
        r.skip(8, "Version");
        // A MIC-less sender may start its payload right here; only a full header has one.
        if (r.position() + 16 <= lowestOffset(all) && r.remaining() >= 16) {
          mic = r.bytes(16, "the MIC");
        }
      }
      return new Authenticate(
          flags, lm, nt, utf16(d, "domain name"), utf16(u, "user name"),
          utf16(ws, "workstation"), key, mic);
    }

    /** The smallest payload offset, which bounds the fixed header. */
    private static int lowestOffset(byte[] all) {
      int lowest = all.length;
      for (int field = 0; field < 6; field++) {
        int at = 12 + field * 8;
        int len = (all[at] & 0xFF) | (all[at + 1] & 0xFF) << 8;
        int off =
            (all[at + 4] & 0xFF) | (all[at + 5] & 0xFF) << 8 | (all[at + 6] & 0xFF) << 16
                | (all[at + 7] & 0xFF) << 24;
        if (len > 0 && off >= 0) {
          lowest = Math.min(lowest, off);
        }
      }
      return lowest;
    }

    private static String utf16(byte[] b, String field) throws RpcException {
      if (b.length % 2 != 0) {
        throw RpcException.malformed("NTLM " + field + " is not UTF-16LE");
      }
      return new String(b, StandardCharsets.UTF_16LE);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Authenticate a && Arrays.equals(encode(), a.encode());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(encode());
    }

    /** Names only; responses and keys never print. */
    @Override
    public String toString() {
      return "Authenticate[" + domain + "\\" + user + ", flags=0x" + Integer.toHexString(flags)
          + "]";
    }
  }

  /** The (length, max length, offset) payload references. */
  final class Fields {
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    /** The VERSION we send: Windows 10.0 build 20348, NTLM revision 15. */
    private static final byte[] OUR_VERSION = {10, 0, 0x7C, 0x4F, 0, 0, 0, 0x0F};

    private Fields() {}

    static byte[] read(byte[] all, LittleEndianReader r, String field)
        throws RpcException, BinaryFormatException {
      int len = r.u16(field + " length");
      r.u16(field + " maximum length");
      long off = r.u32(field + " offset");
      if (len == 0) {
        return new byte[0];
      }
      if (off + len > all.length) {
        throw RpcException.malformed(
            "NTLM " + field + " (" + len + " bytes at " + off + ") runs past the "
                + all.length + "-byte message");
      }
      return Arrays.copyOfRange(all, (int) off, (int) off + len);
    }

    static void write(LittleEndianWriter w, int len, int off) {
      w.u16(len).u16(len).u32(off);
    }
  }
}
