package io.lapsbridge.rpc.gkdi;

/** The HRESULTs GetKey answers with, as DCs send them. */
public final class Hresult {
  public static final int S_OK = 0;
  /** The caller is not granted the access the request needs. */
  public static final int E_ACCESSDENIED = 0x8007_0005;
  /** A key from the future, or a root key not yet usable. */
  public static final int E_INVALIDARG = 0x8007_0057;
  /** No such root key. */
  public static final int NTE_NO_KEY = 0x8009_000D;
  public static final int NTE_BAD_KEY = 0x8009_0003;

  private Hresult() {}

  public static boolean failed(int hresult) {
    return hresult < 0;
  }

  public static String describe(int hresult) {
    String name =
        switch (hresult) {
          case S_OK -> "S_OK";
          case E_ACCESSDENIED -> "E_ACCESSDENIED";
          case E_INVALIDARG -> "E_INVALIDARG";
          case NTE_NO_KEY -> "NTE_NO_KEY";
          case NTE_BAD_KEY -> "NTE_BAD_KEY";
          default -> "HRESULT";
        };
    return name + String.format(" (0x%08x)", hresult);
  }
}
