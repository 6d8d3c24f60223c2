package io.lapsbridge.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.policy.ManagedAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class WindowsAccountsTest {
  @Test
  void administratorSidIsTheMachineSidPlusRid500() {
    assertEquals("S-1-5-21-1004336348-1177238915-682003330-500",
        WindowsAccounts.administratorSid("S-1-5-21-1004336348-1177238915-682003330"));
    assertThrows(IllegalArgumentException.class,
        () -> WindowsAccounts.administratorSid("S-1-5-32"));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void refusesToLoadNativeCodeElsewhere() {
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, WindowsAccounts::open);
    assertEquals("Windows local accounts can be managed only on Windows", e.getMessage());
  }

  @Test
  @EnabledOnOs(OS.WINDOWS)
  void findsTheRid500AccountEvenWhenRenamed() throws Exception {
    String name = WindowsAccounts.open().resolve(new ManagedAccount.BuiltInAdministrator());
    assertFalse(name.isBlank());
  }
}
