package io.lapsbridge.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.config.SettingsException;
import io.lapsbridge.model.JoinState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoresTest {
  @TempDir Path temp;

  @Test
  void thePolicyFileIsASourceAndStatesTheDevicesFacts() throws Exception {
    Path file = Files.writeString(temp.resolve("policy.json"),
        "{\"legacyGpo\": {\"AdmPwdEnabled\": 1}, \"device\": {\"joinState\": \"hybrid\"}}");
    PolicyStores.DevicePolicy policy = new PolicyStores(List.of(), file, false).read();
    assertEquals(1, policy.sources().size());
    assertEquals(Optional.of(JoinState.HYBRID), policy.hints().joinState());
  }

  @Test
  void aStoreThatCannotBeReadIsAUsageError() {
    Path missing = temp.resolve("missing.pol");
    assertEquals(missing + ": no such file", assertThrows(SettingsException.class,
        () -> new PolicyStores(List.of(missing), null, false).read()).getMessage());
    assertEquals("give at least one policy source: --registry-pol, --policy-file or --registry",
        assertThrows(SettingsException.class,
            () -> new PolicyStores(List.of(), null, false).read()).getMessage());
  }

  @Test
  void theStampChangesWhenAPolicyFileChanges() throws Exception {
    Path file = Files.writeString(temp.resolve("policy.json"), "{}");
    PolicyStores stores = new PolicyStores(List.of(), file, false);
    String before = stores.stamp();
    assertEquals(before, stores.stamp(), "stable while nothing changes");

    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    String touched = stores.stamp();
    assertNotEquals(before, touched);
    Files.delete(file);
    assertNotEquals(touched, stores.stamp(), "a deleted file changes the stamp too");
  }
}
