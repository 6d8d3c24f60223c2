package io.lapsbridge.rpc.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.Mutator;
import io.lapsbridge.rpc.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code ws01.keytab} was written by MIT ktutil: WS01$ with AES-256 and RC4 keys (kvno 3) from
 * "Machine-Pw-01", and host/ws01.example.com with an RC4 key (kvno 2) from "Old-Pw-00".
 */
class KeytabTest {
  private static byte[] keytab() throws Exception {
    return Files.readAllBytes(Path.of("src/test/resources/keytab/ws01.keytab"));
  }

  @Test
  void theRc4KeyOfTheMachineAccountIsItsNtHash() throws Exception {
    List<Keytab.Entry> entries = Keytab.parse(keytab());
    assertEquals(3, entries.size());
    assertEquals("WS01$@EXAMPLE.COM", entries.get(0).principal());
    assertEquals(18, entries.get(0).enctype());
    assertEquals("host/ws01.example.com@EXAMPLE.COM", entries.get(2).principal());
    assertArrayEquals(
        NtHash.of(Secret.of("Machine-Pw-01")),
        Keytab.ntHash(entries, "ws01$@example.com").orElseThrow());
    assertArrayEquals(
        NtHash.of(Secret.of("Old-Pw-00")),
        Keytab.ntHash(entries, "host/ws01.example.com@EXAMPLE.COM").orElseThrow());
    assertTrue(Keytab.ntHash(entries, "WS02$@EXAMPLE.COM").isEmpty());
    assertFalse(entries.get(1).toString().contains("63c8"), "keys never print");
  }

  @Test
  void mutatedKeytabsFailCleanly() throws Exception {
    byte[] good = keytab();
    Random random = new Random(0x4B7AB);
    for (int i = 0; i < 20_000; i++) {
      try {
        Keytab.parse(Mutator.mutate(good, random));
      } catch (RpcException e) {
        assertEquals(RpcException.Kind.MALFORMED, e.kind());
      } catch (Throwable t) {
        fail("iteration " + i + ": " + t, t);
      }
    }
    assertThrows(RpcException.class, () -> Keytab.parse(new byte[] {5, 1}));
  }
}
