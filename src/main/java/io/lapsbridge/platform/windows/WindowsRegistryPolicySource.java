package io.lapsbridge.platform.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.PolicySource;
import io.lapsbridge.policy.RawValue;
import io.lapsbridge.policy.RootSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The LAPS policy roots as they are in this machine's registry (HKLM, 64-bit view).
 *
 * <p>Only usable on Windows; {@link #open()} refuses elsewhere.
 */
public final class WindowsRegistryPolicySource implements PolicySource {
  /** Where the legacy AdmPwd CSE registers itself. */
  static final String LEGACY_CSE_KEY = "Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"
      + "\\GPExtensions\\{D76B9641-3288-4f75-942D-087DE603E3EA}";

  private WindowsRegistryPolicySource() {}

  /** Whether this JVM runs on Windows. */
  public static boolean supported() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /**
   * A source over the live registry.
   *
   * @throws UnsupportedOperationException when not on Windows
   */
  public static WindowsRegistryPolicySource open() {
    if (!supported()) {
      throw new UnsupportedOperationException(
          "the live registry can be read only on Windows (this is "
              + System.getProperty("os.name", "an unknown OS") + ")");
    }
    return new WindowsRegistryPolicySource();
  }

  @Override
  public String describe() {
    return "the local registry";
  }

  @Override
  public RootSettings read(PolicyRoot root) {
    // A 32-bit JVM would otherwise see the WOW64 view, where Windows LAPS policy never is.
    int view = WinNT.KEY_WOW64_64KEY;
    if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, root.subKey(), view)) {
      return RootSettings.empty(root);
    }
    Map<String, RawValue> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, Object> entry : Advapi32Util
        .registryGetValues(WinReg.HKEY_LOCAL_MACHINE, root.subKey(), view).entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Integer i) {
        values.put(entry.getKey(), RawValue.of(Integer.toUnsignedLong(i)));
      } else if (value instanceof Long l) {
        values.put(entry.getKey(), RawValue.of(l));
      } else if (value instanceof String s) {
        values.put(entry.getKey(), RawValue.of(s));
      }
      // REG_BINARY and REG_MULTI_SZ carry no LAPS setting.
    }
    return new RootSettings(root, values);
  }

  /**
   * Whether the legacy CSE is installed as Windows LAPS judges it: {@code DllName} is registered
   * and names a file that exists.
   */
  public boolean legacyCseInstalled() {
    int view = WinNT.KEY_WOW64_64KEY;
    if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, LEGACY_CSE_KEY, view)) {
      return false;
    }
    for (Map.Entry<String, Object> entry : Advapi32Util
        .registryGetValues(WinReg.HKEY_LOCAL_MACHINE, LEGACY_CSE_KEY, view).entrySet()) {
      if (entry.getKey().equalsIgnoreCase("DllName") && entry.getValue() instanceof String dll) {
        try {
          return Files.isRegularFile(Path.of(Kernel32Util.expandEnvironmentStrings(dll)));
        } catch (InvalidPathException e) {
          return false;
        }
      }
    }
    return false;
  }
}
