package io.lapsbridge.rpc.ntlm;

/** The NEGOTIATE flags of MS-NLMP 2.2.2.5 that this implementation sends or checks. */
public final class NtlmFlags {
  public static final int UNICODE = 0x0000_0001;
  public static final int OEM = 0x0000_0002;
  public static final int REQUEST_TARGET = 0x0000_0004;
  public static final int SIGN = 0x0000_0010;
  public static final int SEAL = 0x0000_0020;
  public static final int LM_KEY = 0x0000_0080;
  public static final int NTLM = 0x0000_0200;
  public static final int ANONYMOUS = 0x0000_0800;
  public static final int ALWAYS_SIGN = 0x0000_8000;
  public static final int TARGET_TYPE_DOMAIN = 0x0001_0000;
  public static final int TARGET_TYPE_SERVER = 0x0002_0000;
  public static final int EXTENDED_SESSION_SECURITY = 0x0008_0000;
  public static final int TARGET_INFO = 0x0080_0000;
  public static final int VERSION = 0x0200_0000;
  public static final int NEGOTIATE_128 = 0x2000_0000;
  public static final int KEY_EXCH = 0x4000_0000;
  public static final int NEGOTIATE_56 = 0x8000_0000;

  /** What we ask for: NTLMv2 with 128-bit sealing, key exchange and extended session security. */
  public static final int CLIENT_DEFAULT =
      UNICODE | REQUEST_TARGET | SIGN | SEAL | NTLM | ALWAYS_SIGN | EXTENDED_SESSION_SECURITY
          | TARGET_INFO | VERSION | NEGOTIATE_128 | KEY_EXCH | NEGOTIATE_56;

  /** Without these, packet privacy as DCE/RPC needs it cannot be had. */
  public static final int REQUIRED = UNICODE | SIGN | SEAL | EXTENDED_SESSION_SECURITY | NEGOTIATE_128;

  private NtlmFlags() {}

  public static boolean has(int flags, int wanted) {
    return (flags & wanted) == wanted;
  }
}
