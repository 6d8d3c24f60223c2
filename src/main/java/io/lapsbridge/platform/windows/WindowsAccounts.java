package io.lapsbridge.platform.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import io.lapsbridge.model.Secret;
import io.lapsbridge.model.Sid;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.LocalAccountPort;
import io.lapsbridge.rotation.PortException;

/**
 * Local accounts of a Windows machine through JNA: the RID-500 account found with
 * LookupAccountSid (so a renamed Administrator is still found), and passwords set with
 * NetUserSetInfo level 1003. Compiles everywhere; {@link #open()} refuses elsewhere, so the
 * native code is only loaded on Windows.
 */
public final class WindowsAccounts implements LocalAccountPort {
  private static final int NERR_SUCCESS = 0;
  private static final int NERR_USER_NOT_FOUND = 2221;

  private final NetApi netapi;

  private WindowsAccounts(NetApi netapi) {
    this.netapi = netapi;
  }

  /** The live accounts; only on Windows. */
  public static WindowsAccounts open() {
    if (!WindowsRegistryPolicySource.supported()) {
      throw new UnsupportedOperationException("Windows local accounts can be managed only on"
          + " Windows");
    }
    return new WindowsAccounts(Native.load("Netapi32", NetApi.class,
        W32APIOptions.DEFAULT_OPTIONS));
  }

  private static final long ADMINISTRATOR_RID = 500;

  /** The SID of the built-in Administrator: the machine's account-domain SID plus RID 500. */
  public static String administratorSid(String machineSid) {
    Sid machine = Sid.of(machineSid);
    if (machine.authority() != 5 || machine.subAuthorities().size() != 4
        || machine.subAuthorities().get(0) != 21) {
      throw new IllegalArgumentException("not a machine account-domain SID: " + machineSid);
    }
    return machine.withRid(ADMINISTRATOR_RID).toString();
  }

  @Override
  public String resolve(ManagedAccount account) throws PortException {
    try {
      if (account instanceof ManagedAccount.Named named) {
        Advapi32Util.getAccountByName(null, named.name());
        return named.name();
      }
      if (account instanceof ManagedAccount.BuiltInAdministrator) {
        String machine = Advapi32Util.getAccountByName(Kernel32Util.getComputerName()).sidString;
        return Advapi32Util.getAccountBySid(administratorSid(machine)).name;
      }
    } catch (Win32Exception | IllegalArgumentException e) {
      throw new PortException(PortException.Kind.ACCOUNT_MISSING, "failed to find the managed"
          + " local account " + account.describe() + ": " + e.getMessage());
    }
    throw new PortException(PortException.Kind.ACCOUNT_MISSING, "cannot manage "
        + account.describe() + " with this agent");
  }

  @Override
  public void setPassword(String account, Secret password) throws PortException {
    char[] chars = password.chars();
    Memory wide = new Memory((chars.length + 1L) * Native.WCHAR_SIZE);
    try {
      for (int i = 0; i < chars.length; i++) {
        wide.setChar((long) i * Native.WCHAR_SIZE, chars[i]);
      }
      wide.setChar((long) chars.length * Native.WCHAR_SIZE, '\0');
      UserInfo1003 info = new UserInfo1003();
      info.usri1003_password = wide;
      info.write();
      int status = netapi.NetUserSetInfo(null, account, 1003, info, new IntByReference());
      if (status != NERR_SUCCESS) {
        throw new PortException(status == NERR_USER_NOT_FOUND
            ? PortException.Kind.ACCOUNT_MISSING : PortException.Kind.LOCAL_FAILED,
            "NetUserSetInfo(1003) for '" + account + "' failed with status " + status);
      }
    } finally {
      wide.clear();
      java.util.Arrays.fill(chars, '\0');
    }
  }

  @Override
  public void terminateSessions(String account) throws PortException {
    throw new PortException(PortException.Kind.LOCAL_FAILED, "ending the sessions of '"
        + account + "' is not implemented on Windows by this agent; use action 1");
  }

  /** The one netapi32 entry point jna-platform lacks. */
  interface NetApi extends StdCallLibrary {
    int NetUserSetInfo(String servername, String username, int level, UserInfo1003 buf,
        IntByReference parmErr);
  }

  /** USER_INFO_1003: just the password, as a pointer so that it can be wiped. */
  @Structure.FieldOrder("usri1003_password")
  public static final class UserInfo1003 extends Structure {
    public Pointer usri1003_password;
  }
}
